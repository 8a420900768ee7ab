import type { FastifyRequest } from 'fastify';
import type { Reading } from '../chapters/chapters.model.ts';
import type { Work } from '../works/works.model.ts';
import { recordVisit } from '../history/history.repository.ts';
import { kudosPolicy } from '../kudos/kudos.policy.ts';
import { findWorkReactions, type WorkReactionCounts } from './reactions.repository.ts';

/** What the work page's kudos, bookmark and "later" parts need (views/work-reactions.tsx). */
export interface WorkReactions extends WorkReactionCounts {
  workId: number;
  /** Kudos allowed for this viewer (guests: unless members-only; never the creators). */
  canGiveKudos: boolean;
  /** Thanks after the no-JavaScript kudos POST (…?kudos=thanks). */
  kudosNotice?: string;
  /** After saving a bookmark (…?bookmarked=1). */
  bookmarkNotice?: string;
}

/** The chapter this page shows that reaches furthest: the one read, or the last of the whole work. */
function chapterReached(reading: Reading): { id: number; position: number } | null {
  const chapter = reading.view === 'chapter' ? reading.chapter : reading.chapters.at(-1);
  return chapter ? { id: chapter.id, position: chapter.position } : null;
}

/**
 * For the work page (works.routes.tsx, sendWorkPage): one query for the reactions, plus, for a
 * member reading a posted work, one upsert recording the visit in their history (skipped inside
 * that statement when their history is off). Guests' pages may be answered from the guest page
 * cache; history only concerns members, whose pages aren't cached, so it is recorded here.
 */
export async function loadWorkReactions(request: FastifyRequest, work: Work, reading: Reading): Promise<WorkReactions> {
  const { db } = request.server;
  const viewer = request.viewer;
  if (viewer && work.posted) await recordVisit(db, viewer.id, work.id, chapterReached(reading));
  const counts = (await findWorkReactions(db, work.id, viewer?.id ?? null)) ?? {
    kudosCount: 0,
    bookmarksCount: 0,
    commentsCount: 0,
    hitsCount: 0,
    kudos: { members: [], memberCount: 0, guestCount: 0 },
    viewer: { gaveKudos: false, bookmarkId: null, markedForLater: false, subscribed: false },
  };
  const target = { id: work.id, posted: work.posted, restricted: work.restricted, creatorUserIds: work.creators.map((c) => c.userId) };
  const query = (request.query ?? {}) as { kudos?: unknown; bookmarked?: unknown };
  return {
    ...counts,
    workId: work.id,
    canGiveKudos: kudosPolicy.can(viewer, 'give', target),
    ...(query.kudos === 'thanks' ? { kudosNotice: 'Thank you for leaving kudos!' } : {}),
    ...(query.bookmarked === '1' && counts.viewer.bookmarkId !== null ? { bookmarkNotice: 'Your bookmark is saved.' } : {}),
  };
}
