import type { FastifyInstance } from 'fastify';
import { sendCachedPage } from '../../platform/page-cache/cached-page.ts';
import { LISTING_DEPS, tagListingDeps } from '../../platform/page-cache/page-keys.ts';
import { notFound } from '../../platform/http/errors.ts';
import { parsePage } from '../../platform/http/pagination.ts';
import { listingRouteOptions } from '../listings/listing.routes.tsx';
import { rawQuery } from '../listings/listing.schemas.ts';
import { loadListing } from '../listings/listing.service.ts';
import { listingStatus } from '../listings/views/listing-view.tsx';
import { isTagType, MEDIA, tagPath } from './tags.model.ts';
import { findTagDetails, listMediaFandoms, listRelatedTags } from './tags.repository.ts';
import { normalizeTagName } from './tags.schemas.ts';
import { FandomsPage } from './views/fandoms-page.tsx';
import { MediaPage } from './views/media-page.tsx';
import { TagPage } from './views/tag-page.tsx';

/** How many fandoms of each media /fandoms shows, by work count; the media's page lists all. */
const TOP_FANDOMS_PER_MEDIA = 5;

type TagParams = { Params: { type: string; name: string }; Querystring: { page?: unknown } };

export function registerTagRoutes(app: FastifyInstance): void {
  const { db } = app;

  // The tag is looked up inside `load`: a guest's cache hit or 304 costs no query. The page
  // depends on the tag and on 'listings', which every rename, synonym, merge or delete of any tag
  // writes, so a cached URL never outlives a change to what its name means. Redirects and 404s
  // are answered from `load` and never stored.
  app.get<TagParams>('/tags/:type/:name', listingRouteOptions, async (request, reply) => {
    const { type, name } = request.params;
    if (!isTagType(type)) throw notFound('tag');
    return sendCachedPage(request, reply, async () => {
      const tag = await findTagDetails(db, type, normalizeTagName(name));
      if (!tag) throw notFound('tag');
      // A synonym has no page of its own: its works are on its canonical tag's page. A wrangler
      // may undo the synonym, so browsers must not keep the permanent redirect for good.
      if (tag.synonymOf) {
        void reply.header('cache-control', 'no-cache').redirect(tagPath(tag.synonymOf.type, tag.synonymOf.name), 301);
        return null;
      }
      if (tag.type === MEDIA) {
        if (parsePage(request.query.page) > 1) throw notFound('page');
        const [group] = await listMediaFandoms(db, request.viewer, { mediaId: tag.id });
        return { deps: LISTING_DEPS, view: (ctx) => <MediaPage ctx={ctx} media={tag} fandoms={group?.fandoms ?? []} /> };
      }
      // A canonical (or not yet wrangled) tag's page is the works listing with the tag included.
      const raw = rawQuery(request.query);
      const [related, outcome] = await Promise.all([listRelatedTags(db, tag.id), loadListing(db, request.viewer, { kind: 'tag', tagId: tag.id }, raw)]);
      return { deps: tagListingDeps(tag.id), status: listingStatus(outcome), view: (ctx) => <TagPage ctx={ctx} tag={tag} related={related} raw={raw} outcome={outcome} /> };
    });
  });

  app.get('/fandoms', (request, reply) =>
    sendCachedPage(request, reply, async () => {
      const groups = await listMediaFandoms(db, request.viewer, { top: TOP_FANDOMS_PER_MEDIA });
      return { deps: LISTING_DEPS, view: (ctx) => <FandomsPage ctx={ctx} groups={groups} /> };
    }),
  );
}
