import { sql } from 'kysely';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildBookmark, buildComment, buildSubscription, buildUser, buildWork, logInThroughForm, loggedInMember } from '../../../test/support/builders.ts';
import { giveKudos } from '../kudos/kudos.service.ts';
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

    /** A UTC day `n` days before today, YYYY-MM-DD, and a time on it. */
    const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
    const at = (n: number) => new Date(`${daysAgo(n)}T12:00:00Z`);

    /** The cells of the timeline table's row for one bucket: hits, kudos, comments, bookmarks, subscriptions. */
    const timelineRow = (body: string, start: string) => {
      const match = new RegExp(`<th scope="row">${start}</th>((?:<td>[^<]*</td>){5})`).exec(body);
      assert.ok(match, `no row for ${start}`);
      return [...match[1]!.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => Number(m[1]));
    };

    it("shows a work's creator its totals and a chart over time of each measure, with the numbers as a table", async () => {
      const author = await buildUser(t.db);
      const workId = await buildWork(t.db, author, { title: 'Tidewater' });
      const readers = [await buildUser(t.db), await buildUser(t.db), await buildUser(t.db)];
      for (const reader of readers) await giveKudos(t.db, reader, '', workId);
      await t.db.updateTable('kudos').set({ created_at: sql`${at(3)}` }).where('work_id', '=', workId).where('user_id', '=', readers[0]!.id).execute();
      await buildComment(t.db, readers[0]!, workId, { body: 'Lovely.' });
      await buildBookmark(t.db, readers[1]!, { kind: 'work', id: workId }, {});
      await buildBookmark(t.db, readers[2]!, { kind: 'work', id: workId }, { private: true });
      await t.db.updateTable('bookmarks').set({ created_at: sql`${at(10)}` }).where('work_id', '=', workId).execute();
      await buildSubscription(t.db, readers[2]!, { type: 'work', id: workId });
      for (const agent of ['A', 'B']) await new TestClient(t.app).get(`/works/${workId}`, { 'user-agent': agent });
      await t.runPendingJobs();
      await t.db.insertInto('work_daily_hits').values({ work_id: workId, day: daysAgo(40), hits: 6 }).execute();
      await t.db.updateTable('works').set({ hits_count: 8 }).where('id', '=', workId).execute();

      const client = new TestClient(t.app);
      await logInThroughForm(client, author.username);
      assert.match((await client.get(`/works/${workId}`)).body, new RegExp(`<a class="button" href="/works/${workId}/stats">Statistics</a>`));
      assert.match((await client.get(`/users/${author.username}/stats`)).body, new RegExp(`<a href="/works/${workId}/stats">Chart<span class="visually-hidden"> of Tidewater</span></a>`));
      const page = await client.get(`/works/${workId}/stats`);
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['cache-control'], 'private, no-store');
      assert.match(page.body, /<h1>Statistics for “Tidewater”<\/h1>/);
      assert.match(page.body, /<dt>Hits:<\/dt><dd>8<\/dd><dt>Kudos:<\/dt><dd>3<\/dd><dt>Comments:<\/dt><dd>1<\/dd><dt>Bookmarks:<\/dt><dd>1<\/dd><dt>Subscriptions:<\/dt><dd>1<\/dd>/);
      assert.match(page.body, /<svg[^>]*role="img"[^>]*aria-labelledby="work-chart-title work-chart-desc"/);
      assert.match(page.body, /<title id="work-chart-title">Hits per day, last 30 days<\/title>/);
      assert.match(page.body, /<desc id="work-chart-desc">Bar chart of hits per day from \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d: 2 in all/);
      assert.equal((page.body.match(/<rect class="bar"/g) ?? []).length, 30);
      assert.deepEqual(timelineRow(page.body, daysAgo(0)), [2, 2, 1, 0, 1]);
      assert.deepEqual(timelineRow(page.body, daysAgo(3)), [0, 1, 0, 0, 0]);
      assert.deepEqual(timelineRow(page.body, daysAgo(10)), [0, 0, 0, 1, 0], 'public bookmarks only');
      assert.doesNotMatch(page.body, new RegExp(`<th scope="row">${daysAgo(40)}</th>`), 'outside the 30 days');

      const kudos = await client.get(`/works/${workId}/stats?measure=kudos`);
      assert.match(kudos.body, /<desc id="work-chart-desc">Bar chart of kudos per day from [^:]+: 3 in all/);
      assert.match(kudos.body, /<a href="\/works\/\d+\/stats\?measure=kudos#over-time" aria-current="page">Kudos<\/a>/);

      const year = await client.get(`/works/${workId}/stats?range=year`);
      assert.equal((year.body.match(/<rect class="bar"/g) ?? []).length, 52);
      assert.match(year.body, /<title id="work-chart-title">Hits per week, last 52 weeks<\/title>/);
      assert.match(year.body, /: 8 in all/, 'the day 40 days ago is in the year');
      // Weeks end today: the last starts 6 days ago and holds everything of the last 7 days.
      assert.deepEqual(timelineRow(year.body, daysAgo(6)), [2, 3, 1, 0, 1]);
      assert.deepEqual(timelineRow(year.body, daysAgo(13)), [0, 0, 0, 1, 0]);
    });

    it("keeps a work's statistics to its creators and refuses bad choices, with a 400", async () => {
      const author = await buildUser(t.db);
      const workId = await buildWork(t.db, author);
      const draftId = await buildWork(t.db, author, { action: 'draft' });
      const guest = await new TestClient(t.app).get(`/works/${workId}/stats`);
      assert.equal(guest.statusCode, 303);
      const { client: other } = await loggedInMember(t);
      assert.equal((await other.get(`/works/${workId}/stats`)).statusCode, 403);
      assert.equal((await other.get(`/works/${draftId}/stats`)).statusCode, 404);
      assert.doesNotMatch((await other.get(`/works/${workId}`)).body, /\/stats">Statistics</);
      const admin = new TestClient(t.app);
      await logInThroughForm(admin, (await buildUser(t.db, { roles: ['admin'] })).username);
      assert.equal((await admin.get(`/works/${workId}/stats`)).statusCode, 403, 'admins are not creators');

      const client = new TestClient(t.app);
      await logInThroughForm(client, author.username);
      assert.equal((await client.get(`/works/${draftId}/stats`)).statusCode, 200);
      for (const query of ['measure=views', 'range=decade', 'measure=hits&measure=kudos']) {
        const response = await client.get(`/works/${workId}/stats?${query}`);
        assert.equal(response.statusCode, 400, query);
        assert.match(response.body, /Choose (hits, kudos|the last 30 days)/);
      }
      assert.equal((await client.get('/works/99999999/stats')).statusCode, 404);
      assert.equal((await client.get('/works/abc/stats')).statusCode, 404);
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
