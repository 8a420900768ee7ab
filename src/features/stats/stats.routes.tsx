import type { FastifyInstance } from 'fastify';
import { notFound } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/http/page.ts';
import { requireViewer } from '../../platform/http/route-helpers.ts';
import { findUserIdByUsername } from '../accounts/accounts.repository.ts';
import { statsPolicy } from './stats.policy.ts';
import { countAuthorSubscribers, listDailyHits, listWorkStats } from './stats.repository.ts';
import { StatsPage } from './views/stats-page.tsx';

const CHART_DAYS = 30;

export function registerStatsRoutes(app: FastifyInstance): void {
  const { db } = app;

  /** Owner only: guests are sent to log in, other members get 403. A fixed four queries. */
  app.get<{ Params: { username: string } }>('/users/:username/stats', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const user = await findUserIdByUsername(db, request.params.username);
    if (!user) throw notFound('user');
    statsPolicy.authorize(viewer, 'read', { userId: user.id });
    const [works, daily, authorSubscribers] = await Promise.all([listWorkStats(db, user.id), listDailyHits(db, user.id, CHART_DAYS), countAuthorSubscribers(db, user.id)]);
    void reply.header('cache-control', 'private, no-store');
    return sendPage(request, reply, (ctx) => <StatsPage ctx={ctx} username={user.username} works={works} daily={daily} authorSubscribers={authorSubscribers} />);
  });
}
