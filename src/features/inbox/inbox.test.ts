import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildComment, buildUser, buildWork, loggedInMember } from '../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';
import { addInboxItems } from './inbox.repository.ts';

for (const engine of ENGINES) {
  describe(`inbox (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    const member = () => loggedInMember(t);

    const readState = async (itemId: number) => (await t.db.selectFrom('inbox_items').select('read_at').where('id', '=', itemId).executeTakeFirstOrThrow()).read_at !== null;

    it('is for members only', async () => {
      const response = await new TestClient(t.app).get('/inbox');
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/login?return_to=%2Finbox');
    });

    it('lists notices newest first with the unread count in the header, and marks them read and unread', async () => {
      const { user: writer, client } = await member();
      const workId = await buildWork(t.db, writer, { title: 'Lanterns' });
      const reader = await buildUser(t.db);
      await buildComment(t.db, reader, workId, { body: 'Older comment' });
      await buildComment(t.db, reader, workId, { body: 'Newer comment' });
      const page = await client.get('/inbox');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Inbox \(2<span class="visually-hidden"> unread<\/span>\)/);
      assert.ok(page.body.indexOf('Newer comment') < page.body.indexOf('Older comment'), 'newest first');
      assert.match(page.body, /2 unread\./);

      const items = await t.db.selectFrom('inbox_items').select('id').where('user_id', '=', writer.id).orderBy('id').execute();
      const [older, newer] = items.map((item) => item.id) as [number, number];
      assert.equal((await client.post(`/inbox/${newer}/read`, { return_to: '/inbox' })).statusCode, 303);
      assert.equal(await readState(newer), true);
      assert.match((await client.get('/')).body, /Inbox \(1<span/);
      await client.post(`/inbox/${newer}/unread`);
      assert.equal(await readState(newer), false);

      const { client: other } = await member();
      await other.get('/inbox');
      assert.equal((await other.post(`/inbox/${older}/read`)).statusCode, 404, "someone else's notice");
      assert.equal(await readState(older), false);
      assert.equal((await client.post(`/inbox/${older}/read`, {}, { csrf: false })).statusCode, 403);
      assert.equal(await readState(older), false);

      await client.get('/inbox');
      assert.equal((await client.post('/inbox/read-all')).statusCode, 303);
      assert.equal(await readState(older), true);
      assert.equal(await readState(newer), true);
      const after = await client.get('/inbox');
      assert.match(after.body, /Nothing unread\./);
      assert.match(after.body, />Inbox<\/a>/);
    });

    it('replies from the inbox to a comment, back to the inbox, and the notice is read', async () => {
      const { user: writer, client } = await member();
      const workId = await buildWork(t.db, writer);
      const guest = new TestClient(t.app);
      await guest.get(`/works/${workId}`);
      await guest.post(`/works/${workId}/comments`, { name: 'Wren', email: 'wren@example.org', body: 'Loved it' });
      const comment = await t.db.selectFrom('comments').select('id').where('work_id', '=', workId).executeTakeFirstOrThrow();
      const page = await client.get('/inbox');
      assert.match(page.body, new RegExp(`action="/comments/${comment.id}/replies"`));
      assert.match(page.body, /name="return_to" value="\/inbox"/);
      assert.match(page.body, new RegExp(`href="/comments/${comment.id}/context"`));

      const reply = await client.post(`/comments/${comment.id}/replies`, { pseud_id: String(writer.defaultPseudId), body: 'Thank you, Wren!', return_to: '/inbox' });
      assert.equal(reply.statusCode, 303);
      assert.equal(reply.headers.location, '/inbox');
      const stored = await t.db.selectFrom('comments').select(['body', 'parent_id']).where('parent_id', '=', comment.id).executeTakeFirstOrThrow();
      assert.equal(stored.body, '<p>Thank you, Wren!</p>');
      assert.match((await client.get('/inbox')).body, /Nothing unread\./);

      const context = await new TestClient(t.app).get(`/comments/${comment.id}/context`);
      assert.equal(context.headers.location, `/works/${workId}#comment-${comment.id}`);

      // A return address outside the inbox is refused.
      await client.get('/inbox');
      const outside = await client.post(`/comments/${comment.id}/replies`, { pseud_id: String(writer.defaultPseudId), body: 'Again', return_to: 'https://evil.example/' });
      assert.equal(outside.statusCode, 400);
    });

    it('shows notices of every kind with their summary and link', async () => {
      const { user, client } = await member();
      const workId = await buildWork(t.db, await buildUser(t.db));
      await addInboxItems(t.db, [
        { userId: user.id, kind: 'new_chapter', workId, summary: 'Chapter 2 of “Lanterns” is up.', url: `/works/${workId}` },
        { userId: user.id, kind: 'new_work', summary: 'Someone you follow posted “Tides”.', url: `/works/${workId}` },
        { userId: user.id, kind: 'series_update', summary: 'A work was added to “Seasons”.', url: '/series/1' },
        { userId: user.id, kind: 'new_work', summary: 'Off-site notice.', url: '//evil.example/' },
      ]);
      const page = await client.get('/inbox');
      for (const label of ['New chapter', 'New work', 'Series update']) assert.match(page.body, new RegExp(`<span class="inbox-kind">${label}</span>`));
      assert.match(page.body, new RegExp(`<a href="/works/${workId}">Chapter 2 of “Lanterns” is up.</a>`));
      assert.doesNotMatch(page.body, /<summary>Reply<\/summary>/, 'only comment notices can be answered');
      assert.doesNotMatch(page.body, /evil\.example/, 'a notice never links outside the archive');
      assert.match(page.body, />Off-site notice\.<\/p>/);
    });

    it('pages 20 notices at a time in a fixed number of queries', async () => {
      const { user, client } = await member();
      const writer = await buildUser(t.db);
      const workId = await buildWork(t.db, writer);
      const commentId = await buildComment(t.db, writer, workId);
      const item = { userId: user.id, kind: 'reply' as const, workId, commentId, summary: 'A reply.', url: `/comments/${commentId}/context` };
      await addInboxItems(t.db, [item]);
      t.queries.reset();
      assert.equal((await client.get('/inbox')).statusCode, 200);
      const few = t.queries.count;

      await addInboxItems(t.db, Array.from({ length: 24 }, (_, i) => ({ ...item, summary: `Reply number ${i}.` })));
      t.queries.reset();
      const first = await client.get('/inbox');
      assert.equal(t.queries.count, few, t.queries.statements.join('\n'));
      assert.ok(few <= 4, `the inbox runs ${few} queries`);
      assert.match(first.body, /Reply number 23\./);
      assert.doesNotMatch(first.body, /Reply number 3\./);
      const second = await client.get('/inbox?page=2');
      assert.match(second.body, /Reply number 0\./);
      assert.equal((await client.get('/inbox?page=3')).statusCode, 404);
    });

    it('reads the unread count with the session: no extra query per page', async () => {
      const { user, client } = await member();
      await client.get('/');
      t.queries.reset();
      await client.get('/');
      const before = t.queries.count;
      await addInboxItems(t.db, [{ userId: user.id, kind: 'new_work', summary: 'News.', url: '/' }]);
      t.queries.reset();
      const page = await client.get('/');
      assert.match(page.body, /Inbox \(1<span/);
      assert.equal(t.queries.count, before);
    });
  });
}
