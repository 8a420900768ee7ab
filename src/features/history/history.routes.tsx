import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, notFound } from '../../platform/http/errors.ts';
import { parseForm } from '../../platform/http/forms.ts';
import { redirectAfterPost, sendPage } from '../../platform/http/page.ts';
import { parsePage } from '../../platform/http/pagination.ts';
import { parseId, requireViewer } from '../../platform/http/route-helpers.ts';
import { findUserIdByUsername } from '../accounts/accounts.repository.ts';
import { safeReturnPath } from '../accounts/accounts.schemas.ts';
import { loadWork } from '../works/works.routes.tsx';
import { workPolicy } from '../works/works.policy.ts';
import { historySettingSchema, laterSchema } from './history.schemas.ts';
import { changeHistorySetting, clearAllHistory, clearAllLater, clearOneHistoryEntry, historyPage, laterPage, markForLater, unmarkOneForLater } from './history.service.ts';
import { HistoryPage } from './views/history-page.tsx';
import { LaterPage } from './views/later-page.tsx';

type UserParams = { Params: { username: string }; Querystring: { page?: string; done?: string } };
type UserWorkParams = { Params: { username: string; workId: string } };

/** What the page says after one of its forms (…?done=…). */
const NOTICES: Record<string, string> = {
  off: 'History is off. Nothing you read will be recorded.',
  on: 'History is on.',
  cleared: 'Your history is cleared.',
  removed: 'Removed.',
  'later-cleared': 'Your Marked for later list is cleared.',
};

async function loadOwner(request: FastifyRequest, username: string) {
  const user = await findUserIdByUsername(request.server.db, username);
  if (!user) throw notFound('user');
  return { userId: user.id, username: user.username };
}

const notice = (done: string | undefined) => (done && Object.hasOwn(NOTICES, done) ? { notice: NOTICES[done]! } : {});

export function registerHistoryRoutes(app: FastifyInstance): void {
  const { db } = app;
  const base = (username: string) => `/users/${encodeURIComponent(username)}`;

  // Guests are sent to log in; other members get 403 (historyPolicy).
  async function ownerFor(request: FastifyRequest<{ Params: { username: string } }>, reply: FastifyReply) {
    if (!requireViewer(request, reply)) return null;
    return loadOwner(request, request.params.username);
  }

  app.get<UserParams>('/users/:username/history', async (request, reply) => {
    const owner = await ownerFor(request, reply);
    if (!owner) return reply;
    const data = await historyPage(db, request.viewer, owner, parsePage(request.query.page));
    return sendPage(request, reply, (ctx) => <HistoryPage ctx={ctx} username={owner.username} data={data} {...notice(request.query.done)} />);
  });

  app.post<UserParams>('/users/:username/history/settings', async (request, reply) => {
    const owner = await ownerFor(request, reply);
    if (!owner) return reply;
    const form = parseForm(historySettingSchema, request.body);
    if (!form.ok) throw badRequest(form.errors.enabled ?? 'Choose whether to keep your history.');
    await changeHistorySetting(db, request.viewer, owner, form.data.enabled);
    return redirectAfterPost(reply, `${base(owner.username)}/history?done=${form.data.enabled ? 'on' : 'off'}`);
  });

  app.post<UserParams>('/users/:username/history/clear', async (request, reply) => {
    const owner = await ownerFor(request, reply);
    if (!owner) return reply;
    await clearAllHistory(db, request.viewer, owner);
    return redirectAfterPost(reply, `${base(owner.username)}/history?done=cleared`);
  });

  app.post<UserWorkParams>('/users/:username/history/:workId/delete', async (request, reply) => {
    const owner = await ownerFor(request, reply);
    if (!owner) return reply;
    await clearOneHistoryEntry(db, request.viewer, owner, parseId(request.params.workId, 'history entry'));
    return redirectAfterPost(reply, `${base(owner.username)}/history?done=removed`);
  });

  app.get<UserParams>('/users/:username/marked-for-later', async (request, reply) => {
    const owner = await ownerFor(request, reply);
    if (!owner) return reply;
    const data = await laterPage(db, request.viewer, owner, parsePage(request.query.page));
    return sendPage(request, reply, (ctx) => <LaterPage ctx={ctx} username={owner.username} data={data} {...notice(request.query.done)} />);
  });

  app.post<UserParams>('/users/:username/marked-for-later/clear', async (request, reply) => {
    const owner = await ownerFor(request, reply);
    if (!owner) return reply;
    await clearAllLater(db, request.viewer, owner);
    return redirectAfterPost(reply, `${base(owner.username)}/marked-for-later?done=later-cleared`);
  });

  app.post<UserWorkParams>('/users/:username/marked-for-later/:workId/delete', async (request, reply) => {
    const owner = await ownerFor(request, reply);
    if (!owner) return reply;
    await unmarkOneForLater(db, request.viewer, owner, parseId(request.params.workId, 'work'));
    return redirectAfterPost(reply, `${base(owner.username)}/marked-for-later?done=removed`);
  });

  // The work page's toggle. The form says which way, so a double click can't undo itself.
  app.post<{ Params: { id: string } }>('/works/:id/later', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const work = await loadWork(request, request.params.id);
    if (!work.posted) throw badRequest('Post the work first: drafts can’t be marked for later.');
    workPolicy.authorize(viewer, 'read', work);
    const form = parseForm(laterSchema, request.body);
    if (!form.ok) throw badRequest(form.errors.later ?? 'Choose whether to mark the work for later.');
    await markForLater(db, viewer, work.id, form.data.later);
    const back = safeReturnPath(form.data.return_to);
    return redirectAfterPost(reply, back === '/' ? `/works/${work.id}` : back);
  });
}
