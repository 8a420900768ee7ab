import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { pageContext } from '../http/page.ts';
import type { PageContext } from '../views/page-context.ts';
import { renderDocument } from '../views/render.ts';
import { readerPreferences } from '../../features/preferences/reader-preferences.ts';
import { preferencesToFields } from '../../features/preferences/preferences.schemas.ts';
import type { ReaderPreferences } from '../../features/preferences/preferences.model.ts';
import type { StoredPage } from './page-store.ts';

/**
 * Guests: any cache may keep the page, but must ask us before reusing it (If-None-Match), which
 * the in-process cache answers with a 304 without touching the database. A reader never sees a
 * page older than the change feed's poll, and no max-age window can hide an edit or a
 * members-only switch behind a CDN.
 */
export const GUEST_CACHE_CONTROL = 'public, no-cache';
/** Members: personal (their name, CSRF token, drafts, restricted works); no cache keeps it, not even the browser's disk. */
export const MEMBER_CACHE_CONTROL = 'private, no-store';

/** A page a route offers to the cache: how to render it and what it shows (page-keys.ts). */
export interface CacheablePage {
  view: (ctx: PageContext) => VNode;
  deps: readonly string[];
  /** Anything but 200 (a listing's bad filters: 400) is sent as it is and never stored. */
  status?: number;
}


/** URLs longer than this are answered but not stored (nobody links to them). */
const MAX_CACHED_URL = 2048;

const isGuestRead = (request: FastifyRequest) => !request.viewer && (request.method === 'GET' || request.method === 'HEAD');

/** The URL and whatever else changes a guest page's bytes: the reader's preferences cookie. */
function storeKey(request: FastifyRequest): string {
  const preferences = readerPreferences(request);
  return `${request.url}\n${keyOfPreferences.get(preferences) ?? rememberKey(preferences)}`;
}

/** Each preferences object's part of the key, worked out once (the defaults are one shared object). */
const keyOfPreferences = new WeakMap<object, string>();
function rememberKey(preferences: ReaderPreferences): string {
  const key = new URLSearchParams(preferencesToFields(preferences)).toString();
  keyOfPreferences.set(preferences, key);
  return key;
}

function toStored(html: string, deps: readonly string[], ttlMs: number): StoredPage {
  const body = Buffer.from(html);
  const now = Date.now();
  const lastModified = new Date(Math.floor(now / 1000) * 1000);
  return {
    body,
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    lastModified,
    lastModifiedHeader: lastModified.toUTCString(),
    deps,
    expiresAt: now + ttlMs,
  };
}

function isNotModified(request: FastifyRequest, page: StoredPage): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch.split(',').some((tag) => {
      const t = tag.trim();
      return t === '*' || t.replace(/^W\//, '') === page.etag;
    });
  }
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  return !Number.isNaN(since) && page.lastModified.getTime() <= since;
}

async function answer(request: FastifyRequest, reply: FastifyReply, page: StoredPage, fromCache: boolean) {
  const notModified = isNotModified(request, page);
  void reply
    .header('cache-control', GUEST_CACHE_CONTROL)
    .header('vary', 'Cookie')
    .header('etag', page.etag)
    .header('last-modified', page.lastModifiedHeader)
    .header('x-page-cache', fromCache ? 'hit' : 'miss');
  if (notModified) return reply.code(304).send();
  return reply.code(200).type('text/html; charset=utf-8').send(page.body);
}

function sendUncached(request: FastifyRequest, reply: FastifyReply, page: CacheablePage, cacheControl: string): FastifyReply {
  const html = renderDocument(page.view(pageContext(request, reply)));
  return reply.code(page.status ?? 200).header('cache-control', cacheControl).header('vary', 'Cookie').type('text/html; charset=utf-8').send(html);
}

/**
 * Sends a page that guests may get from the in-process cache. The route's own code before this
 * call runs on every request; `load` runs only when the page must be rendered, and returns null
 * when it already answered (a redirect). Members always get a fresh render marked private.
 *
 *   return sendCachedPage(request, reply, async () => {
 *     const work = await loadWork(request, id);
 *     return { deps: [workPageKey(work.id)], view: (ctx) => <WorkPage ctx={ctx} work={work} /> };
 *   });
 */
export async function sendCachedPage(
  request: FastifyRequest,
  reply: FastifyReply,
  load: () => Promise<CacheablePage | null>,
): Promise<FastifyReply> {
  const { pageCache } = request.server;
  if (!isGuestRead(request)) {
    const page = await load();
    if (!page) return reply;
    return sendUncached(request, reply, page, MEMBER_CACHE_CONTROL);
  }
  const useStore = pageCache.store.enabled && request.url.length <= MAX_CACHED_URL && (await pageCache.feed.prepare());
  const key = storeKey(request);
  if (useStore) {
    const hit = pageCache.store.get(key);
    if (hit) return answer(request, reply, hit, true);
  }
  // Read before the page's data: a change landing during the render moves it, and the page is not kept.
  const epoch = pageCache.store.epoch;
  const page = await load();
  if (!page) return reply;
  if ((page.status ?? 200) !== 200) return sendUncached(request, reply, page, 'no-store');
  const stored = toStored(renderDocument(page.view(pageContext(request, reply))), page.deps, pageCache.ttlMs);
  if (useStore) pageCache.store.set(key, stored, epoch);
  return answer(request, reply, stored, false);
}
