import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import { kudosSummaryJson, toKudosSummary } from '../kudos/kudos.repository.ts';
import type { KudosSummary } from '../kudos/kudos.model.ts';

export interface WorkReactionCounts {
  kudosCount: number;
  bookmarksCount: number;
  commentsCount: number;
  /** Refreshed by the hits flush; on a guest's cached page up to the cache TTL old (ARCHITECTURE.md). */
  hitsCount: number;
  kudos: KudosSummary;
  /** This member's own state (all false/null for guests), their subscription to the work included. */
  viewer: { gaveKudos: boolean; bookmarkId: number | null; markedForLater: boolean; subscribed: boolean };
}

/**
 * Everything the work page shows about kudos, bookmarks, "later" and the viewer's subscription,
 * in ONE query whatever the numbers, so the work page keeps a constant query count.
 */
export async function findWorkReactions(db: DbOrTrx, workId: number, viewerId: number | null): Promise<WorkReactionCounts | undefined> {
  const viewer = sql`${viewerId}::bigint`;
  const row = await db
    .selectFrom('works')
    .select([
      'works.kudos_count',
      'works.bookmarks_count',
      'works.comments_count',
      'works.hits_count',
      kudosSummaryJson.as('kudos'),
      sql<boolean>`coalesce(exists (select 1 from kudos k where k.work_id = works.id and k.user_id = ${viewer}), false)`.as('gave_kudos'),
      sql<number | null>`(select b.id from bookmarks b where b.work_id = works.id and b.user_id = ${viewer})`.as('bookmark_id'),
      sql<boolean>`coalesce(exists (select 1 from marked_for_later m where m.work_id = works.id and m.user_id = ${viewer}), false)`.as('marked_for_later'),
      sql<boolean>`coalesce(exists (select 1 from subscriptions s where s.work_id = works.id and s.user_id = ${viewer}), false)`.as('subscribed'),
    ])
    .where('works.id', '=', workId)
    .executeTakeFirst();
  return (
    row && {
      kudosCount: row.kudos_count,
      bookmarksCount: row.bookmarks_count,
      commentsCount: row.comments_count,
      hitsCount: row.hits_count,
      kudos: toKudosSummary(row.kudos),
      viewer: { gaveKudos: row.gave_kudos, bookmarkId: row.bookmark_id === null ? null : Number(row.bookmark_id), markedForLater: row.marked_for_later, subscribed: row.subscribed },
    }
  );
}
