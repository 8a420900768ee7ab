import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../test/support/databases.ts';
import { uniqueName } from '../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';
import { loggedInWith, tagId } from '../../../test/support/wrangling-builders.ts';
import { recordAudit } from './audit.repository.ts';

for (const engine of ENGINES) {
  describe(`audit log page (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    it('is for wranglers and admins: guests are sent to log in, members get 403', async () => {
      const guest = await new TestClient(t.app).get('/wrangling/log');
      assert.equal(guest.statusCode, 303);
      assert.equal(guest.headers.location, '/login?return_to=%2Fwrangling%2Flog');
      assert.equal((await (await loggedInWith(t, [])).client.get('/wrangling/log')).statusCode, 403);
      assert.equal((await (await loggedInWith(t, ['tag_wrangler'])).client.get('/wrangling/log')).statusCode, 200);
      assert.equal((await (await loggedInWith(t, ['admin'])).client.get('/wrangling/log')).statusCode, 200);
    });

    it('lists entries newest first with when, who, the escaped summary and a link to the tag, filtered by tag on request', async () => {
      const { user, client } = await loggedInWith(t, ['tag_wrangler']);
      const name = uniqueName('Tom & Jerry');
      const id = await tagId(t.db, 'character', name);
      const actor = { id: user.id, name: user.username };
      await recordAudit(t.db, actor, { action: 'tag.canonical', summary: `Made “${name}” canonical <script>x()</script>.`, tag: { id, name } });
      await recordAudit(t.db, actor, { action: 'tag.unwrangleable', summary: 'Something else entirely.' });

      const page = await client.get('/wrangling/log');
      assert.equal(page.statusCode, 200);
      const newest = page.body.indexOf('Something else entirely.');
      const older = page.body.indexOf(`Made “${name.replace('&', '&amp;')}” canonical &lt;script>x()&lt;/script>.`);
      assert.ok(newest > 0 && older > newest, 'newest first, and the summary escaped');
      assert.doesNotMatch(page.body, /<script>x\(\)/);
      assert.match(page.body, /<time datetime="\d{4}-\d\d-\d\dT[^"]+">\d{4}-\d\d-\d\d \d\d:\d\d UTC<\/time>/);
      assert.ok(page.body.includes(`<span class="audit-actor">${user.username}</span>`));
      assert.ok(page.body.includes(`href="/tags/character/${encodeURIComponent(name)}"`));

      const filtered = await client.get(`/wrangling/log?tag=${id}`);
      assert.equal(filtered.statusCode, 200);
      assert.ok(filtered.body.includes('canonical &lt;script>'));
      assert.ok(!filtered.body.includes('Something else entirely.'));
    });

    it('pages back through older entries by id, with a constant number of queries', async () => {
      const { user, client } = await loggedInWith(t, ['admin']);
      const name = uniqueName('Paged');
      const id = await tagId(t.db, 'freeform', name);
      for (let i = 0; i < 52; i++) {
        await recordAudit(t.db, { id: user.id, name: user.username }, { action: 'tag.parent_added', summary: `Entry number ${i}.`, tag: { id, name } });
      }
      t.queries.reset();
      const first = await client.get(`/wrangling/log?tag=${id}`);
      const queries = t.queries.count;
      assert.ok(first.body.includes('Entry number 51.') && first.body.includes('Entry number 2.'));
      assert.ok(!first.body.includes('Entry number 1.'));
      const next = /href="(\/wrangling\/log\?tag=\d+&amp;before=\d+)" rel="next"/.exec(first.body)?.[1];
      assert.ok(next, 'an "older changes" link');
      t.queries.reset();
      const second = await client.get(next.replaceAll('&amp;', '&'));
      assert.equal(t.queries.count, queries);
      assert.ok(second.body.includes('Entry number 1.') && second.body.includes('Entry number 0.'));
      assert.ok(!second.body.includes('Entry number 2.'));
      assert.doesNotMatch(second.body, /rel="next"/);
    });

    it('answers bad ids with 400 and unknown tags with 404, never 500', async () => {
      const { client } = await loggedInWith(t, ['tag_wrangler']);
      for (const query of ['?before=abc', '?before=0', '?before=-3', '?tag=x', '?tag=1.5', '?before=1&before=2', `?before=${'9'.repeat(20)}`]) {
        assert.equal((await client.get(`/wrangling/log${query}`)).statusCode, 400, query);
      }
      assert.equal((await client.get('/wrangling/log?tag=999999999')).statusCode, 404);
      assert.equal((await client.get('/wrangling/log?before=1')).statusCode, 200);
    });
  });
}
