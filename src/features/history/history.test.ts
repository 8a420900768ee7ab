import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../test/support/databases.ts';
import { sql } from 'kysely';
import { buildBookmark, buildChapter, buildComment, buildUser, buildWork, loggedInMember, type BuiltUser } from '../../../test/support/builders.ts';
import { queriesOfWarmPage, startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';
import { giveKudos } from '../kudos/kudos.service.ts';
import { VISIT_WINDOW_MINUTES } from './history.repository.ts';

for (const engine of ENGINES) {
  describe(`reading history and marked for later (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    const historyOf = (userId: number) =>
      t.db.selectFrom('reading_history').select(['work_id', 'visit_count', 'chapter_id']).where('user_id', '=', userId).orderBy('work_id').execute();
    const visitedMinutesAgo = (userId: number, workId: number, minutes: number) =>
      sql`update reading_history set last_visited_at = now() - make_interval(mins => ${sql.lit(minutes)}) where user_id = ${userId} and work_id = ${workId}`.execute(t.db);
    const laterOf = async (userId: number) => (await t.db.selectFrom('marked_for_later').select('work_id').where('user_id', '=', userId).orderBy('work_id').execute()).map((r) => r.work_id);

    async function threeChapters(writer?: BuiltUser) {
      const author = writer ?? (await buildUser(t.db));
      const workId = await buildWork(t.db, author, { title: 'Long Road' });
      const first = (await t.db.selectFrom('chapters').select('id').where('work_id', '=', workId).executeTakeFirstOrThrow()).id;
      const second = await buildChapter(t.db, author, workId, { title: 'Middle' });
      const third = await buildChapter(t.db, author, workId);
      return { workId, chapters: [first, second, third] as const };
    }

    it('records a member’s visits, the furthest chapter reached, and offers to continue reading there', async () => {
      const { workId, chapters } = await threeChapters();
      const { user, client } = await loggedInMember(t);
      await client.get(`/works/${workId}`);
      assert.deepEqual(await historyOf(user.id), [{ work_id: workId, visit_count: 1, chapter_id: chapters[0] }]);
      await client.get(`/works/${workId}/chapters/${chapters[1]}`);
      await client.get(`/works/${workId}/chapters/${chapters[0]}`);
      assert.deepEqual(await historyOf(user.id), [{ work_id: workId, visit_count: 1, chapter_id: chapters[1] }], 'one visit; going back keeps the furthest chapter');
      await visitedMinutesAgo(user.id, workId, VISIT_WINDOW_MINUTES + 1);
      await client.get(`/works/${workId}/chapters/${chapters[0]}`);
      await visitedMinutesAgo(user.id, workId, VISIT_WINDOW_MINUTES + 1);
      await client.get(`/works/${workId}/chapters/${chapters[0]}`);
      assert.deepEqual(await historyOf(user.id), [{ work_id: workId, visit_count: 3, chapter_id: chapters[1] }], 'later visits count again');
      const page = await client.get(`/users/${user.username}/history`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1>History<\/h1>/);
      assert.match(page.body, new RegExp(`href="/works/${workId}/chapters/${chapters[1]}">Continue reading<span class="visually-hidden"> Long Road</span> \\(chapter 2\\)</a>`));
      assert.match(page.body, /visited 3 times/);
      await client.get(`/works/${workId}?view=full`);
      assert.equal((await historyOf(user.id))[0]?.chapter_id, chapters[2], 'the entire work reaches the last chapter');
    });

    it('does not rewrite the row for a view within the visit window, unless the chapter reached moves on', async () => {
      const { workId, chapters } = await threeChapters();
      const { user, client } = await loggedInMember(t);
      const version = async () => (await sql<{ v: string }>`select xmin::text as v from reading_history where user_id = ${user.id} and work_id = ${workId}`.execute(t.db)).rows[0]?.v;
      await client.get(`/works/${workId}`);
      const first = await version();
      await client.get(`/works/${workId}`);
      await client.get(`/works/${workId}/chapters/${chapters[0]}`);
      assert.equal(await version(), first, 'reloads write nothing');
      await client.get(`/works/${workId}/chapters/${chapters[2]}`);
      const moved = await version();
      assert.notEqual(moved, first, 'a further chapter is recorded at once');
      await client.get(`/works/${workId}/chapters/${chapters[1]}`);
      assert.equal(await version(), moved, 'an earlier chapter writes nothing');
      assert.deepEqual(await historyOf(user.id), [{ work_id: workId, visit_count: 1, chapter_id: chapters[2] }]);
    });

    it("runs a member's work page in 8 queries: no subscription lookup of its own, no history write on a reload", async () => {
      const writer = await buildUser(t.db);
      const workId = await buildWork(t.db, writer);
      await buildComment(t.db, writer, workId, { body: 'A comment to show.' });
      const { client } = await loggedInMember(t);
      await client.get(`/works/${workId}`);
      t.queries.reset();
      assert.equal((await client.get(`/works/${workId}`)).statusCode, 200);
      const statements = t.queries.statements.join('\n----\n');
      // Session, work, chapters, series places, comments, the member's pen names (comment form), history, reactions.
      assert.equal(t.queries.count, 8, statements);
      assert.doesNotMatch(statements, /from "subscriptions"/, 'the subscription comes with the reactions');
    });

    it('records nothing for guests', async () => {
      const writer = await buildUser(t.db);
      const workId = await buildWork(t.db, writer);
      await new TestClient(t.app).get(`/works/${workId}`);
      assert.equal((await t.db.selectFrom('reading_history').select('user_id').where('work_id', '=', workId).execute()).length, 0);
    });

    it('can be switched off (nothing recorded), cleared one entry or all at once, and switched back on', async () => {
      const writer = await buildUser(t.db);
      const [a, b, c] = [await buildWork(t.db, writer), await buildWork(t.db, writer), await buildWork(t.db, writer)];
      const { user, client } = await loggedInMember(t);
      await client.get(`/works/${a}`);
      await client.get(`/works/${b}`);
      const base = `/users/${user.username}/history`;
      await client.get(base);
      const off = await client.post(`${base}/settings`, { enabled: '0' });
      assert.equal(off.statusCode, 303);
      assert.equal(off.headers.location, `${base}?done=off`);
      await client.get(`/works/${c}`);
      await client.get(`/works/${a}`);
      assert.deepEqual((await historyOf(user.id)).map((r) => [r.work_id, r.visit_count]), [[a, 1], [b, 1]], 'nothing is recorded while history is off');
      const offPage = await client.get(`${base}?done=off`);
      assert.match(offPage.body, /History is off: nothing you read is recorded\./);
      assert.match(offPage.body, /Clear all history/);

      assert.equal((await client.post(`${base}/${a}/delete`)).statusCode, 303);
      assert.deepEqual((await historyOf(user.id)).map((r) => r.work_id), [b]);
      assert.equal((await client.post(`${base}/${a}/delete`)).statusCode, 404, 'an entry already cleared');
      assert.equal((await client.post(`${base}/clear`)).statusCode, 303);
      assert.deepEqual(await historyOf(user.id), []);

      await client.post(`${base}/settings`, { enabled: '1' });
      await client.get(`/works/${c}`);
      assert.deepEqual((await historyOf(user.id)).map((r) => r.work_id), [c]);
      assert.equal((await client.post(`${base}/settings`, { enabled: 'maybe' })).statusCode, 400);
    });

    it('keeps history to its owner: another member gets 403, a guest is sent to log in, nobody changes it', async () => {
      const writer = await buildUser(t.db);
      const workId = await buildWork(t.db, writer);
      const { user: owner, client: ownerClient } = await loggedInMember(t);
      await ownerClient.get(`/works/${workId}`);
      await ownerClient.post(`/works/${workId}/later`, { later: '1' });
      const { client } = await loggedInMember(t);
      const base = `/users/${owner.username}`;
      for (const url of [`${base}/history`, `${base}/marked-for-later`]) {
        const page = await client.get(url);
        assert.equal(page.statusCode, 403, url);
        assert.doesNotMatch(page.body, /Continue reading/);
      }
      for (const url of [`${base}/history/clear`, `${base}/history/${workId}/delete`, `${base}/marked-for-later/clear`, `${base}/marked-for-later/${workId}/delete`]) {
        assert.equal((await client.post(url)).statusCode, 403, url);
      }
      assert.equal((await client.post(`${base}/history/settings`, { enabled: '0' })).statusCode, 403);
      const guest = new TestClient(t.app);
      const redirected = await guest.get(`${base}/history`);
      assert.equal(redirected.statusCode, 303);
      assert.match(redirected.headers.location ?? '', /^\/login\?return_to=/);
      await guest.get('/login');
      assert.equal((await guest.post(`${base}/history/clear`)).statusCode, 401);
      assert.equal((await client.get('/users/nobody_at_all_here/history')).statusCode, 404);
      assert.equal((await historyOf(owner.id)).length, 1);
      assert.deepEqual(await laterOf(owner.id), [workId]);
      assert.equal((await t.db.selectFrom('history_settings').select('user_id').where('user_id', '=', owner.id).execute()).length, 0);
    });

    it('marks a work for later and back, idempotently, and lists, removes and clears the list', async () => {
      const writer = await buildUser(t.db);
      const [a, b] = [await buildWork(t.db, writer, { title: 'First Later' }), await buildWork(t.db, writer, { title: 'Second Later' })];
      const { user, client } = await loggedInMember(t);
      const page = await client.get(`/works/${a}`);
      assert.match(page.body, /<input type="hidden" name="later" value="1"\/>/);
      const marked = await client.post(`/works/${a}/later`, { later: '1', return_to: `/works/${a}` });
      assert.equal(marked.statusCode, 303);
      assert.equal(marked.headers.location, `/works/${a}`);
      await client.post(`/works/${a}/later`, { later: '1' });
      await client.post(`/works/${b}/later`, { later: '1', return_to: 'https://evil.example/' });
      assert.deepEqual(await laterOf(user.id), [a, b], 'marking twice keeps one entry');
      assert.match((await client.get(`/works/${a}`)).body, /Remove from Marked for later/);
      const list = await client.get(`/users/${user.username}/marked-for-later`);
      assert.match(list.body, /First Later/);
      assert.match(list.body, /Second Later/);
      await client.post(`/works/${a}/later`, { later: '0' });
      await client.post(`/works/${a}/later`, { later: '0' });
      assert.deepEqual(await laterOf(user.id), [b]);
      assert.equal((await client.post(`/works/${a}/later`, { later: 'toggle' })).statusCode, 400);
      assert.equal((await client.post(`/users/${user.username}/marked-for-later/${b}/delete`)).statusCode, 303);
      assert.deepEqual(await laterOf(user.id), []);
      await client.post(`/works/${a}/later`, { later: '1' });
      await client.post(`/works/${b}/later`, { later: '1' });
      assert.equal((await client.post(`/users/${user.username}/marked-for-later/clear`)).statusCode, 303);
      assert.deepEqual(await laterOf(user.id), []);
    });

    it('refuses "later" for guests, drafts of others and missing works; needs CSRF on every POST', async () => {
      const writer = await buildUser(t.db);
      const workId = await buildWork(t.db, writer);
      const draft = await buildWork(t.db, writer, { action: 'draft' });
      const { user, client } = await loggedInMember(t);
      await client.get(`/works/${workId}`);
      assert.equal((await client.post(`/works/${draft}/later`, { later: '1' })).statusCode, 404);
      assert.equal((await client.post('/works/99999999/later', { later: '1' })).statusCode, 404);
      const guest = new TestClient(t.app);
      await guest.get('/login');
      assert.equal((await guest.post(`/works/${workId}/later`, { later: '1' })).statusCode, 401);
      const base = `/users/${user.username}`;
      for (const [url, fields] of [
        [`/works/${workId}/later`, { later: '1' }],
        [`${base}/history/settings`, { enabled: '0' }],
        [`${base}/history/clear`, {}],
        [`${base}/history/${workId}/delete`, {}],
        [`${base}/marked-for-later/clear`, {}],
      ] as const) {
        assert.equal((await client.post(url, fields, { csrf: false })).statusCode, 403, url);
      }
      assert.deepEqual(await laterOf(user.id), []);
      assert.equal((await historyOf(user.id)).length, 1);
    });

    it('runs a fixed number of queries for the history and later pages, with 1 entry or 25', async () => {
      const writer = await buildUser(t.db);
      const { user, client } = await loggedInMember(t);
      const first = await buildWork(t.db, writer);
      await client.get(`/works/${first}`);
      await client.post(`/works/${first}/later`, { later: '1' });
      const measure = (url: string) => queriesOfWarmPage(t, client, url);
      const history = `/users/${user.username}/history`;
      const later = `/users/${user.username}/marked-for-later`;
      const fewHistory = await measure(history);
      const fewLater = await measure(later);
      for (let i = 0; i < 24; i++) {
        const workId = await buildWork(t.db, writer);
        await client.get(`/works/${workId}`);
        await client.post(`/works/${workId}/later`, { later: '1' });
      }
      assert.equal(await measure(history), fewHistory, t.queries.statements.join('\n'));
      assert.equal(await measure(`${history}?page=2`), fewHistory);
      assert.equal(await measure(later), fewLater);
      assert.ok(fewHistory <= 6, `the history page ran ${fewHistory} queries`);
    });

    it('keeps the work page’s query count constant however many kudos, bookmarks and visits it has', async () => {
      const writer = await buildUser(t.db);
      const workId = await buildWork(t.db, writer);
      const { client } = await loggedInMember(t);
      const guest = new TestClient(t.app);
      const measure = (c: TestClient) => queriesOfWarmPage(t, c, `/works/${workId}`);
      const member = await measure(client);
      const forGuest = await measure(guest);
      for (let i = 0; i < 12; i++) {
        const reader = await buildUser(t.db);
        await giveKudos(t.db, reader, '', workId);
        await buildBookmark(t.db, reader, { kind: 'work', id: workId }, { tags: ['t'] });
      }
      await giveKudos(t.db, null, 'a-guest-address-hash-000', workId);
      assert.equal(await measure(client), member, t.queries.statements.join('\n'));
      assert.equal(await measure(guest), forGuest);
      // The guest's second visit is answered by the page cache: only its change-feed check.
      assert.equal(forGuest, 1);
    });
  });
}
