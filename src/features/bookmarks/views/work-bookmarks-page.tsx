import { formatCount } from '../../../platform/views/format.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { pageHref, Pagination } from '../../../platform/views/pagination.tsx';
import type { PageWindow } from '../../../platform/http/pagination.ts';
import type { Bookmark } from '../bookmarks.model.ts';
import { BookmarkDetails } from './bookmark-details.tsx';

/** A work's public bookmarks, newest first. */
export function WorkBookmarksPage({ ctx, work, bookmarks, window }: { ctx: PageContext; work: { id: number; title: string }; bookmarks: Bookmark[]; window: PageWindow }) {
  return (
    <Layout ctx={ctx} title={`Bookmarks of ${work.title}`}>
      <h1>Bookmarks of “{work.title}”</h1>
      <p><a href={`/works/${work.id}`}>Back to the work</a></p>
      <h2>{window.total === 0 ? 'No public bookmarks yet' : `${formatCount(window.total)} public ${window.total === 1 ? 'bookmark' : 'bookmarks'}`}</h2>
      {bookmarks.length > 0 ? (
        <ol class="bookmark-list">
          {bookmarks.map((bookmark) => (
            <li key={bookmark.id} class="blurb">
              <BookmarkDetails bookmark={bookmark} showOwner={true} canEdit={ctx.viewer?.id === bookmark.userId} headingLevel={3} />
            </li>
          ))}
        </ol>
      ) : null}
      <Pagination page={window.page} pageCount={window.pageCount} href={pageHref(`/works/${work.id}/bookmarks`)} />
    </Layout>
  );
}
