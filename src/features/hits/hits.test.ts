import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildUser, buildWork, logInThroughForm, loggedInMember } from '../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';

for (const engine of ENGINES) {
  describe(`hit counts (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    const hitsOf = async (workId: number) => (await t.db.selectFrom('works').select('hits_count').where('id', '=', workId).executeTakeFirstOrThrow()).hits_count;
    const dailyOf = async (workId: number) => (await t.db.selectFrom('work_daily_hits').select('hits').where('work_id', '=', workId).execute()).reduce((n, r) => n + r.hits, 0);
    const guest = (agent: string) => {
      const client = new TestClient(t.app);
      return { get: (url: string) => client.get(url, { 'user-agent': agent }) };
    };

    it('counts one hit per member per work per day, buffered until the flush', async () => {
      const author = await buildUser(t.db);
      const workId = await buildWork(t.db, author);
      const { client } = await loggedInMember(t);
      const chapter = (await t.db.selectFrom('chapters').select('id').where('work_id', '=', workId).executeTakeFirstOrThrow()).id;
      await client.get(`/works/${workId}`);
      await client.get(`/works/${workId}?view=full`);
      await client.get(`/works/${workId}/chapters/${chapter}`);
      assert.equal(await hitsOf(workId), 0, 'no write per page view');
      await t.runPendingJobs();
      assert.equal(await hitsOf(workId), 1);
      assert.equal(await dailyOf(workId), 1);
      // The same member again after the flush: the per-day table still knows them.
      const page = await client.get(`/works/${workId}`);
      await t.runPendingJobs();
      assert.equal(await hitsOf(workId), 1);
      assert.match(page.body, /<dt>Comments:<\/dt><dd>0<\/dd><dt>Kudos:<\/dt><dd data-kudos-count="true">0<\/dd><dt>Bookmarks:<\/dt><dd>0<\/dd><dt>Hits:<\/dt><dd>1<\/dd>/, 'the work page shows its hits with the other counts');
    });

    it('counts guests by a salted hash of address and user agent, never the address itself', async () => {
      const author = await buildUser(t.db);
      const workId = await buildWork(t.db, author);
      await guest('Browser A').get(`/works/${workId}`);
      await guest('Browser A').get(`/works/${workId}`);
      await guest('Browser B').get(`/works/${workId}`);
      await t.runPendingJobs();
      assert.equal(await hitsOf(workId), 2);
      const visitors = await t.db.selectFrom('work_hit_visitors').select('visitor').where('work_id', '=', workId).execute();
      assert.equal(visitors.length, 2);
      for (const { visitor } of visitors) {
        assert.match(visitor, /^g:[A-Za-z0-9_-]{22}$/);
        assert.doesNotMatch(visitor, /127\.0\.0\.1|Browser/);
      }
    });

    it("leaves out the work's creators, drafts, unknown works and guests on members-only works", async () => {
      const author = await buildUser(t.db);
      const workId = await buildWork(t.db, author);
      const draftId = await buildWork(t.db, author, { action: 'draft' });
      const restrictedId = await buildWork(t.db, author, { restricted: true });
      const self = new TestClient(t.app);
      await logInThroughForm(self, author.username);
      await self.get(`/works/${workId}`);
      await self.get(`/works/${draftId}`);
      const { client: member } = await loggedInMember(t);
      await member.get(`/works/${draftId}`);
      await member.get(`/works/${restrictedId}`);
      await guest('Browser C').get(`/works/${restrictedId}`);
      await guest('Browser C').get('/works/99999999');
      await t.runPendingJobs();
      assert.equal(await hitsOf(workId), 0);
      assert.equal(await hitsOf(draftId), 0);
      assert.equal(await hitsOf(restrictedId), 1, 'the member only');
    });

    it('writes what is buffered when it stops (shutdown), and prunes finished days', async () => {
      const author = await buildUser(t.db);
      const workId = await buildWork(t.db, author);
      await t.app.hits.record({ workId, userId: null, ip: '203.0.113.9', userAgent: 'Shutdown' });
      await t.app.hits.stop();
      assert.equal(await hitsOf(workId), 1);
      await t.db.insertInto('work_hit_visitors').values({ work_id: workId, day: '2020-01-01', visitor: 'g:old' }).execute();
      await t.db.insertInto('work_daily_hits').values({ work_id: workId, day: '2020-01-01', hits: 5 }).execute();
      await t.db.insertInto('hit_salts').values({ day: '2020-01-01', salt: 'old' }).execute();
      await t.runJob('daily-cleanup');
      const old = await t.db.selectFrom('work_hit_visitors').select('visitor').where('day', '=', sql<string>`'2020-01-01'::date`).execute();
      assert.equal(old.length, 0);
      assert.equal((await t.db.selectFrom('hit_salts').select('day').where('day', '=', sql<string>`'2020-01-01'::date`).execute()).length, 0);
      assert.equal(await dailyOf(workId), 6, 'per-day totals stay for the statistics');
      assert.ok((await t.db.selectFrom('hit_salts').select('day').execute()).length >= 1, "today's salt stays");
    });
  });
}
