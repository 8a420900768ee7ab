import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction, RouteShorthandOptions } from 'fastify';
import { notFound } from '../../platform/http/errors.ts';
import { sendPage } from '../../platform/http/page.ts';
import { sendCachedPage } from '../../platform/page-cache/cached-page.ts';
import { LISTING_DEPS, userPagesKey } from '../../platform/page-cache/page-keys.ts';
import { Layout } from '../../platform/views/layout.tsx';
import { ErrorPage } from '../../platform/views/error-page.tsx';
import { findUserIdByUsername } from '../accounts/accounts.repository.ts';
import type { ListingScope } from './listing.model.ts';
import { rawQuery } from './listing.schemas.ts';
import { loadListing } from './listing.service.ts';
import { listingStatus, listingTitle, WorkListing } from './views/listing-view.tsx';

/** Longest query string a listing accepts; a real filter state is far shorter (README). */
export const MAX_LISTING_QUERY_BYTES = 4096;

/**
 * Route options for every listing page: a query string over the limit gets a 414 before any
 * parsing or SQL. (Node's own limit is the 16 kB header size, and inject() has none.)
 */
export const listingRouteOptions: RouteShorthandOptions = {
  // A callback, not async: every listing request, cached ones included, passes it.
  onRequest: (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const at = request.url.indexOf('?');
    if (at < 0 || Buffer.byteLength(request.url) - at - 1 <= MAX_LISTING_QUERY_BYTES) return done();
    // Answered here, so the route never runs (and done is not called).
    sendPage(request, reply, (ctx) => (
      <ErrorPage ctx={ctx} title="That address is too long" message="These filters make an address longer than this archive accepts. Choose fewer tags and try again." />
    ), 414);
  },
};

export interface ListingPageOptions {
  scope: ListingScope;
  base: string;
  title: string;
  heading: string;
  empty: string;
  deps: readonly string[];
}

/**
 * Loads and renders a listing for a scope, with the status its outcome calls for; guests may get
 * it from the page cache. Options that need a lookup (the user of /users/:name/works) are given
 * as a function, run only on a cache miss, so a cache hit costs no query.
 */
export function sendListing(request: FastifyRequest, reply: FastifyReply, optionsOrLookup: ListingPageOptions | (() => Promise<ListingPageOptions>)) {
  return sendCachedPage(request, reply, async () => {
    const options = typeof optionsOrLookup === 'function' ? await optionsOrLookup() : optionsOrLookup;
    const raw = rawQuery(request.query);
    const outcome = await loadListing(request.server.db, request.viewer, options.scope, raw);
    return {
      deps: options.deps,
      status: listingStatus(outcome),
      view: (ctx) => (
        <Layout ctx={ctx} title={listingTitle(options.title, outcome)} islands>
          <h1>{options.heading}</h1>
          <WorkListing ctx={ctx} base={options.base} raw={raw} outcome={outcome} empty={options.empty} />
        </Layout>
      ),
    };
  });
}

export function registerListingRoutes(app: FastifyInstance): void {
  app.get('/works', listingRouteOptions, (request, reply) =>
    sendListing(request, reply, { scope: { kind: 'all' }, base: '/works', title: 'Works', heading: 'Works', empty: 'No works match these filters.', deps: LISTING_DEPS }),
  );

  // Usernames never change and accounts are never deleted, so the URL alone names the page.
  app.get<{ Params: { username: string } }>('/users/:username/works', listingRouteOptions, (request, reply) =>
    sendListing(request, reply, async () => {
      const user = await findUserIdByUsername(app.db, request.params.username);
      if (!user) throw notFound('user');
      return {
        scope: { kind: 'user', userId: user.id },
        base: `/users/${encodeURIComponent(user.username)}/works`,
        title: `Works by ${user.username}`,
        heading: `Works by ${user.username}`,
        empty: `No works by ${user.username} match these filters.`,
        deps: [...LISTING_DEPS, userPagesKey(user.id)],
      };
    }),
  );
}
