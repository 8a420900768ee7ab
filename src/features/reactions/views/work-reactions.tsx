/**
 * The work page's reader reactions, each rendered by ONE line in works/views/work-page.tsx:
 * the counts in the stats line, the bookmark and "mark for later" buttons, and the kudos section.
 */
import { formatCount } from '../../../platform/views/format.tsx';
import { CsrfField } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { KudosSection } from '../../kudos/views/kudos-section.tsx';
import type { WorkReactions } from '../work-reactions.ts';

/** Kudos and public bookmarks in the work's stats line (`<dl class="stats">`). */
export function ReactionStats({ reactions }: { reactions: WorkReactions | undefined }) {
  if (!reactions) return null;
  return (
    <>
      <dt>Comments:</dt>
      <dd>{formatCount(reactions.commentsCount)}</dd>
      <dt>Kudos:</dt>
      <dd data-kudos-count>{formatCount(reactions.kudosCount)}</dd>
      <dt>Bookmarks:</dt>
      <dd>{reactions.bookmarksCount > 0 ? <a href={`/works/${reactions.workId}/bookmarks`}>{formatCount(reactions.bookmarksCount)}</a> : '0'}</dd>
      <dt>Hits:</dt>
      <dd>{formatCount(reactions.hitsCount)}</dd>
    </>
  );
}

/** Bookmark and "Mark for later", for members of a posted work. */
export function ReaderActions({ ctx, reactions, posted }: { ctx: PageContext; reactions: WorkReactions | undefined; posted: boolean }) {
  if (!reactions || !ctx.viewer || !posted) return null;
  const { workId, viewer } = reactions;
  return (
    <>
    {reactions.bookmarkNotice ? <p class="notice" role="status">{reactions.bookmarkNotice}</p> : null}
    <ul class="actions reader-actions" aria-label="Reader actions">
      <li>
        <a class="button" href={viewer.bookmarkId === null ? `/works/${workId}/bookmark` : `/bookmarks/${viewer.bookmarkId}/edit`}>
          {viewer.bookmarkId === null ? 'Bookmark' : 'Edit bookmark'}
        </a>
      </li>
      <li>
        <form method="post" action={`/works/${workId}/later`} class="inline-form">
          <CsrfField ctx={ctx} />
          <input type="hidden" name="later" value={viewer.markedForLater ? '0' : '1'} />
          <input type="hidden" name="return_to" value={ctx.path} />
          <button type="submit">{viewer.markedForLater ? 'Remove from Marked for later' : 'Mark for later'}</button>
        </form>
      </li>
    </ul>
    </>
  );
}

/** The kudos section at the end of a posted work. */
export function WorkKudos({ ctx, reactions, posted }: { ctx: PageContext; reactions: WorkReactions | undefined; posted: boolean }) {
  if (!reactions || !posted) return null;
  return (
    <KudosSection
      ctx={ctx}
      workId={reactions.workId}
      summary={reactions.kudos}
      canGive={reactions.canGiveKudos}
      given={reactions.viewer.gaveKudos}
      {...(reactions.kudosNotice ? { notice: reactions.kudosNotice } : {})}
    />
  );
}
