import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { badRequest, notFound } from '../../platform/http/errors.ts';
import { parseForm } from '../../platform/http/forms.ts';
import { redirectAfterPost, sendPage } from '../../platform/http/page.ts';
import { requireViewer } from '../../platform/http/route-helpers.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { Tag } from '../tags/tags.model.ts';
import { findTagDetails } from '../tags/tags.repository.ts';
import { normalizeTagName } from '../tags/tags.schemas.ts';
import { QUEUE_PAGE_SIZE, queuePath, type BulkFailure, type QueueType } from './queue.model.ts';
import { listAssignedFandoms, listQueue, searchCanonicalFandoms } from './queue.repository.ts';
import { BULK_FORM_LISTS, bulkFormSchema, fandomSearchSchema, queueQuerySchema } from './queue.schemas.ts';
import { applyBulkAction } from './queue.service.ts';
import { wranglingPolicy } from './wrangling.policy.ts';
import { DashboardPage } from './views/dashboard-page.tsx';
import { QueuePage } from './views/queue-page.tsx';

const FANDOMS_LISTED = 100;

type FandomParams = { Params: { name: string } };

/** Guests are sent to log in (401 on a POST); members who aren't wranglers or admins get a 403. */
function requireWrangler(request: FastifyRequest, reply: FastifyReply): Viewer | null {
  const viewer = requireViewer(request, reply);
  if (!viewer) return null;
  wranglingPolicy.authorize(viewer, 'wrangle', null);
  return viewer;
}

/** A query string checked by its schema; anything malformed is a 400, never a 500. */
function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw badRequest(parsed.error.issues[0]?.message ?? 'That address is not valid.');
  return parsed.data;
}

export function registerQueueRoutes(app: FastifyInstance): void {
  const { db } = app;

  /** The canonical fandom named in the address. */
  async function loadFandom(rawName: string): Promise<Tag & { synonymOf: Tag | null }> {
    const fandom = await findTagDetails(db, 'fandom', normalizeTagName(rawName));
    if (!fandom || !(fandom.canonical || fandom.synonymOf)) throw notFound('canonical fandom');
    return fandom;
  }

  interface Shown {
    type: QueueType;
    page: number;
    done?: number;
    errors?: FieldErrors;
    failures?: BulkFailure[];
    selected?: ReadonlySet<number>;
  }

  async function renderQueue(request: FastifyRequest, reply: FastifyReply, fandom: Tag, shown: Shown, status = 200) {
    const queue = await listQueue(db, fandom.id, shown.type, shown.page, QUEUE_PAGE_SIZE);
    if (shown.page > 1 && queue.tags.length === 0 && status === 200) throw notFound('page');
    return sendPage(request, reply, (ctx) => <QueuePage ctx={ctx} fandom={fandom} queue={queue} {...shown} />, status);
  }

  app.get<{ Querystring: Record<string, unknown> }>('/wrangling', async (request, reply) => {
    const viewer = requireWrangler(request, reply);
    if (!viewer) return reply;
    const { q } = parseQuery(fandomSearchSchema, request.query);
    const assigned = await listAssignedFandoms(db, viewer.id);
    const fandoms = await searchCanonicalFandoms(db, normalizeTagName(q), FANDOMS_LISTED);
    return sendPage(request, reply, (ctx) => <DashboardPage ctx={ctx} assigned={assigned} query={q} fandoms={fandoms} limit={FANDOMS_LISTED} />);
  });

  app.get<FandomParams & { Querystring: Record<string, unknown> }>('/wrangling/fandoms/:name', async (request, reply) => {
    if (!requireWrangler(request, reply)) return reply;
    const { done, ...query } = request.query;
    const { type, page } = parseQuery(queueQuerySchema, query);
    const fandom = await loadFandom(request.params.name);
    // A synonym's works are its canonical fandom's: its queue is that one.
    if (fandom.synonymOf) return reply.redirect(queuePath(fandom.synonymOf.name, type, page), 301);
    const wrangled = typeof done === 'string' && /^\d{1,4}$/.test(done) ? Number(done) : undefined;
    return renderQueue(request, reply, fandom, { type, page, ...(wrangled === undefined ? {} : { done: wrangled }) });
  });

  app.post<FandomParams>('/wrangling/fandoms/:name', async (request, reply) => {
    const viewer = requireWrangler(request, reply);
    if (!viewer) return reply;
    const fandom = await loadFandom(request.params.name);
    if (fandom.synonymOf) throw notFound('canonical fandom');
    const form = parseForm(bulkFormSchema, request.body, BULK_FORM_LISTS);
    if (!form.ok) {
      const shown = queueQuerySchema.safeParse({ type: form.values.type, page: form.values.page });
      const { type, page } = shown.success ? shown.data : { type: 'character' as const, page: 1 };
      return renderQueue(request, reply, fandom, { type, page, errors: form.errors }, 400);
    }
    const { action, tag_ids: tagIds, type, page } = form.data;
    const result = await applyBulkAction(db, viewer, fandom, action, tagIds);
    if (!result.ok) return renderQueue(request, reply, fandom, { type, page, failures: result.failures, selected: new Set(tagIds) }, 400);
    // The wrangled tags have left the queue, so its first page is where the work continues.
    return redirectAfterPost(reply, queuePath(fandom.name, type, 1, result.count));
  });
}
