import { DateTime, SanitizedHtml } from '../../../platform/views/format.tsx';
import type { Bookmark } from '../bookmarks.model.ts';

/** What a bookmark says about its item: who and when, rec and private marks, tags, notes. */
export function BookmarkDetails({ bookmark, showOwner, canEdit, headingLevel = 4 }: { bookmark: Bookmark; showOwner: boolean; canEdit: boolean; headingLevel?: 3 | 4 }) {
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div class={bookmark.private ? 'bookmark-details bookmark-private' : 'bookmark-details'}>
      <Heading class="bookmark-heading">
        {showOwner ? (
          <>Bookmarked by <a href={`/users/${encodeURIComponent(bookmark.username)}`}>{bookmark.username}</a> on <DateTime date={bookmark.createdAt} /></>
        ) : (
          <>Bookmarked on <DateTime date={bookmark.createdAt} /></>
        )}
        {bookmark.rec ? <span class="badge badge-rec">Rec</span> : null}
        {bookmark.private ? <span class="badge badge-private">Private</span> : null}
      </Heading>
      {bookmark.tags.length > 0 ? (
        <p class="bookmark-tags">
          <span class="visually-hidden">Bookmark tags: </span>
          {bookmark.tags.map((tag) => (
            <span key={tag} class="bookmark-tag">{tag}</span>
          ))}
        </p>
      ) : null}
      {bookmark.notes ? <SanitizedHtml class="userstuff bookmark-notes" html={bookmark.notes} /> : null}
      {canEdit ? (
        <p class="bookmark-actions">
          <a href={`/bookmarks/${bookmark.id}/edit`}>Edit<span class="visually-hidden"> this bookmark</span></a>
        </p>
      ) : null}
    </div>
  );
}
