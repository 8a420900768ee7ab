import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { badRequest, notFound } from '../../platform/http/errors.ts';
import { parseForm } from '../../platform/http/forms.ts';
import { redirectAfterPost, sendPage } from '../../platform/http/page.ts';
import { requireViewer } from '../../platform/http/route-helpers.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { AuditActor } from '../audit/audit.model.ts';
import { adminPolicy } from './admin.policy.ts';
import { adminUserPath } from './admin.model.ts';
import { findUserAdminDetails, searchUsers } from './admin.repository.ts';
import { assignFandomSchema, roleFormSchema, unassignFandomSchema, userSearchSchema } from './admin.schemas.ts';
import { assignFandom, grantRole, revokeRole, unassignFandom, type AdminResult } from './admin.service.ts';
import { AdminIndexPage } from './views/admin-index-page.tsx';
import { UserAdminPage } from './views/user-admin-page.tsx';
import { UsersPage } from './views/users-page.tsx';

const USERS_PER_SEARCH = 50;

type UserParams = { Params: { name: string } };

/** What a change did, shown once after its redirect (`?done=`). */
const NOTICES: Record<string, string> = {
  granted: 'The role was granted.',
  revoked: 'The role was revoked.',
  assigned: 'The fandom was assigned.',
  unassigned: 'The fandom was unassigned.',
  unchanged: 'Nothing needed changing.',
};

const actorOf = (viewer: Viewer): AuditActor => ({ id: viewer.id, name: viewer.username });

/** Guests are sent to log in (or get a 401 on a POST); members without the admin role get a 403. */
function requireAdmin(request: FastifyRequest, reply: FastifyReply, action: 'manageRoles' | 'assignFandoms' = 'manageRoles'): Viewer | null {
  const viewer = requireViewer(request, reply);
  if (!viewer) return null;
  adminPolicy.authorize(viewer, action, null);
  return viewer;
}

export function registerAdminRoutes(app: FastifyInstance): void {
  const { db } = app;

  async function renderUser(request: FastifyRequest, reply: FastifyReply, name: string, extra: { notice?: string; errors?: FieldErrors; fandom?: string } = {}, status = 200) {
    const user = await findUserAdminDetails(db, name);
    if (!user) throw notFound('user');
    return sendPage(request, reply, (ctx) => <UserAdminPage ctx={ctx} user={user} {...extra} />, status);
  }

  /** A refused change shows the member's page again with the reason (400); a done one redirects. */
  async function finish(request: FastifyRequest<UserParams>, reply: FastifyReply, result: AdminResult, done: string, field = 'form', fandom?: string) {
    if (!result.ok) return renderUser(request, reply, request.params.name, { errors: { [field]: result.error }, ...(fandom === undefined ? {} : { fandom }) }, 400);
    return redirectAfterPost(reply, `${adminUserPath(request.params.name)}?done=${result.changed ? done : 'unchanged'}`);
  }

  app.get('/admin', async (request, reply) => {
    if (!requireAdmin(request, reply)) return reply;
    return sendPage(request, reply, (ctx) => <AdminIndexPage ctx={ctx} />);
  });

  app.get<{ Querystring: Record<string, unknown> }>('/admin/users', async (request, reply) => {
    if (!requireAdmin(request, reply)) return reply;
    const parsed = userSearchSchema.safeParse(request.query);
    if (!parsed.success) throw badRequest(parsed.error.issues[0]?.message ?? 'That search is not valid.');
    const users = await searchUsers(db, parsed.data.q, USERS_PER_SEARCH);
    return sendPage(request, reply, (ctx) => <UsersPage ctx={ctx} query={parsed.data.q} users={users} limit={USERS_PER_SEARCH} />);
  });

  app.get<UserParams & { Querystring: { done?: string } }>('/admin/users/:name', async (request, reply) => {
    if (!requireAdmin(request, reply)) return reply;
    const notice = NOTICES[String(request.query.done)];
    return renderUser(request, reply, request.params.name, notice ? { notice } : {});
  });

  for (const change of ['grant', 'revoke'] as const) {
    app.post<UserParams>(`/admin/users/:name/roles/${change}`, async (request, reply) => {
      const viewer = requireAdmin(request, reply);
      if (!viewer) return reply;
      const form = parseForm(roleFormSchema, request.body);
      if (!form.ok) return renderUser(request, reply, request.params.name, { errors: form.errors }, 400);
      const apply = change === 'grant' ? grantRole : revokeRole;
      const result = await apply(db, actorOf(viewer), request.params.name, form.data.role);
      return finish(request, reply, result, change === 'grant' ? 'granted' : 'revoked');
    });
  }

  app.post<UserParams>('/admin/users/:name/fandoms', async (request, reply) => {
    const viewer = requireAdmin(request, reply, 'assignFandoms');
    if (!viewer) return reply;
    const form = parseForm(assignFandomSchema, request.body);
    if (!form.ok) return renderUser(request, reply, request.params.name, { errors: form.errors, fandom: form.values.fandom ?? '' }, 400);
    const result = await assignFandom(db, actorOf(viewer), request.params.name, form.data.fandom);
    return finish(request, reply, result, 'assigned', 'fandom', form.values.fandom ?? '');
  });

  app.post<UserParams>('/admin/users/:name/fandoms/unassign', async (request, reply) => {
    const viewer = requireAdmin(request, reply, 'assignFandoms');
    if (!viewer) return reply;
    const form = parseForm(unassignFandomSchema, request.body);
    if (!form.ok) return renderUser(request, reply, request.params.name, { errors: form.errors }, 400);
    const result = await unassignFandom(db, actorOf(viewer), request.params.name, form.data.fandom_id);
    return finish(request, reply, result, 'unassigned');
  });
}
