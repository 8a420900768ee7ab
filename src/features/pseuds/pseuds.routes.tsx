import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendCachedPage } from '../../platform/page-cache/cached-page.ts';
import { LISTING_DEPS, userPagesKey } from '../../platform/page-cache/page-keys.ts';
import { requireViewer } from '../../platform/http/route-helpers.ts';
import { notFound } from '../../platform/http/errors.ts';
import { parseForm, type FormValues } from '../../platform/http/forms.ts';
import { redirectAfterPost, sendPage } from '../../platform/http/page.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { findUserIdByUsername } from '../accounts/accounts.repository.ts';
import { listingRouteOptions } from '../listings/listing.routes.tsx';
import { rawQuery } from '../listings/listing.schemas.ts';
import { loadListing } from '../listings/listing.service.ts';
import { listingStatus } from '../listings/views/listing-view.tsx';
import { pseudPolicy } from './pseuds.policy.ts';
import { countPseudLinks, findPseud, findPseudByName, listPseudsWithCredits } from './pseuds.repository.ts';
import { deletePseudSchema, pseudFormSchema } from './pseuds.schemas.ts';
import { changePseudName, createPseud, removePseud } from './pseuds.service.ts';
import { DeletePseudPage } from './views/delete-pseud-page.tsx';
import { PseudWorksPage } from './views/pseud-works-page.tsx';
import { PseudsPage } from './views/pseuds-page.tsx';
import { RenamePseudPage } from './views/rename-pseud-page.tsx';

type UserParams = { Params: { username: string } };
type PseudParams = { Params: { id: string } };

async function loadUser(request: FastifyRequest, username: string) {
  const user = await findUserIdByUsername(request.server.db, username);
  if (!user) throw notFound('user');
  return user;
}

/** Loads a pseud its viewer owns: 404 when it doesn't exist, 403 when it belongs to someone else. */
async function loadOwnPseud(request: FastifyRequest, viewer: Viewer, raw: string, action: 'rename' | 'delete') {
  if (!/^\d{1,15}$/.test(raw)) throw notFound('pen name');
  const pseud = await findPseud(request.server.db, Number(raw));
  if (!pseud) throw notFound('pen name');
  pseudPolicy.authorize(viewer, action, pseud);
  return pseud;
}

export function registerPseudRoutes(app: FastifyInstance): void {
  const { db } = app;

  async function renderList(request: FastifyRequest, reply: FastifyReply, user: { id: number; username: string }, values: FormValues, errors: FieldErrors, status: number) {
    const pseuds = await listPseudsWithCredits(db, user.id, request.viewer);
    const isOwner = pseudPolicy.can(request.viewer, 'create', { userId: user.id });
    return sendPage(request, reply, (ctx) => <PseudsPage ctx={ctx} username={user.username} pseuds={pseuds} isOwner={isOwner} values={values} errors={errors} />, status);
  }

  app.get<UserParams>('/users/:username/pseuds', async (request, reply) => {
    const user = await loadUser(request, request.params.username);
    return renderList(request, reply, user, {}, {}, 200);
  });

  app.post<UserParams>('/users/:username/pseuds', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const user = await loadUser(request, request.params.username);
    pseudPolicy.authorize(viewer, 'create', { userId: user.id });
    const form = parseForm(pseudFormSchema, request.body);
    if (!form.ok) return renderList(request, reply, user, form.values, form.errors, 400);
    const result = await createPseud(db, viewer, user, form.data);
    if (!result.ok) return renderList(request, reply, user, form.values, result.errors, 400);
    return redirectAfterPost(reply, `/users/${encodeURIComponent(user.username)}/pseuds`);
  });

  app.get<{ Params: { username: string; name: string } }>('/users/:username/pseuds/:name', listingRouteOptions, async (request, reply) => {
    return sendCachedPage(request, reply, async () => {
      const user = await loadUser(request, request.params.username);
      const pseud = await findPseudByName(db, user.id, request.params.name);
      if (!pseud) throw notFound('pen name');
      const raw = rawQuery(request.query);
      const outcome = await loadListing(db, request.viewer, { kind: 'pseud', pseudId: pseud.id }, raw);
      return { deps: [...LISTING_DEPS, userPagesKey(user.id)], status: listingStatus(outcome), view: (ctx) => <PseudWorksPage ctx={ctx} pseud={pseud} raw={raw} outcome={outcome} /> };
    });
  });

  app.get<PseudParams>('/pseuds/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const pseud = await loadOwnPseud(request, viewer, request.params.id, 'rename');
    return sendPage(request, reply, (ctx) => <RenamePseudPage ctx={ctx} pseud={pseud} values={{ name: pseud.name }} />);
  });

  app.post<PseudParams>('/pseuds/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const pseud = await loadOwnPseud(request, viewer, request.params.id, 'rename');
    const form = parseForm(pseudFormSchema, request.body);
    const result = form.ok ? await changePseudName(db, viewer, pseud.id, form.data) : form;
    if (!result.ok) return sendPage(request, reply, (ctx) => <RenamePseudPage ctx={ctx} pseud={pseud} values={form.values} errors={result.errors} />, 400);
    return redirectAfterPost(reply, `/users/${encodeURIComponent(pseud.username)}/pseuds`);
  });

  app.get<PseudParams>('/pseuds/:id/delete', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const pseud = await loadOwnPseud(request, viewer, request.params.id, 'delete');
    const links = await countPseudLinks(db, pseud.id);
    return sendPage(request, reply, (ctx) => <DeletePseudPage ctx={ctx} pseud={pseud} links={links} />);
  });

  app.post<PseudParams>('/pseuds/:id/delete', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const pseud = await loadOwnPseud(request, viewer, request.params.id, 'delete');
    const form = parseForm(deletePseudSchema, request.body);
    const result = form.ok ? await removePseud(db, viewer, pseud.id, form.data.move_works === 'yes') : form;
    if (!result.ok) {
      const links = await countPseudLinks(db, pseud.id);
      return sendPage(request, reply, (ctx) => <DeletePseudPage ctx={ctx} pseud={pseud} links={links} errors={result.errors} />, 400);
    }
    return redirectAfterPost(reply, `/users/${encodeURIComponent(pseud.username)}/pseuds`);
  });
}
