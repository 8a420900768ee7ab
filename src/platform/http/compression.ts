import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import { constants } from 'node:zlib';
import { MIN_COMPRESSED_BYTES } from '../page-cache/content-encoding.ts';

/**
 * Text worth compressing: HTML, CSS, JSON, JavaScript, XML, SVG. Not @fastify/compress's default,
 * which also takes `application/octet-stream`: a download of unknown bytes is usually packed
 * already. Types this does not name go to mime-db's `compressible` flag (EPUB and zip: no).
 */
const COMPRESSIBLE = /^text\/(?!event-stream)|^application\/(?:json|javascript|xml)\b|\+(?:json|xml)\b/;

/**
 * Compresses answers made per request — members' pages, pages the guest cache does not hold,
 * JSON, the island scripts and stylesheets — for clients that accept it (QUIRE_COMPRESSION).
 * The guest page cache negotiates and compresses its own pages once (cached-page.ts); the
 * plugin leaves alone any answer that already has a Content-Encoding, and the cache's identity
 * answers too. Registered before the routes: it hooks each route as it is added.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  if (!app.config.compression) return;
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip', 'identity'],
    threshold: MIN_COMPRESSED_BYTES,
    customTypes: COMPRESSIBLE,
    // Paid on every answer (a member's page is rendered and compressed each time), so brotli
    // at 4, the plugin's own recommendation; the cache, which compresses once, uses 5.
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } },
    zlibOptions: { level: 6 },
    // Requests never arrive compressed from browsers; unpacking them would only let a small
    // body inflate past QUIRE_MAX_BODY_BYTES' intent.
    globalDecompression: false,
  });
}
