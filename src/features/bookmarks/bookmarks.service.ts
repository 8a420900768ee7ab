import type { Db, DbOrTrx } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/http/errors.ts';
import { sanitizeUserHtml } from '../../platform/security/sanitize.ts';
import { plainTextToHtml } from '../../platform/text/plain-text.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import type { BookmarkItem } from './bookmarks.model.ts';
import { bookmarkPolicy } from './bookmarks.policy.ts';
import { lockWork } from '../works/works.repository.ts';
import { adjustBookmarksCount, deleteBookmark, findBookmarkWorkId, insertBookmark, lockBookmark, replaceBookmarkTags, updateBookmark, type BookmarkFields } from './bookmarks.repository.ts';
import type { BookmarkForm } from './bookmarks.schemas.ts';

export type BookmarkWriteResult = { ok: true; bookmarkId: number } | { ok: false; errors: FieldErrors; status: number };

/** Notes as typed: HTML goes through the sanitizer; plain text (no tags at all) becomes paragraphs first. */
export function notesHtml(notes: string): string {
  return sanitizeUserHtml(/<[a-z/!]/i.test(notes) ? notes : plainTextToHtml(notes));
}

const fieldsOf = (form: BookmarkForm): BookmarkFields => ({ notes: notesHtml(form.notes), tags: form.tags, private: form.private, rec: form.rec });

/** A public bookmark of a work counts in works.bookmarks_count; private ones and series don't. */
const counted = (workId: number | null, isPrivate: boolean) => (workId !== null && !isPrivate ? 1 : 0);

/**
 * Bookmarks an item the caller has checked the viewer may bookmark (bookmarkablePolicy). One per
 * member per item: a second is refused (409) and nothing changes.
 */
export async function createBookmark(db: Db, viewer: Viewer, item: BookmarkItem, form: BookmarkForm): Promise<BookmarkWriteResult> {
  const fields = fieldsOf(form);
  return db.transaction().execute(async (trx): Promise<BookmarkWriteResult> => {
    // The work row first, as work edits and deletes take it: no deadlock, no foreign-key race.
    if (item.kind === 'work' && !(await lockWork(trx, item.id))) throw notFound('work');
    const id = await insertBookmark(trx, viewer.id, item, fields);
    if (id === null) {
      return { ok: false, status: 409, errors: { form: `You have already bookmarked this ${item.kind}. Edit your bookmark instead.` } };
    }
    await replaceBookmarkTags(trx, id, fields.tags);
    if (item.kind === 'work') await adjustBookmarksCount(trx, item.id, counted(item.id, fields.private));
    return { ok: true, bookmarkId: id };
  });
}

/** Locks the bookmark's work (as work edits and deletes do, first) and then the bookmark. */
async function lockWithWork(trx: DbOrTrx, bookmarkId: number) {
  const workId = await findBookmarkWorkId(trx, bookmarkId);
  if (workId === undefined) throw notFound('bookmark');
  if (workId !== null) await lockWork(trx, workId);
  const old = await lockBookmark(trx, bookmarkId);
  if (!old) throw notFound('bookmark');
  return old;
}

/** Edits the viewer's own bookmark; a flip between private and public moves the work's count. */
export async function editBookmark(db: Db, viewer: Viewer, bookmarkId: number, form: BookmarkForm): Promise<BookmarkWriteResult> {
  const fields = fieldsOf(form);
  return db.transaction().execute(async (trx): Promise<BookmarkWriteResult> => {
    const old = await lockWithWork(trx, bookmarkId);
    bookmarkPolicy.authorize(viewer, 'edit', old);
    await updateBookmark(trx, bookmarkId, fields);
    await replaceBookmarkTags(trx, bookmarkId, fields.tags);
    if (old.workId !== null) await adjustBookmarksCount(trx, old.workId, counted(old.workId, fields.private) - counted(old.workId, old.private));
    return { ok: true, bookmarkId };
  });
}

export async function removeBookmark(db: Db, viewer: Viewer, bookmarkId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const old = await lockWithWork(trx, bookmarkId);
    bookmarkPolicy.authorize(viewer, 'delete', old);
    await deleteBookmark(trx, bookmarkId);
    if (old.workId !== null) await adjustBookmarksCount(trx, old.workId, -counted(old.workId, old.private));
  });
}
