import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { parseForm, type FormValues } from '../../platform/http/forms.ts';
import { redirectAfterPost, sendPage } from '../../platform/http/page.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { listPseudsOfUser } from '../accounts/accounts.repository.ts';
import { workPolicy } from './works.policy.ts';
import { findFirstChapter, findWork } from './works.repository.ts';
import { workFormSchema } from './works.schemas.ts';
import { editWork, postWork, removeWork } from './works.service.ts';
import { DeleteWorkPage } from './views/delete-work-page.tsx';
import { WorkFormPage } from './views/work-form-page.tsx';
import { WorkPage } from './views/work-page.tsx';
import { listSeriesPlacesOfWork } from '../series/series.repository.ts';

type WorkParams = { Params: { id: string } };

/** Work ids in URLs are positive integers; anything else is simply not found. */
function parseWorkId(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw notFound('work');
  return Number(raw);
}

/** Guests are sent to log in and brought back afterwards. */
function requireViewer(request: FastifyRequest, reply: FastifyReply): Viewer | null {
  if (request.viewer) return request.viewer;
  if (request.method !== 'GET') throw new AppError('unauthorized', 'Please log in to do that.');
  void reply.redirect(`/login?return_to=${encodeURIComponent(request.url)}`, 303);
  return null;
}

async function loadWork(request: FastifyRequest, id: string) {
  const work = await findWork(request.server.db, parseWorkId(id));
  if (!work) throw notFound('work');
  return work;
}

export function registerWorkRoutes(app: FastifyInstance): void {
  const { db } = app;

  async function renderForm(request: FastifyRequest, reply: FastifyReply, viewer: Viewer, values: FormValues, errors: FieldErrors, workId?: number, status = 200) {
    const pseuds = await listPseudsOfUser(db, viewer.id);
    return sendPage(request, reply, (ctx) => <WorkFormPage ctx={ctx} pseuds={pseuds} values={values} errors={errors} {...(workId === undefined ? {} : { workId })} />, status);
  }

  app.get('/works/new', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const pseuds = await listPseudsOfUser(db, viewer.id);
    const defaultPseud = pseuds.find((p) => p.isDefault) ?? pseuds[0];
    return renderForm(request, reply, viewer, { pseud_id: String(defaultPseud?.id ?? ''), format: 'plain' }, {});
  });

  app.post('/works', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const form = parseForm(workFormSchema, request.body);
    if (!form.ok) return renderForm(request, reply, viewer, form.values, form.errors, undefined, 400);
    const result = await postWork(db, viewer, form.data);
    if (!result.ok) return renderForm(request, reply, viewer, form.values, result.errors, undefined, 400);
    return redirectAfterPost(reply, `/works/${result.workId}`);
  });

  app.get<WorkParams>('/works/:id', async (request, reply) => {
    const work = await loadWork(request, request.params.id);
    const chapter = await findFirstChapter(db, work.id);
    const canEdit = workPolicy.can(request.viewer, 'edit', work);
    const seriesPlaces = await listSeriesPlacesOfWork(db, work.id);
    return sendPage(request, reply, (ctx) => <WorkPage ctx={ctx} work={work} chapter={chapter} canEdit={canEdit} seriesPlaces={seriesPlaces} />);
  });

  app.get<WorkParams>('/works/:id/edit', async (request, reply) => {
    const work = await loadWork(request, request.params.id);
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    workPolicy.authorize(viewer, 'edit', work);
    const chapter = await findFirstChapter(db, work.id);
    const values: FormValues = {
      title: work.title,
      pseud_id: String(work.creators.find((c) => c.userId === viewer.id)?.pseudId ?? ''),
      format: 'html',
      summary: work.summary,
      notes: work.notes,
      end_notes: work.endNotes,
      body: chapter?.body ?? '',
    };
    return renderForm(request, reply, viewer, values, {}, work.id);
  });

  app.post<WorkParams>('/works/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const workId = parseWorkId(request.params.id);
    const form = parseForm(workFormSchema, request.body);
    if (!form.ok) return renderForm(request, reply, viewer, form.values, form.errors, workId, 400);
    const result = await editWork(db, viewer, workId, form.data);
    if (!result.ok) return renderForm(request, reply, viewer, form.values, result.errors, workId, 400);
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
    await removeWork(db, viewer, parseWorkId(request.params.id));
    return redirectAfterPost(reply, `/users/${encodeURIComponent(viewer.username)}`);
  });
}
