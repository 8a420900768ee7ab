import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/http/errors.ts';
import { parseForm, type FormValues } from '../../platform/http/forms.ts';
import { redirectAfterPost, sendPage } from '../../platform/http/page.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import type { Work } from '../works/works.model.ts';
import { loadWork, requireViewer, sendWorkPage } from '../works/works.routes.tsx';
import { chapterPolicy } from './chapters.policy.ts';
import { workPolicy } from '../works/works.policy.ts';
import { findChapter, listChapterHeadings } from './chapters.repository.ts';
import { editChapterSchema, newChapterSchema, reorderSchema } from './chapters.schemas.ts';
import { addChapter, editChapter, readWork, removeChapter, reorderChapters } from './chapters.service.ts';
import { ChapterFormPage } from './views/chapter-form-page.tsx';
import { ChapterIndexPage } from './views/chapter-index-page.tsx';
import { chapterUrl } from './views/chapter-nav.tsx';
import { DeleteChapterPage } from './views/delete-chapter-page.tsx';
import { ReorderPage } from './views/reorder-page.tsx';
import { recordWorkHit } from '../hits/hit-buffer.ts';
import { sendCachedPage } from '../../platform/page-cache/cached-page.ts';
import { workPageKey } from '../../platform/page-cache/page-keys.ts';

type WorkParams = { Params: { id: string } };
type ChapterParams = { Params: { id: string; chapterId: string } };

/** Chapter ids in URLs are positive integers; anything else is simply not found. */
function parseChapterId(raw: string | undefined): number {
  if (raw === undefined || !/^\d{1,15}$/.test(raw)) throw notFound('chapter');
  return Number(raw);
}

async function loadChapter(request: FastifyRequest, work: Work, rawId: string) {
  const chapter = await findChapter(request.server.db, work.id, parseChapterId(rawId));
  if (!chapter) throw notFound('chapter');
  return chapter;
}

/**
 * The creator's side comes first on every write: guests are sent to log in, others get
 * 403, and only then is the form read, so a refused request never changes anything.
 */
async function loadForWriting(request: FastifyRequest<WorkParams>, reply: FastifyReply, action: 'add' | 'edit' | 'delete' | 'reorder') {
  const work = await loadWork(request, request.params.id);
  const viewer = requireViewer(request, reply);
  if (!viewer) return null;
  chapterPolicy.authorize(viewer, action, work);
  return { work, viewer };
}

export function registerChapterRoutes(app: FastifyInstance): void {
  const { db } = app;

  function renderForm(request: FastifyRequest, reply: FastifyReply, work: Work, values: FormValues, errors: FieldErrors, chapter?: { id: number; position: number }, status = 200) {
    return sendPage(request, reply, (ctx) => <ChapterFormPage ctx={ctx} work={work} values={values} errors={errors} {...(chapter ? { chapter } : {})} />, status);
  }

  // The chapter index; with ?chapter_id= it is where the "Go to chapter" form lands.
  app.get<WorkParams & { Querystring: { chapter_id?: string } }>('/works/:id/chapters', async (request, reply) => {
    if (request.query.chapter_id !== undefined) {
      const work = await loadWork(request, request.params.id);
      const chapter = await loadChapter(request, work, request.query.chapter_id);
      return reply.redirect(chapterUrl(work.id, chapter.id), 303);
    }
    return sendCachedPage(request, reply, async () => {
      const work = await loadWork(request, request.params.id);
      // Chapter titles of a members-only work are members-only too (and never reach the guest cache).
      if (!workPolicy.can(request.viewer, 'read', work)) {
        void reply.redirect(`/login?return_to=${encodeURIComponent(request.url)}&reason=members-only`, 303);
        return null;
      }
      const index = await listChapterHeadings(db, work.id);
      return { deps: [workPageKey(work.id)], view: (ctx) => <ChapterIndexPage ctx={ctx} work={work} index={index} /> };
    });
  });

  app.get<WorkParams>('/works/:id/chapters/new', async (request, reply) => {
    const allowed = await loadForWriting(request, reply, 'add');
    if (!allowed) return reply;
    const { work } = allowed;
    const expected = work.expectedChapters === null ? '' : String(Math.max(work.expectedChapters, work.chapterCount + 1));
    return renderForm(request, reply, work, { format: 'plain', expected_chapters: expected }, {});
  });

  app.post<WorkParams>('/works/:id/chapters', async (request, reply) => {
    const allowed = await loadForWriting(request, reply, 'add');
    if (!allowed) return reply;
    const { work, viewer } = allowed;
    const form = parseForm(newChapterSchema, request.body);
    if (!form.ok) return renderForm(request, reply, work, form.values, form.errors, undefined, 400);
    const result = await addChapter(db, viewer, work.id, form.data);
    if (!result.ok) return renderForm(request, reply, work, form.values, result.errors, undefined, 400);
    return redirectAfterPost(reply, chapterUrl(work.id, result.chapterId));
  });

  app.get<WorkParams>('/works/:id/chapters/order', async (request, reply) => {
    const allowed = await loadForWriting(request, reply, 'reorder');
    if (!allowed) return reply;
    const index = await listChapterHeadings(db, allowed.work.id);
    return sendPage(request, reply, (ctx) => <ReorderPage ctx={ctx} work={allowed.work} index={index} values={{}} />);
  });

  app.post<WorkParams>('/works/:id/chapters/order', async (request, reply) => {
    const allowed = await loadForWriting(request, reply, 'reorder');
    if (!allowed) return reply;
    const { work, viewer } = allowed;
    const index = await listChapterHeadings(db, work.id);
    const form = parseForm(reorderSchema(index), request.body);
    if (!form.ok) return sendPage(request, reply, (ctx) => <ReorderPage ctx={ctx} work={work} index={index} values={form.values} errors={form.errors} />, 400);
    await reorderChapters(db, viewer, work.id, form.data);
    return redirectAfterPost(reply, `/works/${work.id}/chapters`);
  });

  app.get<ChapterParams>('/works/:id/chapters/:chapterId', async (request, reply) => {
    // First, before any response is chosen (cached page, 304 or not): one hit per visitor per day.
    await recordWorkHit(request, request.params.id);
    return sendWorkPage(request, reply, async () => {
      const work = await loadWork(request, request.params.id);
      const reading = await readWork(db, work.id, { id: parseChapterId(request.params.chapterId) });
      if (reading.view !== 'chapter' || !reading.chapter) throw notFound('chapter');
      return { work, reading };
    });
  });

  app.get<ChapterParams>('/works/:id/chapters/:chapterId/edit', async (request, reply) => {
    const allowed = await loadForWriting(request, reply, 'edit');
    if (!allowed) return reply;
    const chapter = await loadChapter(request, allowed.work, request.params.chapterId);
    const values: FormValues = {
      title: chapter.title,
      format: 'html',
      summary: chapter.summary,
      notes: chapter.notes,
      end_notes: chapter.endNotes,
      body: chapter.body,
      lock_version: String(chapter.lockVersion),
    };
    return renderForm(request, reply, allowed.work, values, {}, chapter);
  });

  app.post<ChapterParams>('/works/:id/chapters/:chapterId/edit', async (request, reply) => {
    const allowed = await loadForWriting(request, reply, 'edit');
    if (!allowed) return reply;
    const { work, viewer } = allowed;
    const chapter = await loadChapter(request, work, request.params.chapterId);
    const form = parseForm(editChapterSchema, request.body);
    if (!form.ok) return renderForm(request, reply, work, form.values, form.errors, chapter, 400);
    const result = await editChapter(db, viewer, work.id, chapter.id, form.data);
    if (!result.ok) return renderForm(request, reply, work, form.values, result.errors, chapter, result.conflict ? 409 : 400);
    return redirectAfterPost(reply, chapterUrl(work.id, chapter.id));
  });

  app.get<ChapterParams>('/works/:id/chapters/:chapterId/delete', async (request, reply) => {
    const allowed = await loadForWriting(request, reply, 'delete');
    if (!allowed) return reply;
    const chapter = await loadChapter(request, allowed.work, request.params.chapterId);
    return sendPage(request, reply, (ctx) => <DeleteChapterPage ctx={ctx} work={allowed.work} chapter={chapter} />);
  });

  app.post<ChapterParams>('/works/:id/chapters/:chapterId/delete', async (request, reply) => {
    const allowed = await loadForWriting(request, reply, 'delete');
    if (!allowed) return reply;
    await removeChapter(db, allowed.viewer, allowed.work.id, parseChapterId(request.params.chapterId));
    return redirectAfterPost(reply, `/works/${allowed.work.id}`);
  });
}
