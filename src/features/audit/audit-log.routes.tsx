import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { badRequest, notFound } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/http/page.ts';
import { requireViewer } from '../../platform/http/route-helpers.ts';
import { wranglingPolicy } from '../wrangling/wrangling.policy.ts';
import { listAudit } from './audit.repository.ts';
import { findTagsByIds } from './audit-log.repository.ts';
import { AuditLogPage } from './views/audit-log-page.tsx';

const ENTRIES_PER_PAGE = 50;

const id = (what: string) => z.string({ message: `The ${what} must be one number.` }).regex(/^[1-9]\d{0,14}$/, { message: `The ${what} must be a whole number.` }).transform(Number);

/** `?tag=ID` filters on one tag; `?before=ID` is the keyset of the next page. */
const logQuerySchema = z.object({ tag: id('tag').optional(), before: id('page').optional() });

export function registerAuditLogRoutes(app: FastifyInstance): void {
  const { db } = app;

  app.get<{ Querystring: Record<string, unknown> }>('/wrangling/log', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    wranglingPolicy.authorize(viewer, 'viewLog', null);
    const parsed = logQuerySchema.safeParse(request.query);
    if (!parsed.success) throw badRequest(parsed.error.issues[0]?.message ?? 'That address is not valid.');
    const { tag: tagId, before } = parsed.data;
    // One more than a page, to know whether an older page exists.
    const rows = await listAudit(db, { limit: ENTRIES_PER_PAGE + 1, ...(tagId === undefined ? {} : { tagId }), ...(before === undefined ? {} : { beforeId: before }) });
    const entries = rows.slice(0, ENTRIES_PER_PAGE);
    const tags = await findTagsByIds(db, [...entries.flatMap((e) => (e.tagId === null ? [] : [e.tagId])), ...(tagId === undefined ? [] : [tagId])]);
    const filter = tagId === undefined ? undefined : tags.get(tagId);
    if (tagId !== undefined && !filter) throw notFound('tag');
    const olderBefore = rows.length > ENTRIES_PER_PAGE ? entries.at(-1)?.id : undefined;
    return sendPage(request, reply, (ctx) => <AuditLogPage ctx={ctx} entries={entries} tags={tags} {...(filter ? { filter } : {})} {...(olderBefore === undefined ? {} : { olderBefore })} />);
  });
}
