import type { Db, DbOrTrx } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/http/errors.ts';
import { sanitizeUserHtml } from '../../platform/security/sanitize.ts';
import { plainTextToHtml } from '../../platform/text/plain-text.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { listPseudsOfUser } from '../accounts/accounts.repository.ts';
import type { WorkTags } from '../tags/tags.model.ts';
import { setWorkTags } from '../tags/tags.service.ts';
import { lockGraphShared } from '../tags/tag-graph.repository.ts';
import { conflictMessage, expectedChaptersError } from '../chapters/chapter-fields.ts';
import { refreshWorkStats, updateChapter } from '../chapters/chapters.repository.ts';
import type { SongCredit } from '../songs/songs.model.ts';
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
  markPosted,
  type PublishingOptions,
  updateWorkContent,
} from './works.repository.ts';
import type { WorkForm } from './works.schemas.ts';
import { commentSettingsOf } from '../comments/comments.schemas.ts';
import { announceNewWork } from '../notifications/announce.ts';

export type WorkWriteResult = { ok: true; workId: number } | { ok: false; errors: FieldErrors; conflict?: boolean };

export function toHtml(text: string, format: WorkForm['format']): string {
  return sanitizeUserHtml(format === 'plain' ? plainTextToHtml(text) : text);
}

/** The text fields a work form and a chapter form share. */
export interface TextFields {
  title: string;
  summary: string;
  notes: string;
  end_notes: string;
  body: string;
  format: WorkForm['format'];
}

/**
 * Sanitizes every HTML field and counts words. Returns a field error, worded for the
 * form's text label, when sanitizing leaves nothing to read.
 */
export function prepareText(form: TextFields, textLabel: string): { content: WorkContent } | { errors: FieldErrors } {
  const body = toHtml(form.body, form.format);
  const wordCount = countWordsInHtml(body);
  if (body === '' || (wordCount === 0 && !/<img\b/.test(body))) {
    return { errors: { body: `${textLabel} has nothing left to show once unsafe HTML is removed. Add some text.` } };
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

export const prepareContent = (form: WorkForm) => prepareText(form, 'Work text');

function tagsOf(form: WorkForm): WorkTags {
  return {
    rating: [form.rating],
    warning: form.warnings,
    category: form.categories,
    fandom: form.fandoms,
    relationship: form.relationships,
    character: form.characters,
    freeform: form.freeforms,
  };
}

function publishingOf(form: WorkForm): PublishingOptions {
  return { language: form.language, restricted: form.restricted, posted: form.action === 'post', publishedAt: form.published_on, comments: commentSettingsOf(form) };
}

/** A new work's form, checked and sanitized, ready for writeNewWork. */
export interface NewWork {
  form: WorkForm;
  content: WorkContent;
  credits: SongCredit[];
}

/** Checks a new work's form beyond its schema (text left after sanitizing, song rows, the viewer's own pseud). No writes. */
export async function prepareNewWork(db: DbOrTrx, viewer: Viewer, form: WorkForm): Promise<{ ok: true; work: NewWork } | { ok: false; errors: FieldErrors }> {
  const prepared = prepareContent(form);
  if ('errors' in prepared) return { ok: false, errors: prepared.errors };
  const songs = songCreditsFromForm(form);
  if ('errors' in songs) return { ok: false, errors: songs.errors };
  const pseuds = await listPseudsOfUser(db, viewer.id);
  if (!pseuds.some((pseud) => pseud.id === form.pseud_id)) return { ok: false, errors: { pseud_id: 'Choose one of your own pen names.' } };
  return { ok: true, work: { form, content: prepared.content, credits: songs.credits } };
}

/** Writes a prepared new work (chapter 1, creatorship, tags and filter tags, song credits) in the caller's transaction. */
export async function writeNewWork(trx: DbOrTrx, { form, content, credits }: NewWork): Promise<number> {
  const id = await insertWork(trx, content, publishingOf(form), form.expected_chapters === undefined ? 1 : form.expected_chapters);
  await insertChapter(trx, id, { position: 1, body: content.body, wordCount: content.wordCount });
  await insertCreatorship(trx, id, form.pseud_id, 1);
  await setWorkTags(trx, id, tagsOf(form));
  await saveSongCredits(trx, id, credits);
  if (form.action === 'post') await announceNewWork(trx, id);
  return id;
}

/** Creates a work, posted or as a draft (Preview and Save as draft both keep it unposted). */
export async function postWork(db: Db, viewer: Viewer, form: WorkForm): Promise<WorkWriteResult> {
  const prepared = await prepareNewWork(db, viewer, form);
  if (!prepared.ok) return prepared;
  const workId = await db.transaction().execute((trx) => writeNewWork(trx, prepared.work));
  return { ok: true, workId };
}

export async function editWork(db: Db, viewer: Viewer, workId: number, form: WorkForm): Promise<WorkWriteResult> {
  const prepared = prepareContent(form);
  if ('errors' in prepared) return { ok: false, errors: prepared.errors };
  const songs = songCreditsFromForm(form);
  if ('errors' in songs) return { ok: false, errors: songs.errors };
  const { content } = prepared;
  return db.transaction().execute(async (trx): Promise<WorkWriteResult> => {
    await lockGraphShared(trx); // before the work row, as graph changes do: no deadlock (tag-graph.repository.ts)
    if (!(await lockWork(trx, workId))) throw notFound('work');
    const work = await findWork(trx, workId);
    if (!work) throw notFound('work');
    workPolicy.authorize(viewer, 'edit', work);
    const expectedError = expectedChaptersError(form.expected_chapters, work.chapterCount);
    if (expectedError) return { ok: false, errors: { expected_chapters: expectedError } };
    // This form edits chapter 1's text: save it first, only if nobody saved it since the form was loaded.
    const chapter = await findFirstChapter(trx, workId);
    if (chapter && !(await updateChapter(trx, workId, chapter.id, form.lock_version ?? chapter.lockVersion, { body: content.body, wordCount: content.wordCount }))) {
      return { ok: false, errors: { body: conflictMessage('work') }, conflict: true };
    }
    if (!chapter) await insertChapter(trx, workId, { position: 1, body: content.body, wordCount: content.wordCount });
    await updateWorkContent(trx, workId, content, publishingOf(form));
    await setWorkTags(trx, workId, tagsOf(form));
    await saveSongCredits(trx, workId, songs.credits);
    // The work's word count is the sum over all its chapters, not chapter 1's.
    await refreshWorkStats(trx, workId, { revised: 'now', expectedChapters: form.expected_chapters });
    if (!work.posted && form.action === 'post') await postDraft(trx, workId);
    return { ok: true, workId };
  });
}

/** Marks a draft posted and announces it to subscribers, in the caller's transaction. */
async function postDraft(trx: DbOrTrx, workId: number): Promise<void> {
  await markPosted(trx, workId);
  await announceNewWork(trx, workId);
}

/** Posts a draft as it stands. */
export async function publishDraft(db: Db, viewer: Viewer, workId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await lockWork(trx, workId))) throw notFound('work');
    const work = await findWork(trx, workId);
    if (!work || !workPolicy.can(viewer, 'read', work)) throw notFound('work');
    workPolicy.authorize(viewer, 'edit', work);
    if (!work.posted) await postDraft(trx, workId);
  });
}

export async function removeWork(db: Db, viewer: Viewer, workId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Deleting the work's tags updates tag use counts under the graph lock: take it before the work row.
    await lockGraphShared(trx);
    if (!(await lockWork(trx, workId))) throw notFound('work');
    const work = await findWork(trx, workId);
    if (!work) throw notFound('work');
    workPolicy.authorize(viewer, 'delete', work);
    await deleteWork(trx, workId);
  });
}
