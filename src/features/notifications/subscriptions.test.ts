import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildSubscription, buildUser, buildWork, loggedInMember } from '../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';

for (const engine of ENGINES) {
  describe(`subscriptions (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    const count = async (userId: number) =>
      Number((await t.db.selectFrom('subscriptions').select((eb) => eb.fn.countAll().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow()).n);

    it('subscribes to a work from its page and unsubscribes again', async () => {
      const author = await buildUser(t.db);
      const workId = await buildWork(t.db, author, { title: 'Lanterns' });
      const { user, client } = await loggedInMember(t);
      const page = await client.get(`/works/${workId}`);
      assert.match(page.body, /action="\/subscriptions"/);
      assert.match(page.body, />Subscribe</);
      const response = await client.post('/subscriptions', { target_type: 'work', target_id: String(workId) });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, `/works/${workId}`);
      const after = await client.get(`/works/${workId}`);
      assert.match(after.body, /You're subscribed to this work/);
      assert.match(after.body, /action="\/subscriptions\/remove"/);
      const list = await client.get('/subscriptions');
      assert.match(list.body, /Lanterns/);
      const removed = await client.post('/subscriptions/remove', { target_type: 'work', target_id: String(workId), return_to: 'subscriptions' });
      assert.equal(removed.statusCode, 303);
      assert.equal(removed.headers.location, '/subscriptions?done=removed');
      assert.equal(await count(user.id), 0);
    });

    it('subscribes to an author from their page and to a series from its page', async () => {
      const author = await buildUser(t.db);
      const { user, client } = await loggedInMember(t);
      const userPage = await client.get(`/users/${author.username}`);
      assert.match(userPage.body, /Subscribe to this author/);
      assert.equal((await client.post('/subscriptions', { target_type: 'user', target_id: String(author.id) })).headers.location, `/users/${author.username}`);
      const seriesId = (await t.db.insertInto('series').values({ title: 'Saga', summary: '', notes: '', complete: false }).returning('id').executeTakeFirstOrThrow()).id;
      await t.db.insertInto('series_creatorships').values({ series_id: seriesId, pseud_id: author.defaultPseudId, position: 1 }).execute();
      assert.match((await client.get(`/series/${seriesId}`)).body, />Subscribe</);
      assert.equal((await client.post('/subscriptions', { target_type: 'series', target_id: String(seriesId) })).statusCode, 303);
      assert.equal(await count(user.id), 2);
    });

    it('refuses a second subscription with a clear message and keeps one row', async () => {
      const author = await buildUser(t.db);
      const workId = await buildWork(t.db, author);
      const { user, client } = await loggedInMember(t);
      await client.get(`/works/${workId}`);
      assert.equal((await client.post('/subscriptions', { target_type: 'work', target_id: String(workId) })).statusCode, 303);
      const again = await client.post('/subscriptions', { target_type: 'work', target_id: String(workId) });
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /already subscribed to this work/);
      assert.equal(await count(user.id), 1);
    });

    it('refuses to unsubscribe from something the member is not subscribed to', async () => {
      const author = await buildUser(t.db);
      const workId = await buildWork(t.db, author);
      const { client } = await loggedInMember(t);
      await client.get(`/works/${workId}`);
      const response = await client.post('/subscriptions/remove', { target_type: 'work', target_id: String(workId) });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /aren't subscribed to this work/);
    });

    it("refuses subscribing to one's own work or oneself, and shows them no button", async () => {
      const { user, client } = await loggedInMember(t);
      const workId = await buildWork(t.db, user);
      assert.doesNotMatch((await client.get(`/works/${workId}`)).body, /action="\/subscriptions"/);
      const own = await client.post('/subscriptions', { target_type: 'work', target_id: String(workId) });
      assert.equal(own.statusCode, 400);
      const self = await client.post('/subscriptions', { target_type: 'user', target_id: String(user.id) });
      assert.equal(self.statusCode, 400);
      assert.match(self.body, /can't subscribe to yourself/);
      assert.equal(await count(user.id), 0);
    });

    it('answers 404 for drafts and unknown things, 400 for a malformed form', async () => {
      const author = await buildUser(t.db);
      const draftId = await buildWork(t.db, author, { action: 'draft' });
      const { user, client } = await loggedInMember(t);
      await client.get('/subscriptions');
      assert.equal((await client.post('/subscriptions', { target_type: 'work', target_id: String(draftId) })).statusCode, 404);
      assert.equal((await client.post('/subscriptions', { target_type: 'series', target_id: '999999' })).statusCode, 404);
      assert.equal((await client.post('/subscriptions', { target_type: 'tag', target_id: '1' })).statusCode, 400);
      assert.equal((await client.post('/subscriptions', { target_type: 'work', target_id: 'abc' })).statusCode, 400);
      assert.equal(await count(user.id), 0);
    });

    it('needs a CSRF token on every subscription form', async () => {
      const author = await buildUser(t.db);
      const workId = await buildWork(t.db, author);
      const { user, client } = await loggedInMember(t);
      await buildSubscription(t.db, user, { type: 'user', id: author.id });
      for (const [url, fields] of [
        ['/subscriptions', { target_type: 'work', target_id: String(workId) }],
        ['/subscriptions/remove', { target_type: 'user', target_id: String(author.id) }],
        ['/subscriptions/email', { mode: 'off' }],
      ] as const) {
        const response = await client.post(url, fields, { csrf: false });
        assert.equal(response.statusCode, 403, url);
      }
      assert.equal(await count(user.id), 1);
      assert.equal(await t.db.selectFrom('email_settings').select('mode').where('user_id', '=', user.id).executeTakeFirst(), undefined);
    });

    it('lets guests neither see the button nor subscribe', async () => {
      const author = await buildUser(t.db);
      const workId = await buildWork(t.db, author);
      const guest = new TestClient(t.app);
      assert.doesNotMatch((await guest.get(`/works/${workId}`)).body, /action="\/subscriptions"/);
      const response = await guest.post('/subscriptions', { target_type: 'work', target_id: String(workId) });
      assert.equal(response.statusCode, 401);
      assert.equal((await guest.get('/subscriptions')).headers.location, '/login?return_to=%2Fsubscriptions');
      const rows = await t.db.selectFrom('subscriptions').select('id').where('work_id', '=', workId).execute();
      assert.equal(rows.length, 0);
    });

    it('saves the email setting and refuses an unknown one', async () => {
      const { user, client } = await loggedInMember(t);
      await client.get('/subscriptions');
      assert.equal((await client.post('/subscriptions/email', { mode: 'digest' })).statusCode, 303);
      assert.match((await client.get('/subscriptions?done=email')).body, /value="digest" checked/);
      assert.equal((await client.post('/subscriptions/email', { mode: 'hourly' })).statusCode, 400);
      assert.equal((await t.db.selectFrom('email_settings').select('mode').where('user_id', '=', user.id).executeTakeFirstOrThrow()).mode, 'digest');
    });

    it('lists subscriptions in a fixed number of queries', async () => {
      const { user, client } = await loggedInMember(t);
      const author = await buildUser(t.db);
      const measure = async () => {
        t.queries.reset();
        assert.equal((await client.get('/subscriptions')).statusCode, 200);
        return t.queries.count;
      };
      await buildSubscription(t.db, user, { type: 'work', id: await buildWork(t.db, author) });
      const one = await measure();
      for (let i = 0; i < 4; i++) await buildSubscription(t.db, user, { type: 'work', id: await buildWork(t.db, author) });
      await buildSubscription(t.db, user, { type: 'user', id: author.id });
      assert.equal(await measure(), one, t.queries.statements.join('\n'));
    });
  });
}
