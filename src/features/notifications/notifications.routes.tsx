import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest } from '../../platform/http/errors.ts';
import { parseForm } from '../../platform/http/forms.ts';
import { pageWindow, parsePage } from '../../platform/http/pagination.ts';
import { redirectAfterPost, sendPage } from '../../platform/http/page.ts';
import { requireViewer } from '../../platform/http/route-helpers.ts';
import { adminPolicy } from '../admin/admin.policy.ts';
import { countOutbox, listOutbox } from './email-outbox.repository.ts';
import { TARGET_NOUN, targetPath } from './notifications.model.ts';
import { emailModeSchema, subscriptionFormSchema } from './subscriptions.schemas.ts';
import { deleteSubscriptionById, findEmailMode, findSubscriptionListing, listSubscriptions, saveEmailMode } from './subscriptions.repository.ts';
import { subscribe, unsubscribe } from './subscriptions.service.ts';
import { verifyUnsubscribeToken, type UnsubscribeTarget } from './unsubscribe-token.ts';
import { OutboxPage } from './views/outbox-page.tsx';
import { SubscriptionsPage } from './views/subscriptions-page.tsx';
import { UnsubscribePage, type UnsubscribeView } from './views/unsubscribe-page.tsx';

const SUBSCRIPTIONS_SHOWN = 500;
const EMAILS_PER_PAGE = 20;

const NOTICES: Record<string, string> = {
  removed: 'Unsubscribed.',
  email: 'Your email setting is saved.',
};

type TokenParams = { Params: { token: string } };

/** The one-click link's target, described for its confirm page; null when it no longer exists. */
async function describeTarget(request: FastifyRequest, target: UnsubscribeTarget): Promise<string | null> {
  if (target.kind === 'email') return 'anything by email (your inbox here still gets them)';
  const listing = await findSubscriptionListing(request.server.db, target.subscriptionId, target.userId);
  return listing ? `the ${TARGET_NOUN[listing.target.type]} “${listing.name}”` : null;
}

export function registerNotificationRoutes(app: FastifyInstance): void {
  const { db } = app;

  async function renderSubscriptions(request: FastifyRequest, reply: FastifyReply, userId: number, notice?: string) {
    const [subscriptions, mode] = await Promise.all([listSubscriptions(db, userId, SUBSCRIPTIONS_SHOWN), findEmailMode(db, userId)]);
    return sendPage(request, reply, (ctx) => <SubscriptionsPage ctx={ctx} subscriptions={subscriptions} mode={mode} notice={notice} />);
  }

  app.get<{ Querystring: { done?: string } }>('/subscriptions', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    return renderSubscriptions(request, reply, viewer.id, NOTICES[request.query.done ?? '']);
  });

  // Subscribe / unsubscribe: a clear 4xx page for anything odd (a second subscribe is a 409,
  // removing what isn't there a 400, an unknown or hidden thing a 404), nothing written.
  app.post('/subscriptions', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const form = parseForm(subscriptionFormSchema, request.body);
    if (!form.ok) throw badRequest('Choose what to subscribe to.');
    const thing = await subscribe(db, viewer, { type: form.data.target_type, id: form.data.target_id });
    return redirectAfterPost(reply, targetPath(thing.target, thing.name));
  });

  app.post('/subscriptions/remove', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const form = parseForm(subscriptionFormSchema, request.body);
    if (!form.ok) throw badRequest('Choose what to unsubscribe from.');
    const thing = await unsubscribe(db, viewer, { type: form.data.target_type, id: form.data.target_id });
    return redirectAfterPost(reply, form.data.return_to === 'subscriptions' ? '/subscriptions?done=removed' : targetPath(thing.target, thing.name));
  });

  app.post('/subscriptions/email', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const form = parseForm(emailModeSchema, request.body);
    if (!form.ok) throw badRequest('Choose how you want notice emails.');
    await saveEmailMode(db, viewer.id, form.data.mode);
    return redirectAfterPost(reply, '/subscriptions?done=email');
  });

  /*
   * One-click unsubscribe (RFC 8058). GET shows a confirm page (mail scanners follow links,
   * so GET changes nothing); POST unsubscribes, with no session and no CSRF token: the
   * signed token in the address is the authorization. That is safe because CSRF abuses a
   * victim's ambient credentials (cookies), and this route uses none: whoever can POST here
   * already holds the unguessable, HMAC-signed link, which only lets them undo one
   * subscription (or a member's email) — the harmless, idempotent thing the link is for.
   * Mail clients POST `List-Unsubscribe=One-Click`, as urlencoded or multipart; the body
   * is ignored. Success is 200, not a redirect: RFC 8058 forbids redirecting that POST.
   */
  function tokenView(request: FastifyRequest<TokenParams>) {
    return verifyUnsubscribeToken(app.emailContext.unsubscribeKey, request.params.token);
  }

  function sendUnsubscribe(request: FastifyRequest, reply: FastifyReply, view: UnsubscribeView, status = 200) {
    void reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    return sendPage(request, reply, (ctx) => <UnsubscribePage ctx={ctx} view={view} />, status);
  }

  app.get<TokenParams>('/unsubscribe/:token', async (request, reply) => {
    const verified = tokenView(request);
    if (!verified.ok) return sendUnsubscribe(request, reply, { state: verified.reason }, 400);
    const what = await describeTarget(request, verified.target);
    if (what === null) return sendUnsubscribe(request, reply, { state: 'gone' });
    return sendUnsubscribe(request, reply, { state: 'confirm', what, action: `/unsubscribe/${request.params.token}` });
  });

  app.register(async (scope) => {
    // RFC 8058 allows multipart/form-data; the body means nothing here, so read none of it.
    scope.addContentTypeParser('multipart/form-data', { bodyLimit: 16 * 1024 }, (_request, payload, done) => {
      payload.resume();
      payload.on('end', () => done(null, {}));
      payload.on('error', (error) => done(error));
    });
    scope.post<TokenParams>('/unsubscribe/:token', { config: { csrf: false } }, async (request, reply) => {
      const verified = tokenView(request);
      if (!verified.ok) return sendUnsubscribe(request, reply, { state: verified.reason }, 400);
      const { target } = verified;
      const what = await describeTarget(request, target);
      if (target.kind === 'email') await saveEmailMode(db, target.userId, 'off');
      else if (!(what !== null && (await deleteSubscriptionById(db, target.userId, target.subscriptionId)))) return sendUnsubscribe(request, reply, { state: 'gone' });
      return sendUnsubscribe(request, reply, { state: 'done', what: what ?? 'this' });
    });
  });

  app.get<{ Querystring: { page?: unknown } }>('/admin/outbox', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    adminPolicy.authorize(viewer, 'readOutbox', null);
    const page = parsePage(request.query.page);
    const window = pageWindow(page, EMAILS_PER_PAGE, await countOutbox(db));
    const emails = await listOutbox(db, EMAILS_PER_PAGE, window.offset);
    return sendPage(request, reply, (ctx) => <OutboxPage ctx={ctx} emails={emails} window={window} smtp={app.config.smtpUrl !== undefined} />);
  });
}
