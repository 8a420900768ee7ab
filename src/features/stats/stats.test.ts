import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildSubscription, buildUser, buildWork, logInThroughForm, loggedInMember } from '../../../test/support/builders.ts';
import { ENGINES } from '../../../test/support/databases.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';

for (const engine of ENGINES) {
  describe(`author statistics (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    it('shows the owner each work, totals and a chart with a table, in a fixed number of queries', async () => {
      const author = await buildUser(t.db);
      const first = await buildWork(t.db, author, { title: 'First Light' });
      const second = await buildWork(t.db, author, { title: 'Second Wind' });
      await buildWork(t.db, author, { title: 'Hidden Draft', action: 'draft' });
      await t.db.updateTable('works').set({ kudos_count: 4, comments_count: 3, bookmarks_count: 2 }).where('id', '=', first).execute();
      await t.db.updateTable('works').set({ kudos_count: 1 }).where('id', '=', second).execute();
      const readers = [await buildUser(t.db), await buildUser(t.db)];
      for (const reader of readers) await buildSubscription(t.db, reader, { type: 'work', id: first });
      await buildSubscription(t.db, readers[0]!, { type: 'user', id: author.id });
      for (const agent of ['A', 'B', 'C']) await new TestClient(t.app).get(`/works/${first}`, { 'user-agent': agent });
      await new TestClient(t.app).get(`/works/${second}`, { 'user-agent': 'A' });
      await t.runPendingJobs();

      const client = new TestClient(t.app);
      await logInThroughForm(client, author.username);
      t.queries.reset();
      const page = await client.get(`/users/${author.username}/stats`);
      const queries = t.queries.count;
      assert.equal(page.statusCode, 200);
      const row = (title: string) => {
        const match = new RegExp(`${title}</a></th>((?:<td>[^<]*</td>){5})`).exec(page.body);
        assert.ok(match, `no row for ${title}`);
        return [...match[1]!.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]);
      };
      assert.deepEqual(row('First Light'), ['3', '4', '3', '2', '2']);
      assert.deepEqual(row('Second Wind'), ['1', '1', '0', '0', '0']);
      assert.doesNotMatch(page.body, /Hidden Draft/);
      assert.match(page.body, /All works<\/th><td>4<\/td><td>5<\/td><td>3<\/td><td>2<\/td><td>2<\/td>/);
      assert.match(page.body, /1 member is subscribed to you as an author/);
      assert.match(page.body, /<svg[^>]*role="img"[^>]*aria-labelledby="hits-chart-title hits-chart-desc"/);
      assert.match(page.body, /<desc id="hits-chart-desc">Bar chart of hits per day from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d: 4 in all/);
      assert.equal((page.body.match(/<rect class="bar"/g) ?? []).length, 30);
      const today = new Date().toISOString().slice(0, 10);
      assert.match(page.body, new RegExp(`<th scope="row">${today}</th><td>4</td>`));

      for (let i = 0; i < 3; i++) await buildWork(t.db, author);
      t.queries.reset();
      await client.get(`/users/${author.username}/stats`);
      assert.equal(t.queries.count, queries, t.queries.statements.join('\n'));
    });

    it('is for the owner alone', async () => {
      const author = await buildUser(t.db);
      const guestResponse = await new TestClient(t.app).get(`/users/${author.username}/stats`);
      assert.equal(guestResponse.statusCode, 303);
      const { client } = await loggedInMember(t);
      assert.equal((await client.get(`/users/${author.username}/stats`)).statusCode, 403);
      assert.equal((await client.get('/users/nobody_at_all_here/stats')).statusCode, 404);
    });
  });
}
