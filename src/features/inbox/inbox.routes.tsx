import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../platform/http/errors.ts';
import { parseForm } from '../../platform/http/forms.ts';
import { redirectAfterPost, sendPage } from '../../platform/http/page.ts';
import { pageWindow, parsePage } from '../../platform/http/pagination.ts';
import { parseId, requireViewer } from '../../platform/http/route-helpers.ts';
import { listPseudsOfUser } from '../accounts/accounts.repository.ts';
import { listInboxPage, markAllInboxRead, setInboxItemRead } from './inbox.repository.ts';
import { InboxPage } from './views/inbox-page.tsx';

export const INBOX_PER_PAGE = 20;

/** Where a read/unread button returns: the inbox page it was on, and nowhere else. */
const returnSchema = z.object({ return_to: z.string().regex(/^\/inbox(\?page=[1-9]\d{0,8})?$/).optional() });

export function registerInboxRoutes(app: FastifyInstance): void {
  const { db } = app;

  app.get<{ Querystring: { page?: string } }>('/inbox', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const page = parsePage(request.query.page);
    // The page and the total come in one query; a page past the end has no rows, so no total: 404.
    const { entries, total } = await listInboxPage(db, viewer.id, (page - 1) * INBOX_PER_PAGE, INBOX_PER_PAGE);
    const window = pageWindow(page, INBOX_PER_PAGE, total);
    const pseuds = entries.some((entry) => entry.replyable) ? await listPseudsOfUser(db, viewer.id) : [];
    return sendPage(request, reply, (ctx) => <InboxPage ctx={ctx} entries={entries} window={window} unread={viewer.unreadInbox ?? 0} pseuds={pseuds} />);
  });

  for (const [action, read] of [['read', true], ['unread', false]] as const) {
    app.post<{ Params: { id: string } }>(`/inbox/:id/${action}`, async (request, reply) => {
      const viewer = requireViewer(request, reply);
      if (!viewer) return reply;
      const itemId = parseId(request.params.id, 'notice');
      const form = parseForm(returnSchema, request.body);
      if (!(await setInboxItemRead(db, viewer.id, itemId, read))) throw notFound('notice');
      return redirectAfterPost(reply, (form.ok && form.data.return_to) || '/inbox');
    });
  }

  app.post('/inbox/read-all', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    await markAllInboxRead(db, viewer.id);
    return redirectAfterPost(reply, '/inbox');
  });
}
