import type { Db } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/http/errors.ts';
import { sanitizeUserHtml } from '../../platform/security/sanitize.ts';
import { plainTextToHtml } from '../../platform/text/plain-text.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { listPseudsOfUser } from '../accounts/accounts.repository.ts';
import { saveSongCredits, songCreditsFromForm } from '../songs/songs.service.ts';
import { countWordsInHtml } from './word-count.ts';
import type { WorkContent } from './works.model.ts';
import { workPolicy } from './works.policy.ts';
import {
  deleteWork,
  findFirstChapter,
  findWork,
  insertChapter,
  insertCreatorship,
  insertWork,
  lockWork,
  updateChapterBody,
  updateWorkContent,
} from './works.repository.ts';
import type { WorkForm } from './works.schemas.ts';

export type WorkWriteResult = { ok: true; workId: number } | { ok: false; errors: FieldErrors };

function toHtml(text: string, format: WorkForm['format']): string {
  return sanitizeUserHtml(format === 'plain' ? plainTextToHtml(text) : text);
}

/** Sanitizes every HTML field and counts words. Returns field errors when sanitizing leaves nothing to read. */
export function prepareContent(form: WorkForm): { content: WorkContent } | { errors: FieldErrors } {
  const body = toHtml(form.body, form.format);
  const wordCount = countWordsInHtml(body);
  if (body === '' || (wordCount === 0 && !/<img\b/.test(body))) {
    return { errors: { body: 'Work text has nothing left to show once unsafe HTML is removed. Add some text.' } };
  }
  return {
    content: {
      title: form.title,
      summary: toHtml(form.summary, form.format),
      notes: toHtml(form.notes, form.format),
      endNotes: toHtml(form.end_notes, form.format),
      body,
      wordCount,
    },
  };
}

export async function postWork(db: Db, viewer: Viewer, form: WorkForm): Promise<WorkWriteResult> {
  const prepared = prepareContent(form);
  if ('errors' in prepared) return { ok: false, errors: prepared.errors };
  const songs = songCreditsFromForm(form);
  if ('errors' in songs) return { ok: false, errors: songs.errors };
  const pseuds = await listPseudsOfUser(db, viewer.id);
  if (!pseuds.some((pseud) => pseud.id === form.pseud_id)) return { ok: false, errors: { pseud_id: 'Choose one of your own pen names.' } };
  const { content } = prepared;
  const workId = await db.transaction().execute(async (trx) => {
    const id = await insertWork(trx, content);
    await insertChapter(trx, id, { position: 1, body: content.body, wordCount: content.wordCount });
    await insertCreatorship(trx, id, form.pseud_id, 1);
    await saveSongCredits(trx, id, songs.credits);
    return id;
  });
  return { ok: true, workId };
}

export async function editWork(db: Db, viewer: Viewer, workId: number, form: WorkForm): Promise<WorkWriteResult> {
  const prepared = prepareContent(form);
  if ('errors' in prepared) return { ok: false, errors: prepared.errors };
  const songs = songCreditsFromForm(form);
  if ('errors' in songs) return { ok: false, errors: songs.errors };
  const { content } = prepared;
  await db.transaction().execute(async (trx) => {
    if (!(await lockWork(trx, workId))) throw notFound('work');
    const work = await findWork(trx, workId);
    if (!work) throw notFound('work');
    workPolicy.authorize(viewer, 'edit', work);
    await updateWorkContent(trx, workId, content);
    const chapter = await findFirstChapter(trx, workId);
    if (chapter) await updateChapterBody(trx, chapter.id, content.body, content.wordCount);
    else await insertChapter(trx, workId, { position: 1, body: content.body, wordCount: content.wordCount });
    await saveSongCredits(trx, workId, songs.credits);
  });
  return { ok: true, workId };
}

export async function removeWork(db: Db, viewer: Viewer, workId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await lockWork(trx, workId))) throw notFound('work');
    const work = await findWork(trx, workId);
    if (!work) throw notFound('work');
    workPolicy.authorize(viewer, 'delete', work);
    await deleteWork(trx, workId);
  });
}
