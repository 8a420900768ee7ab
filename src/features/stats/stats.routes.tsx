import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { badRequest, notFound } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/http/page.ts';
import { requireViewer } from '../../platform/http/route-helpers.ts';
import { findUserIdByUsername } from '../accounts/accounts.repository.ts';
import { loadWork } from '../works/works.routes.tsx';
import { MEASURES, STATS_RANGES, type StatsRange } from './stats.model.ts';
import { statsPolicy, workStatsPolicy } from './stats.policy.ts';
import { countAuthorSubscribers, findWorkStats, listDailyHits, listWorkStats, listWorkTimeline } from './stats.repository.ts';
import { WorkStatsPage } from './views/work-stats-page.tsx';
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

  /** One work's statistics, for its creators only (workStatsPolicy): guests log in, others get 403. */
  app.get<{ Params: { id: string }; Querystring: Record<string, unknown> }>('/works/:id/stats', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const work = await loadWork(request, request.params.id);
    workStatsPolicy.authorize(viewer, 'read', work);
    const parsed = workStatsQuerySchema.safeParse(request.query);
    if (!parsed.success) throw badRequest(parsed.error.issues[0]?.message ?? 'Choose a measure and a range from the links on the page.');
    const { measure, range } = parsed.data;
    const [stats, timeline] = await Promise.all([findWorkStats(db, work.id), listWorkTimeline(db, work.id, range)]);
    if (!stats) throw notFound('work');
    void reply.header('cache-control', 'private, no-store');
    return sendPage(request, reply, (ctx) => <WorkStatsPage ctx={ctx} detail={{ work: stats, range, timeline }} measure={measure} />);
  });
}

/** ?measure= and ?range= of a work's statistics; unknown parameters are ignored, a bad value is a 400. */
const workStatsQuerySchema = z.object({
  measure: z.enum(MEASURES, { message: 'Choose hits, kudos, comments, bookmarks or subscriptions.' }).default('hits'),
  range: z.enum(Object.keys(STATS_RANGES) as [StatsRange, ...StatsRange[]], { message: 'Choose the last 30 days or the last 52 weeks.' }).default('month'),
});
