import type { FastifyInstance } from 'fastify';
import { notFound } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/http/page.ts';
import { listWorksUnderTag } from '../works/works.repository.ts';
import { isTagType, tagPath } from './tags.model.ts';
import { findTagDetails, listCanonicalFandoms, listRelatedTags } from './tags.repository.ts';
import { normalizeTagName } from './tags.schemas.ts';
import { FandomsPage } from './views/fandoms-page.tsx';
import { TagPage } from './views/tag-page.tsx';

const WORKS_PER_PAGE = 50;

type TagParams = { Params: { type: string; name: string } };

export function registerTagRoutes(app: FastifyInstance): void {
  const { db } = app;

  app.get<TagParams>('/tags/:type/:name', async (request, reply) => {
    const { type, name } = request.params;
    if (!isTagType(type)) throw notFound('tag');
    const tag = await findTagDetails(db, type, normalizeTagName(name));
    if (!tag) throw notFound('tag');
    // A synonym has no page of its own: its works are on its canonical tag's page.
    if (tag.synonymOf) return reply.redirect(tagPath(tag.synonymOf.type, tag.synonymOf.name), 301);
    const related = await listRelatedTags(db, tag.id);
    const works = await listWorksUnderTag(db, tag.id, request.viewer, WORKS_PER_PAGE);
    return sendPage(request, reply, (ctx) => <TagPage ctx={ctx} tag={tag} related={related} works={works} />);
  });

  app.get('/fandoms', async (request, reply) => {
    const fandoms = await listCanonicalFandoms(db, request.viewer);
    return sendPage(request, reply, (ctx) => <FandomsPage ctx={ctx} fandoms={fandoms} />);
  });
}
