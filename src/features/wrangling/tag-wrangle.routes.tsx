import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/http/errors.ts';
import { parseForm, type FormValues } from '../../platform/http/forms.ts';
import { redirectAfterPost, sendPage } from '../../platform/http/page.ts';
import { requireViewer } from '../../platform/http/route-helpers.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import type { Viewer } from '../../platform/views/page-context.ts';
import { listAudit } from '../audit/audit.repository.ts';
import { isTagType, type TagDetails } from '../tags/tags.model.ts';
import { findTagDetails, listRelatedTags } from '../tags/tags.repository.ts';
import { normalizeTagName } from '../tags/tags.schemas.ts';
import { countTagWorks } from './tag-wrangle.repository.ts';
import { ERROR_KEY, isWrangleAction, WRANGLE_FORMS, type WrangleAction } from './tag-wrangle.schemas.ts';
import { wrangleTag } from './tag-wrangle.service.ts';
import { SystemTagWranglePage, TagWranglePage } from './views/tag-wrangle-page.tsx';
import { isWrangleable, wranglePath } from './tag-wrangle.model.ts';
import { wranglingPolicy } from './wrangling.policy.ts';

const HISTORY_ENTRIES = 20;

type TagParams = { type: string; name: string };

/** Wranglers and admins only: guests are sent to log in (or get a 401 on a POST), members get a 403. */
function requireWrangler(request: FastifyRequest, reply: FastifyReply): Viewer | null {
  const viewer = requireViewer(request, reply);
  if (viewer) wranglingPolicy.authorize(viewer, 'wrangle', null);
  return viewer;
}

async function loadTag(request: FastifyRequest, { type, name }: TagParams): Promise<TagDetails> {
  if (!isTagType(type)) throw notFound('tag');
  const tag = await findTagDetails(request.server.db, type, normalizeTagName(name));
  if (!tag) throw notFound('tag');
  return tag;
}

interface PageState {
  values?: FormValues;
  errors?: FieldErrors;
  done?: WrangleAction | undefined;
}

async function renderWranglePage(request: FastifyRequest, reply: FastifyReply, tag: TagDetails, state: PageState, status = 200) {
  const { db } = request.server;
  if (!isWrangleable(tag)) return sendPage(request, reply, (ctx) => <SystemTagWranglePage ctx={ctx} tag={tag} {...(state.errors ? { errors: state.errors } : {})} />, status);
  const [related, counts, history] = await Promise.all([listRelatedTags(db, tag.id), countTagWorks(db, tag.id), listAudit(db, { tagId: tag.id, limit: HISTORY_ENTRIES })]);
  return sendPage(request, reply, (ctx) => <TagWranglePage ctx={ctx} tag={tag} related={related} counts={counts} history={history} {...state} />, status);
}

export function registerTagWrangleRoutes(app: FastifyInstance): void {
  app.get<{ Params: TagParams; Querystring: { done?: string } }>('/tags/:type/:name/wrangle', async (request, reply) => {
    if (!requireWrangler(request, reply)) return reply;
    const tag = await loadTag(request, request.params);
    const done = typeof request.query.done === 'string' && isWrangleAction(request.query.done) ? request.query.done : undefined;
    return renderWranglePage(request, reply, tag, { done });
  });

  app.post<{ Params: TagParams & { action: string } }>('/tags/:type/:name/wrangle/:action', async (request, reply) => {
    const viewer = requireWrangler(request, reply);
    if (!viewer) return reply;
    const { action } = request.params;
    if (!isWrangleAction(action)) throw notFound('page');
    const tag = await loadTag(request, request.params);
    const form = parseForm(WRANGLE_FORMS[action], request.body);
    // Each form has one input (or none), so whatever went wrong is shown at that form.
    const result = form.ok ? await wrangleTag(app.db, viewer, tag.id, action, form.data) : { ok: false as const, errors: { [ERROR_KEY[action]]: Object.values(form.errors)[0] } };
    if (!result.ok) return renderWranglePage(request, reply, tag, { values: form.values, errors: result.errors }, 400);
    return redirectAfterPost(reply, `${wranglePath(result.tag)}?done=${action}`);
  });
}
