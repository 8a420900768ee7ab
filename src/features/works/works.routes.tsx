import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseId, requireViewer } from '../../platform/http/route-helpers.ts';
import { notFound } from '../../platform/http/errors.ts';
import { LIST_SEPARATOR, parseForm, type FormValues } from '../../platform/http/forms.ts';
import { redirectAfterPost, sendPage } from '../../platform/http/page.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { listPseudsOfUser } from '../accounts/accounts.repository.ts';
import { readWork } from '../chapters/chapters.service.ts';
import type { Reading } from '../chapters/chapters.model.ts';
import type { Work } from './works.model.ts';
import { isHiddenFrom, workPolicy } from './works.policy.ts';
import { songCreditFormValues } from '../songs/songs.service.ts';
import { findFirstChapter, findWork } from './works.repository.ts';
import { WORK_FORM_LISTS, workFormSchema } from './works.schemas.ts';
import { editWork, postWork, publishDraft, removeWork } from './works.service.ts';
import { DeleteWorkPage } from './views/delete-work-page.tsx';
import { WorkFormPage } from './views/work-form-page.tsx';
import { WorkPage } from './views/work-page.tsx';
import { listSeriesPlacesOfWork } from '../series/series.repository.ts';
import { commentSettingsFormValues } from '../comments/comments.schemas.ts';
import { loadCommentsSection } from '../comments/comments.routes.tsx';
import { knownSubscribeButtonState } from '../notifications/subscriptions.service.ts';
import { recordWorkHit } from '../hits/hit-buffer.ts';
import { loadWorkReactions } from '../reactions/work-reactions.ts';
import { sendCachedPage } from '../../platform/page-cache/cached-page.ts';
import { workPageKey } from '../../platform/page-cache/page-keys.ts';

type WorkParams = { Params: { id: string } };
type WorkPageParams = WorkParams & { Querystring: { view?: string } };

/** Work ids in URLs are positive integers; anything else is simply not found. */
export const parseWorkId = (raw: string): number => parseId(raw, 'work');

export { requireViewer };

/** Loads a work the viewer may know about; drafts of others are simply not found. */
export async function loadWork(request: FastifyRequest, id: string) {
  const work = await findWork(request.server.db, parseWorkId(id));
  if (!work || isHiddenFrom(request.viewer, work)) throw notFound('work');
  return work;
}

/** The edit form, filled in from the stored work. */
function formValuesOf(work: Work, viewer: Viewer, body: string, lockVersion: number): FormValues {
  const list = (names: string[]) => names.join(', ');
  return {
    title: work.title,
    pseud_id: String(work.creators.find((c) => c.userId === viewer.id)?.pseudId ?? ''),
    rating: work.tags.rating[0] ?? '',
    warnings: work.tags.warning.join(LIST_SEPARATOR),
    categories: work.tags.category.join(LIST_SEPARATOR),
    fandoms: list(work.tags.fandom),
    relationships: list(work.tags.relationship),
    characters: list(work.tags.character),
    freeforms: list(work.tags.freeform),
    language: work.language,
    ...(work.restricted ? { restricted: '1' } : {}),
    format: 'html',
    expected_chapters: work.expectedChapters === null ? '' : String(work.expectedChapters),
    lock_version: String(lockVersion),
    summary: work.summary,
    notes: work.notes,
    end_notes: work.endNotes,
    body,
    ...songCreditFormValues(work.songs),
    ...commentSettingsFormValues(work.comments),
  };
}

/**
 * The work page, however it is read (first chapter, one chapter, or whole); the chapter
 * routes use it too. Guests may get it from the page cache (which is why `load` is a callback);
 * the route records the hit before calling this, so cached answers and 304s count too.
 * Guests opening a members-only work are sent to log in instead.
 */
export function sendWorkPage(request: FastifyRequest, reply: FastifyReply, load: () => Promise<{ work: Work; reading: Reading }>) {
  return sendCachedPage(request, reply, async () => {
    const { work, reading } = await load();
    if (!workPolicy.can(request.viewer, 'read', work)) {
      void reply.redirect(`/login?return_to=${encodeURIComponent(request.url)}&reason=members-only`, 303);
      return null;
    }
    const canEdit = workPolicy.can(request.viewer, 'edit', work);
    // Independent reads: on PostgreSQL they share the pool instead of waiting for each other.
    const [seriesPlaces, comments] = await Promise.all([listSeriesPlacesOfWork(request.server.db, work.id, request.viewer), loadCommentsSection(request, work, reading)]);
    // After the comments, which may refuse a page past the last (404): a refused page records no visit.
    const reactions = await loadWorkReactions(request, work, reading);
    const subscription = knownSubscribeButtonState(request.viewer, { type: 'work', id: work.id }, work.creators.map((c) => c.userId), reactions.viewer.subscribed);
    return {
      deps: [workPageKey(work.id)],
      view: (ctx) => <WorkPage ctx={ctx} work={work} reading={reading} canEdit={canEdit} seriesPlaces={seriesPlaces} comments={comments} subscription={subscription} reactions={reactions} />,
    };
  });
}

export function registerWorkRoutes(app: FastifyInstance): void {
  const { db } = app;

  async function renderForm(request: FastifyRequest, reply: FastifyReply, viewer: Viewer, values: FormValues, errors: FieldErrors, work?: Pick<Work, 'id' | 'posted'>, status = 200) {
    const pseuds = await listPseudsOfUser(db, viewer.id);
    const editing = work ? { workId: work.id, isDraft: !work.posted } : {};
    return sendPage(request, reply, (ctx) => <WorkFormPage ctx={ctx} pseuds={pseuds} values={values} errors={errors} {...editing} />, status);
  }

  app.get('/works/new', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const pseuds = await listPseudsOfUser(db, viewer.id);
    const defaultPseud = pseuds.find((p) => p.isDefault) ?? pseuds[0];
    return renderForm(request, reply, viewer, { pseud_id: String(defaultPseud?.id ?? ''), format: 'plain', language: 'en', expected_chapters: '1' }, {});
  });

  app.post('/works', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const form = parseForm(workFormSchema, request.body, WORK_FORM_LISTS);
    if (!form.ok) return renderForm(request, reply, viewer, form.values, form.errors, undefined, 400);
    const result = await postWork(db, viewer, form.data);
    if (!result.ok) return renderForm(request, reply, viewer, form.values, result.errors, undefined, 400);
    return redirectAfterPost(reply, `/works/${result.workId}`);
  });

  app.get<WorkPageParams>('/works/:id', async (request, reply) => {
    // First, before any response is chosen (cached page, 304 or not): one hit per visitor per day.
    await recordWorkHit(request, request.params.id);
    return sendWorkPage(request, reply, async () => {
      const work = await loadWork(request, request.params.id);
      return { work, reading: await readWork(db, work.id, request.query.view === 'full' ? { all: true } : { position: 1 }) };
    });
  });

  app.get<WorkParams>('/works/:id/edit', async (request, reply) => {
    const work = await loadWork(request, request.params.id);
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    workPolicy.authorize(viewer, 'edit', work);
    const chapter = await findFirstChapter(db, work.id);
    return renderForm(request, reply, viewer, formValuesOf(work, viewer, chapter?.body ?? '', chapter?.lockVersion ?? 0), {}, work);
  });

  app.post<WorkParams>('/works/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    // Someone else's work is refused before its form is even read, valid or not.
    const work = await loadWork(request, request.params.id);
    workPolicy.authorize(viewer, 'edit', work);
    const form = parseForm(workFormSchema, request.body, WORK_FORM_LISTS);
    if (!form.ok) return renderForm(request, reply, viewer, form.values, form.errors, work, 400);
    const result = await editWork(db, viewer, work.id, form.data);
    if (!result.ok) return renderForm(request, reply, viewer, form.values, result.errors, work, result.conflict ? 409 : 400);
    return redirectAfterPost(reply, `/works/${work.id}`);
  });

  app.post<WorkParams>('/works/:id/post', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const workId = parseWorkId(request.params.id);
    await publishDraft(db, viewer, workId);
    return redirectAfterPost(reply, `/works/${workId}`);
  });

  app.get<WorkParams>('/works/:id/delete', async (request, reply) => {
    const work = await loadWork(request, request.params.id);
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    workPolicy.authorize(viewer, 'delete', work);
    return sendPage(request, reply, (ctx) => <DeleteWorkPage ctx={ctx} work={work} />);
  });

  app.post<WorkParams>('/works/:id/delete', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    await removeWork(db, viewer, (await loadWork(request, request.params.id)).id);
    return redirectAfterPost(reply, `/users/${encodeURIComponent(viewer.username)}`);
  });
}
