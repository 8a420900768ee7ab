import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseId, requireViewer } from '../../platform/http/route-helpers.ts';
import { notFound } from '../../platform/http/errors.ts';
import { parseForm, type FormValues } from '../../platform/http/forms.ts';
import { redirectAfterPost, sendPage } from '../../platform/http/page.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { findWork } from '../works/works.repository.ts';
import { creatorshipPolicy } from './creatorships.policy.ts';
import { listPendingInvitations } from './creatorships.repository.ts';
import { inviteSchema } from './creatorships.schemas.ts';
import { answerInvitation, inviteCoCreator, orphanWork } from './creatorships.service.ts';
import { InvitationsPage } from './views/invitations-page.tsx';
import { InvitePage } from './views/invite-page.tsx';
import { OrphanWorkPage } from './views/orphan-page.tsx';

type WorkParams = { Params: { id: string } };
type InvitationParams = { Params: { workId: string; pseudId: string } };

export function registerCreatorshipRoutes(app: FastifyInstance): void {
  const { db } = app;

  async function loadWorkFor(viewer: Viewer, raw: string, action: 'invite' | 'orphan') {
    const work = await findWork(db, parseId(raw, 'work'));
    if (!work) throw notFound('work');
    creatorshipPolicy.authorize(viewer, action, work);
    return work;
  }

  async function renderInvite(request: FastifyRequest, reply: FastifyReply, viewer: Viewer, raw: string, values: FormValues, errors: FieldErrors, status: number) {
    const work = await loadWorkFor(viewer, raw, 'invite');
    return sendPage(request, reply, (ctx) => <InvitePage ctx={ctx} work={work} values={values} errors={errors} />, status);
  }

  app.get<WorkParams>('/works/:id/invite', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    return renderInvite(request, reply, viewer, request.params.id, {}, {}, 200);
  });

  app.post<WorkParams>('/works/:id/invite', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const workId = parseId(request.params.id, 'work');
    const form = parseForm(inviteSchema, request.body);
    if (!form.ok) return renderInvite(request, reply, viewer, request.params.id, form.values, form.errors, 400);
    const result = await inviteCoCreator(db, viewer, workId, form.data);
    if (!result.ok) return renderInvite(request, reply, viewer, request.params.id, form.values, result.errors, 400);
    return redirectAfterPost(reply, `/works/${workId}`);
  });

  app.get('/invitations', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const invitations = await listPendingInvitations(db, viewer.id);
    return sendPage(request, reply, (ctx) => <InvitationsPage ctx={ctx} invitations={invitations} />);
  });

  for (const answer of ['accept', 'decline'] as const) {
    app.post<InvitationParams>(`/invitations/:workId/:pseudId/${answer}`, async (request, reply) => {
      const viewer = requireViewer(request, reply);
      if (!viewer) return reply;
      const workId = parseId(request.params.workId, 'invitation');
      await answerInvitation(db, viewer, workId, parseId(request.params.pseudId, 'invitation'), answer === 'accept');
      return redirectAfterPost(reply, answer === 'accept' ? `/works/${workId}` : '/invitations');
    });
  }

  app.get<WorkParams>('/works/:id/orphan', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const work = await loadWorkFor(viewer, request.params.id, 'orphan');
    const hasCoCreators = work.creators.some((creator) => creator.userId !== viewer.id);
    return sendPage(request, reply, (ctx) => <OrphanWorkPage ctx={ctx} work={work} hasCoCreators={hasCoCreators} />);
  });

  app.post<WorkParams>('/works/:id/orphan', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const workId = parseId(request.params.id, 'work');
    await orphanWork(db, viewer, workId);
    return redirectAfterPost(reply, `/works/${workId}`);
  });
}
