import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildWork, loggedInMember, uniqueName, WORK_FORM_DEFAULTS, type BuiltUser } from '../../../test/support/builders.ts';
import { canonicalTag, loggedInWith } from '../../../test/support/wrangling-builders.ts';
import type { TestClient } from '../../../test/support/test-app.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { negotiateEncoding } from './content-encoding.ts';
import { PageStore, type StoredPage } from './page-store.ts';

const BROWSER = 'gzip, deflate, br';

describe('Accept-Encoding negotiation', () => {
  const cases: [string | undefined, string][] = [
    [undefined, 'identity'],
    ['', 'identity'],
    ['identity', 'identity'],
    [BROWSER, 'br'],
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['x-gzip', 'gzip'],
    ['deflate', 'identity'],
    ['*', 'br'],
    ['br;q=0, *', 'gzip'],
    ['br;q=0, gzip;q=0', 'identity'],
    ['*;q=0', 'identity'],
    ['*;q=0, identity;q=0', 'identity'],
    ['gzip;q=1, br;q=0.9', 'gzip'],
    ['br;q=0.5, gzip;q=0.5', 'br'],
    ['gzip;q=0.5, identity', 'identity'],
    ['gzip;q=0.5, identity;q=0.5', 'gzip'],
    ['gzip ; q=0.8 , br ; q = 0.7', 'gzip'],
    ['gzip;q=nonsense, br', 'br'],
    ['gzip;q=nonsense', 'identity'],
  ];
  for (const [header, expected] of cases) {
    it(`${JSON.stringify(header)} → ${expected}`, () => assert.equal(negotiateEncoding(header), expected));
  }
});

describe('page store with compressed variants', () => {
  const page = (body: string): StoredPage => ({ body: Buffer.from(body), variants: {}, etag: '"x"', lastModified: new Date(0), lastModifiedHeader: new Date(0).toUTCString(), deps: ['work:1'], expiresAt: Date.now() + 60_000 });

  it('counts a variant in the budget, and gives it back when the page leaves or is replaced', () => {
    const store = new PageStore(1024 * 1024);
    const first = page('a'.repeat(2000));
    store.set('k', first, store.epoch);
    const alone = store.usedBytes;
    store.attachVariant('k', first, 'gzip', Buffer.alloc(300));
    store.attachVariant('k', first, 'br', Buffer.alloc(200));
    assert.equal(store.usedBytes, alone + 500);
    store.attachVariant('k', first, 'br', Buffer.alloc(250));
    assert.equal(store.usedBytes, alone + 550, 'a variant made again replaces the old one');
    store.set('k', page('b'.repeat(2000)), store.epoch);
    assert.equal(store.usedBytes, alone, 'the replacing page starts without variants');
    store.invalidate(['work:1']);
    assert.equal(store.usedBytes, 0);
  });

  it('gives a page that is not stored its variant without counting it', () => {
    const store = new PageStore(1024 * 1024);
    const loose = page('c'.repeat(2000));
    store.attachVariant('k', loose, 'gzip', Buffer.alloc(300));
    assert.equal(store.usedBytes, 0);
    assert.equal(loose.variants.gzip?.length, 300);
    store.set('k', page('d'.repeat(2000)), store.epoch);
    const before = store.usedBytes;
    store.attachVariant('k', loose, 'br', Buffer.alloc(300));
    assert.equal(store.usedBytes, before, 'another page under the same key is not charged');
  });

  it('evicts the least recently used pages when a variant takes the store over budget', () => {
    const store = new PageStore(8000);
    const a = page('a'.repeat(1000));
    const b = page('b'.repeat(1000));
    assert.ok(store.set('a', a, store.epoch) && store.set('b', b, store.epoch));
    store.attachVariant('b', b, 'gzip', Buffer.alloc(5000));
    assert.ok(store.usedBytes <= 8000);
    assert.equal(store.get('a'), undefined);
    assert.equal(store.get('b'), b);
  });
});

/** A test-only download: a packed file, sent as a Buffer and as a stream. */
const PACKED = Buffer.from('PK\u0003\u0004'.padEnd(8000, 'x'), 'latin1');
function addDownloads(app: FastifyInstance): void {
  app.get('/test-only/book.epub', (_request, reply) => reply.type('application/epub+zip').header('content-disposition', 'attachment; filename="book.epub"').send(PACKED));
  app.get('/test-only/book-stream.epub', (_request, reply) => reply.type('application/epub+zip').send(Readable.from([PACKED.subarray(0, 4000), PACKED.subarray(4000)])));
}

function decoded(response: LightMyRequestResponse): string {
  const encoding = response.headers['content-encoding'];
  if (encoding === 'gzip') return gunzipSync(response.rawPayload).toString('utf8');
  if (encoding === 'br') return brotliDecompressSync(response.rawPayload).toString('utf8');
  assert.equal(encoding, undefined, `unexpected Content-Encoding ${String(encoding)}`);
  return response.body;
}

for (const engine of ENGINES) {
  describe(`compressed answers (${engine})`, () => {
    let t: TestApp;
    let writer: { user: BuiltUser; client: TestClient };
    before(async () => {
      t = await startTestApp(engine, {}, { beforeReady: addDownloads });
      writer = await loggedInMember(t);
    });
    after(() => t.close());

    const get = (url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') => t.app.inject({ method, url, headers });

    it('serves a cached page in brotli or gzip to whoever accepts it, the same HTML, with its own ETag', async () => {
      const url = `/works/${await buildWork(t.db, writer.user, { title: 'Squeezed Work' })}`;
      const plain = await get(url);
      assert.equal(plain.headers['content-encoding'], undefined, 'no Accept-Encoding: identity');
      assert.match(plain.body, /Squeezed Work/);
      const etags = new Set([plain.headers.etag]);
      for (const [accept, encoding, suffix] of [[BROWSER, 'br', '-br'], ['gzip', 'gzip', '-gz']] as const) {
        const miss = await get(url, { 'accept-encoding': accept });
        const hit = await get(url, { 'accept-encoding': accept });
        for (const response of [miss, hit]) {
          assert.equal(response.statusCode, 200);
          assert.equal(response.headers['content-encoding'], encoding);
          assert.equal(response.headers.vary, 'Cookie, Accept-Encoding');
          assert.equal(response.headers['cache-control'], 'public, no-cache');
          assert.equal(response.headers.etag, `${(plain.headers.etag as string).slice(0, -1)}${suffix}"`);
          assert.equal(Number(response.headers['content-length']), response.rawPayload.length);
          assert.ok(response.rawPayload.length < plain.rawPayload.length / 2, `${encoding} is much smaller`);
          assert.equal(decoded(response), plain.body);
        }
        assert.equal(hit.headers['x-page-cache'], 'hit');
        etags.add(hit.headers.etag);
      }
      assert.equal(etags.size, 3);
      assert.equal(plain.headers.vary, 'Cookie, Accept-Encoding');
    });

    it('sends identity when no coding is acceptable, and the next best coding when one is refused', async () => {
      const url = `/works/${await buildWork(t.db, writer.user)}`;
      for (const accept of ['identity', 'deflate', 'br;q=0, gzip;q=0', '*;q=0']) {
        const response = await get(url, { 'accept-encoding': accept });
        assert.equal(response.statusCode, 200, accept);
        assert.equal(response.headers['content-encoding'], undefined, accept);
        assert.match(response.body, /<html/, accept);
        assert.equal(response.headers.vary, 'Cookie, Accept-Encoding');
      }
      assert.equal((await get(url, { 'accept-encoding': 'br;q=0, *' })).headers['content-encoding'], 'gzip');
      assert.equal((await get(url, { 'accept-encoding': 'gzip;q=1, br;q=0.5' })).headers['content-encoding'], 'gzip');
    });

    it('answers 304 to any of the page’s ETags, naming the one this request would get', async () => {
      const url = `/works/${await buildWork(t.db, writer.user)}`;
      const tags = await Promise.all([undefined, 'br', 'gzip'].map(async (accept) => (await get(url, accept ? { 'accept-encoding': accept } : {})).headers.etag as string));
      for (const sent of tags) {
        for (const accept of [BROWSER, 'gzip', 'identity']) {
          const response = await get(url, { 'accept-encoding': accept, 'if-none-match': sent });
          assert.equal(response.statusCode, 304, `${sent} with ${accept}`);
          assert.equal(response.rawPayload.length, 0);
          assert.equal(response.headers['content-encoding'], undefined);
          assert.equal(response.headers.vary, 'Cookie, Accept-Encoding');
          assert.equal(response.headers.etag, tags[accept === BROWSER ? 1 : accept === 'gzip' ? 2 : 0]);
        }
      }
      assert.equal((await get(url, { 'accept-encoding': 'br', 'if-none-match': `${tags[0]!.slice(0, -1)}-zz"` })).statusCode, 200);
    });

    it('answers HEAD with the headers of the compressed page and no body', async () => {
      const url = `/works/${await buildWork(t.db, writer.user)}`;
      const full = await get(url, { 'accept-encoding': 'gzip' });
      const head = await get(url, { 'accept-encoding': 'gzip' }, 'HEAD');
      assert.equal(head.statusCode, 200);
      assert.equal(head.rawPayload.length, 0);
      assert.equal(head.headers['content-encoding'], 'gzip');
      assert.equal(head.headers.etag, full.headers.etag);
      assert.equal(head.headers['content-length'], full.headers['content-length']);
    });

    it('drops the compressed copies with the page when the work is edited', async () => {
      const workId = await buildWork(t.db, writer.user, { title: 'Packed Before' });
      const url = `/works/${workId}`;
      await get(url, { 'accept-encoding': 'br' });
      const warm = await get(url, { 'accept-encoding': 'br' });
      assert.equal(warm.headers['x-page-cache'], 'hit');
      assert.match(decoded(warm), /Packed Before/);
      const form = (await writer.client.get(`/works/${workId}/edit`)).body;
      const lockVersion = /name="lock_version" value="(\d+)"/.exec(form)?.[1] ?? '';
      const edited = await writer.client.post(`/works/${workId}/edit`, { ...WORK_FORM_DEFAULTS, title: 'Packed After', pseud_id: String(writer.user.defaultPseudId), format: 'html', body: '<p>Edited.</p>', lock_version: lockVersion });
      assert.equal(edited.statusCode, 303);
      const fresh = await get(url, { 'accept-encoding': 'br' });
      assert.equal(fresh.headers['x-page-cache'], 'miss');
      assert.notEqual(fresh.headers.etag, warm.headers.etag);
      assert.match(decoded(fresh), /Packed After/);
      assert.doesNotMatch(decoded(fresh), /Packed Before/);
    });

    it("compresses a member's page on the way out, never for the guest cache", async () => {
      const url = `/works/${await buildWork(t.db, writer.user)}`;
      const response = await writer.client.get(url, { 'accept-encoding': BROWSER });
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-encoding'], 'br');
      assert.equal(response.headers['cache-control'], 'private, no-store');
      assert.match(String(response.headers.vary), /accept-encoding/i);
      assert.equal(response.headers['x-page-cache'], undefined);
      const html = decoded(response);
      assert.match(html, /action="\/logout"/);
      assert.match(html, new RegExp(writer.user.username));
      const plain = await writer.client.get(url);
      assert.equal(plain.headers['content-encoding'], undefined, 'identity without Accept-Encoding');
      const refused = await writer.client.get(url, { 'accept-encoding': 'br;q=0, *' });
      assert.equal(refused.headers['content-encoding'], 'gzip', 'a coding refused by name is never chosen through *, as for cached pages');
      assert.match(decoded(refused), /action="\/logout"/);
      const none = await writer.client.get(url, { 'accept-encoding': 'identity;q=1, *;q=0' });
      assert.equal(none.headers['content-encoding'], undefined);
    });

    it('compresses a JSON download and a stylesheet once, and leaves packed downloads as they are', async () => {
      const admin = await loggedInWith(t, ['admin']);
      // Enough tags that the export is worth compressing.
      for (let i = 0; i < 30; i++) await canonicalTag(t.db, 'freeform', uniqueName('Exported Freeform'));
      const json = await admin.client.get('/admin/tag-sets/export.json', { 'accept-encoding': 'gzip' });
      assert.equal(json.statusCode, 200);
      assert.match(String(json.headers['content-disposition']), /attachment/);
      assert.equal(json.headers['content-encoding'], 'gzip');
      assert.ok(typeof JSON.parse(decoded(json)) === 'object', 'decodes to the JSON, compressed once');

      const css = await get('/assets/quire.css', { 'accept-encoding': BROWSER });
      assert.equal(css.statusCode, 200);
      assert.equal(css.headers['content-encoding'], 'br');
      assert.match(decoded(css), /:root|body/);

      for (const url of ['/test-only/book.epub', '/test-only/book-stream.epub']) {
        const epub = await get(url, { 'accept-encoding': BROWSER });
        assert.equal(epub.statusCode, 200);
        assert.equal(epub.headers['content-encoding'], undefined, url);
        assert.deepEqual(epub.rawPayload, PACKED, `${url} arrives byte for byte`);
      }
    });

    it('sends every answer uncompressed with QUIRE_COMPRESSION=off', async () => {
      const off = await startTestApp(engine, { compression: false });
      try {
        const member = await loggedInMember(off);
        const url = `/works/${await buildWork(off.db, member.user)}`;
        for (let i = 0; i < 2; i++) {
          const guest = await off.app.inject({ method: 'GET', url, headers: { 'accept-encoding': BROWSER } });
          assert.equal(guest.statusCode, 200);
          assert.equal(guest.headers['content-encoding'], undefined);
          assert.equal(guest.headers.vary, 'Cookie');
          assert.match(guest.body, /<html/);
        }
        const page = await member.client.get(url, { 'accept-encoding': BROWSER });
        assert.equal(page.headers['content-encoding'], undefined);
        const css = await off.app.inject({ method: 'GET', url: '/assets/quire.css', headers: { 'accept-encoding': BROWSER } });
        assert.equal(css.headers['content-encoding'], undefined);
      } finally {
        await off.close();
      }
    });
  });
}
