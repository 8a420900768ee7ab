import type { FastifyInstance } from 'fastify';
import { PageCacheFeed } from './page-cache-feed.ts';
import { PageStore } from './page-store.ts';

export interface PageCache {
  store: PageStore;
  feed: PageCacheFeed;
  ttlMs: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    pageCache: PageCache;
  }
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The guest page cache (see cached-page.ts) and two rules for every response: a page that did
 * not opt in to caching is private and never stored; an answered POST makes this server read
 * the change feed before its next cached answer, so a writer sees their own change at once.
 */
export function registerPageCache(app: FastifyInstance): void {
  const { config } = app;
  const store = new PageStore(config.pageCacheBytes);
  const feed = new PageCacheFeed(app.db, store, config.pageCachePollMs, app.log);
  app.decorate('pageCache', { store, feed, ttlMs: config.pageCacheTtlSeconds * 1000 });
  app.addHook('onReady', () => feed.start());
  app.addHook('onClose', () => feed.stop());
  app.addHook('onSend', (request, reply, payload, done) => {
    if (UNSAFE_METHODS.has(request.method)) feed.markDirty();
    if (!reply.hasHeader('cache-control') && String(reply.getHeader('content-type') ?? '').startsWith('text/html')) {
      reply.header('cache-control', 'private, no-store');
    }
    done(null, payload);
  });
}
