import type { Db, DbOrTrx } from '../../platform/db/schema.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { findWork, lockWork } from '../works/works.repository.ts';
import { announceNewChapter } from '../notifications/announce.ts';
import { prepareText } from '../works/works.service.ts';
import { conflictMessage, expectedChaptersError, ONLY_CHAPTER_MESSAGE } from './chapter-fields.ts';
import type { ChapterContent, Reading } from './chapters.model.ts';
import { chapterPolicy } from './chapters.policy.ts';
import { deleteChapter, findChapter, insertChapter, listChapterHeadings, readChapters, refreshWorkStats, setChapterOrder, updateChapter } from './chapters.repository.ts';
import { orderFromRequest, type ChapterForm, type EditChapterForm, type NewChapterForm } from './chapters.schemas.ts';

export type ChapterWriteResult = { ok: true; chapterId: number } | { ok: false; errors: FieldErrors; conflict?: boolean };

/** What the work page needs to show: one chapter (by position or id) with the index, or every chapter. One query. */
export async function readWork(db: DbOrTrx, workId: number, which: { all: true } | { position: number } | { id: number }): Promise<Reading> {
  const { index, chapters } = await readChapters(db, workId, which);
  return 'all' in which ? { view: 'full', index, chapters } : { view: 'chapter', index, chapter: chapters[0] };
}

/** Sanitizes the chapter's HTML and counts its words; an error when nothing readable is left. */
export const prepareChapter = (form: ChapterForm): { content: ChapterContent } | { errors: FieldErrors } => prepareText(form, 'Chapter text');

/** Locks the work row (so chapter changes apply one after the other), then checks the policy. */
async function lockAndAuthorize(trx: DbOrTrx, viewer: Viewer, workId: number, action: 'add' | 'edit' | 'delete' | 'reorder') {
  if (!(await lockWork(trx, workId))) throw notFound('work');
  const work = await findWork(trx, workId);
  if (!work) throw notFound('work');
  chapterPolicy.authorize(viewer, action, work);
  return work;
}

export async function addChapter(db: Db, viewer: Viewer, workId: number, form: NewChapterForm): Promise<ChapterWriteResult> {
  const prepared = prepareChapter(form);
  return db.transaction().execute(async (trx): Promise<ChapterWriteResult> => {
    const work = await lockAndAuthorize(trx, viewer, workId, 'add');
    if ('errors' in prepared) return { ok: false, errors: prepared.errors };
    const count = work.chapterCount + 1;
    const expectedError = expectedChaptersError(form.expected_chapters, count);
    if (expectedError) return { ok: false, errors: { expected_chapters: expectedError } };
    // A form without the field keeps the expected count, raised if this chapter goes past it.
    const kept = work.expectedChapters === null ? null : Math.max(work.expectedChapters, count);
    const chapterId = await insertChapter(trx, workId, count, prepared.content);
    if (work.posted) await announceNewChapter(trx, workId, chapterId);
    await refreshWorkStats(trx, workId, { revised: 'now', expectedChapters: form.expected_chapters === undefined ? kept : form.expected_chapters });
    return { ok: true, chapterId };
  });
}

export async function editChapter(db: Db, viewer: Viewer, workId: number, chapterId: number, form: EditChapterForm): Promise<ChapterWriteResult> {
  const prepared = prepareChapter(form);
  return db.transaction().execute(async (trx): Promise<ChapterWriteResult> => {
    await lockAndAuthorize(trx, viewer, workId, 'edit');
    if ('errors' in prepared) return { ok: false, errors: prepared.errors };
    if (!(await updateChapter(trx, workId, chapterId, form.lock_version, prepared.content))) {
      if (!(await findChapter(trx, workId, chapterId))) throw notFound('chapter');
      return { ok: false, errors: { body: conflictMessage('chapter') }, conflict: true };
    }
    await refreshWorkStats(trx, workId, { revised: 'now' });
    return { ok: true, chapterId };
  });
}

export async function removeChapter(db: Db, viewer: Viewer, workId: number, chapterId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const work = await lockAndAuthorize(trx, viewer, workId, 'delete');
    const chapter = await findChapter(trx, workId, chapterId);
    if (!chapter) throw notFound('chapter');
    if (work.chapterCount <= 1) throw new AppError('conflict', ONLY_CHAPTER_MESSAGE);
    await deleteChapter(trx, workId, chapter);
    await refreshWorkStats(trx, workId, { revised: 'newest-chapter' });
  });
}

/** `requested` holds the numbers typed into the reorder form, by field name; see orderFromRequest. */
export async function reorderChapters(db: Db, viewer: Viewer, workId: number, requested: Record<string, number | undefined>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockAndAuthorize(trx, viewer, workId, 'reorder');
    await setChapterOrder(trx, workId, orderFromRequest(await listChapterHeadings(trx, workId), requested));
  });
}
