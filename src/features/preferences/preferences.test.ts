import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildUser, logInThroughForm } from '../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';

const htmlClass = (body: string) => /<html lang="en"(?: class="([^"]*)")?>/.exec(body)?.[1];

for (const engine of ENGINES) {
  describe(`reader preferences (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    it('shows the form with the defaults, and adds no classes to ordinary pages', async () => {
      const guest = new TestClient(t.app);
      const page = await guest.get('/preferences');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1>Reading preferences<\/h1>/);
      assert.match(page.body, /name="font_size" value="100" checked/);
      assert.match(page.body, /name="line_width" value="normal" checked/);
      assert.match(page.body, /name="theme" value="auto" checked/);
      assert.match(page.body, /<input type="checkbox" id="field-hide_tags" name="hide_tags" value="1" aria-describedby/);
      assert.equal(htmlClass(page.body), undefined);
      assert.match((await guest.get('/')).body, /<a href="\/preferences">Preferences<\/a>/);
    });

    it('remembers a guest’s choices in a cookie and applies them as classes on every page', async () => {
      const guest = new TestClient(t.app);
      await guest.get('/preferences');
      const response = await guest.post('/preferences', { font_size: '130', line_width: 'narrow', theme: 'light', hide_tags: '1' });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/preferences?saved=1');
      assert.ok(guest.hasCookie('quire_prefs'));
      const saved = await guest.get('/preferences?saved=1');
      assert.match(saved.body, /role="status">Your preferences are saved\./);
      assert.match(saved.body, /name="font_size" value="130" checked/);
      assert.match(saved.body, /id="field-hide_tags" name="hide_tags" value="1" checked/);
      assert.equal(htmlClass((await guest.get('/')).body), 'font-130 width-narrow theme-light hide-tags');
      assert.equal(htmlClass((await new TestClient(t.app).get('/')).body), undefined, 'other browsers are unaffected');
    });

    it('refuses bad values with a 400 and field messages, keeping what was chosen and changing nothing', async () => {
      const guest = new TestClient(t.app);
      await guest.get('/preferences');
      await guest.post('/preferences', { font_size: '115', line_width: 'wide', theme: 'dark' });
      const response = await guest.post('/preferences', { font_size: '500', line_width: 'wide', theme: 'purple', hide_lyrics: 'on' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /<title>Error: Reading preferences/);
      assert.match(response.body, /Choose one of the text sizes\./);
      assert.match(response.body, /Choose light, dark, or the same as your device\./);
      assert.match(response.body, /<a href="#field-font_size">/);
      assert.match(response.body, /name="line_width" value="wide" checked/);
      assert.equal(htmlClass((await guest.get('/')).body), 'font-115 width-wide theme-dark', 'the saved preferences still apply');
      const missing = await guest.post('/preferences', {});
      assert.equal(missing.statusCode, 400);
    });

    // Guests' pages carry no token (they may be shared by a cache): a guest's post must come
    // from our own origin instead (security.ts); another site's is refused.
    it("refuses another site's post to change a guest's preferences", async () => {
      const guest = new TestClient(t.app);
      const response = await guest.post('/preferences', { font_size: '130', line_width: 'wide', theme: 'dark' }, { csrf: false, headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
      assert.equal(response.statusCode, 403);
      assert.equal(guest.hasCookie('quire_prefs'), false);
    });

    it('ignores a tampered cookie field by field, never failing the page', async () => {
      for (const [cookie, expected] of [
        ['font_size=130&theme=neon&line_width=wide', 'font-130 width-wide'],
        ['%%%garbage', undefined],
        ['x'.repeat(2000), undefined],
      ] as const) {
        const response = await t.app.inject({ method: 'GET', url: '/', headers: { cookie: `quire_prefs=${cookie}` } });
        assert.equal(response.statusCode, 200, cookie);
        assert.equal(htmlClass(response.body), expected, cookie);
      }
    });

    it('saves a member’s preferences in the account, applied wherever they log in', async () => {
      const member = await buildUser(t.db);
      const client = new TestClient(t.app);
      await logInThroughForm(client, member.username);
      await client.get('/preferences');
      assert.match((await client.get('/preferences')).body, /saved in your account/);
      const response = await client.post('/preferences', { font_size: '90', line_width: 'wide', theme: 'dark', hide_tags: '1', hide_lyrics: '1' });
      assert.equal(response.statusCode, 303);
      assert.equal(client.hasCookie('quire_prefs'), false);
      const row = await t.db.selectFrom('reader_preferences').select(['font_size', 'line_width', 'theme', 'hide_tags', 'hide_lyrics']).where('user_id', '=', member.id).executeTakeFirstOrThrow();
      assert.deepEqual(row, { font_size: 90, line_width: 'wide', theme: 'dark', hide_tags: true, hide_lyrics: true });

      const elsewhere = new TestClient(t.app);
      await elsewhere.get('/preferences');
      await elsewhere.post('/preferences', { font_size: '130', line_width: 'narrow', theme: 'light' });
      assert.equal(htmlClass((await elsewhere.get('/')).body), 'font-130 width-narrow theme-light');
      await logInThroughForm(elsewhere, member.username);
      assert.equal(htmlClass((await elsewhere.get('/')).body), 'font-90 width-wide theme-dark hide-tags hide-lyrics', 'the account wins over the browser');

      await client.post('/preferences', { font_size: '100', line_width: 'normal', theme: 'auto' });
      assert.equal(htmlClass((await elsewhere.get('/')).body), undefined, 'a change shows on every logged-in browser');
    });

    it('uses the browser’s preferences for a member who never saved any', async () => {
      const member = await buildUser(t.db);
      const client = new TestClient(t.app);
      await client.get('/preferences');
      await client.post('/preferences', { font_size: '115', line_width: 'normal', theme: 'dark' });
      await logInThroughForm(client, member.username);
      assert.equal(htmlClass((await client.get('/')).body), 'font-115 theme-dark');
      assert.match((await client.get('/preferences')).body, /name="font_size" value="115" checked/);
    });
  });
}
