import type { FastifyInstance } from 'fastify';
import { listingRouteOptions } from '../listings/listing.routes.tsx';

/**
 * `/search?q=…`, the address readers type and browsers' site-search settings expect: a permanent
 * redirect to the works listing with every parameter as it came (filters and sort included), so
 * there is one search page and one cached page per query. The listing's address-length limit
 * (414) applies here too.
 */
export function registerSearchRoutes(app: FastifyInstance): void {
  app.get('/search', listingRouteOptions, (request, reply) => {
    const at = request.url.indexOf('?');
    const query = at >= 0 ? request.url.slice(at + 1) : '';
    return reply.redirect(query ? `/works?${query}` : '/works', 301);
  });
}
