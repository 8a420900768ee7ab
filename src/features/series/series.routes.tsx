import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendCachedPage } from '../../platform/page-cache/cached-page.ts';
import { LISTING_DEPS, userPagesKey } from '../../platform/page-cache/page-keys.ts';
import { parseId, requireViewer } from '../../platform/http/route-helpers.ts';
import { notFound } from '../../platform/http/errors.ts';
import { parseForm, type FormValues } from '../../platform/http/forms.ts';
import { redirectAfterPost, sendPage } from '../../platform/http/page.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { findUserIdByUsername } from '../accounts/accounts.repository.ts';
import { workPolicy } from '../works/works.policy.ts';
import { findWork, listWorksInSeries } from '../works/works.repository.ts';
import { seriesPolicy } from './series.policy.ts';
import { findSeries, listSeriesOfUser } from './series.repository.ts';
import { addToSeriesSchema, moveSchema, seriesFormSchema } from './series.schemas.ts';
import { addWorkToSeries, editSeries, moveWorkInSeries, removeWorkFromSeries } from './series.service.ts';
import { AddToSeriesPage } from './views/add-to-series-page.tsx';
import { SeriesEditPage } from './views/series-edit-page.tsx';
import { SeriesPage } from './views/series-page.tsx';
import { UserSeriesPage } from './views/user-series-page.tsx';
import { subscribeButtonState } from '../notifications/subscriptions.service.ts';

type IdParams = { Params: { id: string } };
type SerialWorkParams = { Params: { id: string; workId: string } };

async function loadSeries(request: FastifyRequest, raw: string) {
  const series = await findSeries(request.server.db, parseId(raw, 'series'));
  if (!series) throw notFound('series');
  return series;
}

const seriesValues = (series: { title: string; summary: string; notes: string; complete: boolean }): FormValues => ({
  title: series.title,
  summary: series.summary,
  notes: series.notes,
  ...(series.complete ? { complete: 'yes' } : {}),
});

export function registerSeriesRoutes(app: FastifyInstance): void {
  const { db } = app;

  app.get<IdParams>('/series/:id', (request, reply) =>
    sendCachedPage(request, reply, async () => {
      const series = await loadSeries(request, request.params.id);
      const works = await listWorksInSeries(db, series.id, request.viewer);
      const canEdit = seriesPolicy.can(request.viewer, 'edit', series);
      // Guests get no button, so the cached guest page stays the same for every guest.
      const subscription = await subscribeButtonState(db, request.viewer, { type: 'series', id: series.id }, series.creators.map((c) => c.userId));
      return { deps: LISTING_DEPS, view: (ctx) => <SeriesPage ctx={ctx} series={series} works={works} canEdit={canEdit} subscription={subscription} /> };
    }),
  );

  app.get<{ Params: { username: string } }>('/users/:username/series', (request, reply) =>
    sendCachedPage(request, reply, async () => {
      const user = await findUserIdByUsername(db, request.params.username);
      if (!user) throw notFound('user');
      const series = await listSeriesOfUser(db, user.id);
      return { deps: [...LISTING_DEPS, userPagesKey(user.id)], view: (ctx) => <UserSeriesPage ctx={ctx} username={user.username} series={series} /> };
    }),
  );

  async function renderEdit(request: FastifyRequest, reply: FastifyReply, seriesId: number, values: FormValues | null, errors: FieldErrors, status: number) {
    const series = await loadSeries(request, String(seriesId));
    seriesPolicy.authorize(request.viewer, 'edit', series);
    const works = await listWorksInSeries(db, series.id, 'all');
    return sendPage(request, reply, (ctx) => <SeriesEditPage ctx={ctx} series={series} works={works} values={values ?? seriesValues(series)} errors={errors} />, status);
  }

  app.get<IdParams>('/series/:id/edit', async (request, reply) => {
    const seriesId = parseId(request.params.id, 'series');
    if (!requireViewer(request, reply)) return reply;
    return renderEdit(request, reply, seriesId, null, {}, 200);
  });

  app.post<IdParams>('/series/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const seriesId = parseId(request.params.id, 'series');
    const form = parseForm(seriesFormSchema, request.body);
    if (!form.ok) return renderEdit(request, reply, seriesId, form.values, form.errors, 400);
    await editSeries(db, viewer, seriesId, form.data);
    return redirectAfterPost(reply, `/series/${seriesId}`);
  });

  app.post<SerialWorkParams>('/series/:id/works/:workId/move', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const seriesId = parseId(request.params.id, 'series');
    const workId = parseId(request.params.workId, 'work');
    const form = parseForm(moveSchema, request.body);
    if (!form.ok) {
      const field = `position-${workId}`;
      const series = await loadSeries(request, String(seriesId));
      return renderEdit(request, reply, seriesId, { ...seriesValues(series), [field]: form.values.position ?? '' }, { [field]: form.errors.position }, 400);
    }
    await moveWorkInSeries(db, viewer, seriesId, workId, form.data.position);
    return redirectAfterPost(reply, `/series/${seriesId}/edit`);
  });

  app.post<SerialWorkParams>('/series/:id/works/:workId/remove', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const seriesId = parseId(request.params.id, 'series');
    await removeWorkFromSeries(db, viewer, seriesId, parseId(request.params.workId, 'work'));
    return redirectAfterPost(reply, `/series/${seriesId}/edit`);
  });

  async function renderAdd(request: FastifyRequest, reply: FastifyReply, viewer: Viewer, workId: number, values: FormValues, errors: FieldErrors, status: number) {
    const work = await findWork(db, workId);
    if (!work) throw notFound('work');
    workPolicy.authorize(viewer, 'edit', work);
    const series = await listSeriesOfUser(db, viewer.id);
    return sendPage(request, reply, (ctx) => <AddToSeriesPage ctx={ctx} work={work} series={series} values={values} errors={errors} />, status);
  }

  app.get<IdParams>('/works/:id/series', async (request, reply) => {
    const workId = parseId(request.params.id, 'work');
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    return renderAdd(request, reply, viewer, workId, {}, {}, 200);
  });

  app.post<IdParams>('/works/:id/series', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const workId = parseId(request.params.id, 'work');
    const form = parseForm(addToSeriesSchema, request.body);
    if (!form.ok) return renderAdd(request, reply, viewer, workId, form.values, form.errors, 400);
    const result = await addWorkToSeries(db, viewer, workId, form.data);
    if (!result.ok) return renderAdd(request, reply, viewer, workId, form.values, result.errors, 400);
    return redirectAfterPost(reply, `/series/${result.seriesId}`);
  });
}
