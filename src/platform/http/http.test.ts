import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../test/support/databases.ts';
import { signUpThroughForm, WORK_FORM_DEFAULTS } from '../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';

for (const engine of ENGINES) {
  describe(`http platform (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine, { maxBodyBytes: 64 * 1024 }, {
        beforeReady(app) {
          app.get('/__test/boom', async () => {
            throw new Error('database password is hunter2');
          });
        },
      });
    });
    after(() => t.close());

    async function loggedIn(): Promise<TestClient> {
      const client = new TestClient(t.app);
      await signUpThroughForm(client);
      await client.get('/works/new');
      return client;
    }

    it('refuses a POST without a CSRF token, or with a forged one, and writes nothing', async () => {
      const client = await loggedIn();
      const before = await t.db.selectFrom('works').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const missing = await client.post('/works', { title: 'No token', pseud_id: '1', body: 'x' }, { csrf: false });
      assert.equal(missing.statusCode, 403);
      assert.match(missing.body, /This form has expired/);
      const forged = await client.post('/works', { _csrf: 'forged-token', title: 'Forged', pseud_id: '1', body: 'x' }, { csrf: false });
      assert.equal(forged.statusCode, 403);
      const stranger = new TestClient(t.app);
      await stranger.get('/login');
      const crossSite = await client.post('/works', { _csrf: stranger.csrfToken ?? '', title: 'Cross', pseud_id: '1', body: 'x' }, { csrf: false });
      assert.equal(crossSite.statusCode, 403, "another visitor's token is useless without their cookie");
      const after = await t.db.selectFrom('works').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(after.n, before.n);
    });

    it('also protects log-out with CSRF, so another site cannot log a reader out', async () => {
      const client = await loggedIn();
      const response = await client.post('/logout', {}, { csrf: false });
      assert.equal(response.statusCode, 403);
      assert.match((await client.get('/')).body, /Log out/);
    });

    it('answers an oversized body with 413 and a message', async () => {
      const client = await loggedIn();
      const response = await client.post('/works', { ...WORK_FORM_DEFAULTS, title: 'Huge', pseud_id: '1', format: 'plain', body: 'word '.repeat(20_000) });
      assert.equal(response.statusCode, 413);
      assert.match(response.body, /larger than this archive accepts \(64 KB\)/);
    });

    it('refuses invalid UTF-8 and NUL characters with a 400, writing nothing', async () => {
      const client = await loggedIn();
      const token = encodeURIComponent(client.csrfToken ?? '');
      const rawBytes = Buffer.concat([Buffer.from(`_csrf=${token}&title=`), Buffer.from([0xc3, 0x28]), Buffer.from('&pseud_id=1&body=x')]);
      const raw = await client.postRaw('/works', rawBytes);
      assert.equal(raw.statusCode, 400);
      assert.match(raw.body, /not valid UTF-8/);
      const escaped = await client.postRaw('/works', `_csrf=${token}&title=%FF%FE&pseud_id=1&body=x`);
      assert.equal(escaped.statusCode, 400);
      assert.match(escaped.body, /not valid UTF-8/);
      const nul = await client.postRaw('/works', `_csrf=${token}&title=a%00b&pseud_id=1&body=x`);
      assert.equal(nul.statusCode, 400);
      assert.match(nul.body, /NUL character/);
    });

    it('refuses a NUL character in the address with a 400 on every route, never a 500', async () => {
      const client = new TestClient(t.app);
      for (const url of ['/tags/fandom/a%00b', '/users/%00', '/users/a%00/pseuds', '/login?return_to=%00', '/works/1%00']) {
        const response = await client.get(url);
        assert.equal(response.statusCode, 400, url);
        assert.match(response.body, /NUL character/);
      }
    });

    it('answers an unsupported content type with 415', async () => {
      const client = await loggedIn();
      const response = await client.postRaw('/works', '<xml/>', { 'content-type': 'application/xml' });
      assert.equal(response.statusCode, 415);
    });

    it('shows a 404 page for an unknown address', async () => {
      const response = await new TestClient(t.app).get('/no/such/page');
      assert.equal(response.statusCode, 404);
      assert.match(response.headers['content-type'] as string, /text\/html/);
      assert.match(response.body, /Page not found/);
    });

    it('shows a friendly 500 page with a request id and no internals', async () => {
      const response = await new TestClient(t.app).get('/__test/boom');
      assert.equal(response.statusCode, 500);
      assert.match(response.body, /Something went wrong/);
      assert.doesNotMatch(response.body, /hunter2|Error:|at .*\.ts/);
      const requestId = response.headers['x-request-id'] as string;
      assert.match(requestId, /^[0-9a-f-]{36}$/);
      assert.ok(response.body.includes(requestId), 'the page names the request id for reports');
    });

    it('sends a strict Content-Security-Policy with no inline script, and other protective headers', async () => {
      const response = await new TestClient(t.app).get('/');
      const csp = response.headers['content-security-policy'] as string;
      assert.match(csp, /default-src 'self'/);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.match(csp, /object-src 'none'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(response.headers['x-content-type-options'], 'nosniff');
      assert.equal(response.headers['referrer-policy'], 'same-origin');
      assert.equal(response.headers['strict-transport-security'], undefined, 'HSTS belongs to the TLS proxy');
      assert.doesNotMatch(response.body, /<script/i, 'pages carry no script at all yet');
      const notFound = await new TestClient(t.app).get('/no-such-page');
      assert.equal(notFound.statusCode, 404);
      assert.equal(notFound.headers['content-security-policy'], csp, 'error pages carry the same headers');
      assert.equal(notFound.headers['x-frame-options'], 'SAMEORIGIN');
    });

    it('serves the stylesheet and a health check', async () => {
      const client = new TestClient(t.app);
      const css = await client.get('/assets/quire.css');
      assert.equal(css.statusCode, 200);
      assert.match(css.body, /prefers-color-scheme: dark/);
      const health = await client.get('/healthz');
      assert.equal(health.statusCode, 200);
      assert.equal(health.body, 'ok');
    });
  });
}
