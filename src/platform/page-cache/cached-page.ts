import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { pageContext } from '../http/page.ts';
import type { PageContext } from '../views/page-context.ts';
import { renderDocument } from '../views/render.ts';
import { readerPreferences } from '../../features/preferences/reader-preferences.ts';
import { preferencesToFields } from '../../features/preferences/preferences.schemas.ts';
import type { ReaderPreferences } from '../../features/preferences/preferences.model.ts';
import { compressBody, MIN_COMPRESSED_BYTES, negotiateEncoding, type Representation } from './content-encoding.ts';
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
    variants: {},
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    lastModified,
    lastModifiedHeader: lastModified.toUTCString(),
    deps,
    expiresAt: now + ttlMs,
  };
}

/**
 * Each representation has its own strong ETag (a gzip body is not the identity body byte for
 * byte): `"<hash>"`, `"<hash>-br"`, `"<hash>-gz"`. The hash is of the identity bytes, so every
 * server gives the same tags.
 */
const ETAG_SUFFIX: Record<Representation, string> = { identity: '', br: '-br', gzip: '-gz' };
const etagOf = (page: StoredPage, representation: Representation) =>
  representation === 'identity' ? page.etag : `${page.etag.slice(0, -1)}${ETAG_SUFFIX[representation]}"`;

/**
 * If-None-Match matches any of the page's tags, whichever representation it names: the
 * content is the same, so a client holding the gzip copy that now asks without gzip (or a cache
 * sending every tag it holds) is still up to date. Apache's mod_deflate does the same. The 304
 * carries the tag of the representation this request would get (RFC 9110 §15.4.5).
 */
function matchesPage(tag: string, page: StoredPage): boolean {
  const t = tag.trim().replace(/^W\//, '');
  if (t === '*' || t === page.etag) return true;
  const base = page.etag.slice(0, -1);
  return t === `${base}-br"` || t === `${base}-gz"`;
}

function isNotModified(request: FastifyRequest, page: StoredPage): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
  if (ifNoneMatch !== undefined) return ifNoneMatch.split(',').some((tag) => matchesPage(tag, page));
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  return !Number.isNaN(since) && page.lastModified.getTime() <= since;
}

/** The coding this guest gets the page in: none when compression is off or the page is tiny. */
function representationFor(request: FastifyRequest, page: StoredPage): Representation {
  if (!request.server.config.compression || page.body.length < MIN_COMPRESSED_BYTES) return 'identity';
  return negotiateEncoding(request.headers['accept-encoding']);
}

/** The bytes of that representation, compressed now and kept with the page the first time. */
function bytesOf(request: FastifyRequest, key: string, page: StoredPage, representation: Representation): Buffer {
  if (representation === 'identity') return page.body;
  const kept = page.variants[representation];
  if (kept) return kept;
  const body = compressBody(page.body, representation);
  request.server.pageCache.store.attachVariant(key, page, representation, body);
  return body;
}

function answer(request: FastifyRequest, reply: FastifyReply, key: string, page: StoredPage, fromCache: boolean) {
  const representation = representationFor(request, page);
  // This answer is already negotiated: the dynamic compressor (@fastify/compress) must leave an
  // identity answer alone too, or it could gzip it under the identity ETag. Its own switch.
  request.headers['x-no-compression'] = 'page-cache';
  void reply
    .header('cache-control', GUEST_CACHE_CONTROL)
    .header('vary', request.server.config.compression ? 'Cookie, Accept-Encoding' : 'Cookie')
    .header('etag', etagOf(page, representation))
    .header('last-modified', page.lastModifiedHeader)
    .header('x-page-cache', fromCache ? 'hit' : 'miss');
  if (isNotModified(request, page)) return reply.code(304).send();
  if (representation !== 'identity') void reply.header('content-encoding', representation);
  return reply.code(200).type('text/html; charset=utf-8').send(bytesOf(request, key, page, representation));
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
    if (hit) return answer(request, reply, key, hit, true);
  }
  // Read before the page's data: a change landing during the render moves it, and the page is not kept.
  const epoch = pageCache.store.epoch;
  const page = await load();
  if (!page) return reply;
  if ((page.status ?? 200) !== 200) return sendUncached(request, reply, page, 'no-store');
  const stored = toStored(renderDocument(page.view(pageContext(request, reply))), page.deps, pageCache.ttlMs);
  if (useStore) pageCache.store.set(key, stored, epoch);
  return answer(request, reply, key, stored, false);
}
