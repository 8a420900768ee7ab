import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildWork, loggedInMember } from '../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';

for (const engine of ENGINES) {
  describe(`pseuds (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    const member = () => loggedInMember(t);

    async function pseudsOf(userId: number) {
      return t.db.selectFrom('pseuds').select(['id', 'name', 'is_default']).where('user_id', '=', userId).orderBy('id').execute();
    }

    async function addPseud(client: TestClient, username: string, name: string) {
      await client.get(`/users/${username}/pseuds`);
      return client.post(`/users/${username}/pseuds`, { name });
    }

    it('creates, renames and lists extra pen names, and offers them when posting', async () => {
      const { user, client } = await member();
      const created = await addPseud(client, user.username, '  Night  Owl ');
      assert.equal(created.statusCode, 303);
      const pseud = (await pseudsOf(user.id)).find((p) => !p.is_default)!;
      assert.equal(pseud.name, 'Night Owl', 'trimmed, inner spaces collapsed');

      const list = await client.get(`/users/${user.username}/pseuds`);
      assert.match(list.body, /Night Owl<\/a>/);
      assert.match(list.body, new RegExp(`href="/pseuds/${pseud.id}/edit"`));
      assert.doesNotMatch(list.body, new RegExp(`href="/pseuds/${user.defaultPseudId}/delete"`), 'the default pseud has no delete link');

      const form = await client.get('/works/new');
      assert.match(form.body, new RegExp(`<option value="${pseud.id}">Night Owl</option>`));

      await client.get(`/pseuds/${pseud.id}/edit`);
      assert.equal((await client.post(`/pseuds/${pseud.id}/edit`, { name: 'Morning Lark' })).statusCode, 303);
      assert.equal((await pseudsOf(user.id)).find((p) => p.id === pseud.id)?.name, 'Morning Lark');

      const guestView = await new TestClient(t.app).get(`/users/${user.username}/pseuds`);
      assert.equal(guestView.statusCode, 200);
      assert.doesNotMatch(guestView.body, /Add a pen name|\/edit"/);
    });

    it('refuses bad and duplicate names (ignoring case) with field messages, keeping what was typed', async () => {
      const { user, client } = await member();
      await addPseud(client, user.username, 'Quill');
      for (const [name, message] of [
        ['quill', /already have a pen name like that/],
        [user.username.toUpperCase(), /already have a pen name like that/],
        ['', /Pen name can(&#39;|')t be blank/],
        ['x'.repeat(41), /at most 40 characters/],
        ['<b>bold</b>', /only letters, numbers, spaces, underscores and hyphens/],
      ] as const) {
        const response = await client.post(`/users/${user.username}/pseuds`, { name });
        assert.equal(response.statusCode, 400, name);
        assert.match(response.body, message, name);
      }
      const kept = await client.post(`/users/${user.username}/pseuds`, { name: 'QUILL' });
      assert.match(kept.body, /value="QUILL"/);
      assert.equal((await pseudsOf(user.id)).length, 2);

      const [, quill] = await pseudsOf(user.id);
      await addPseud(client, user.username, 'Inkwell');
      const inkwell = (await pseudsOf(user.id))[2]!;
      const rename = await client.post(`/pseuds/${inkwell.id}/edit`, { name: 'QUILL' });
      assert.equal(rename.statusCode, 400);
      assert.match(rename.body, /already have a pen name like that/);
      assert.equal((await client.post(`/pseuds/${quill!.id}/edit`, { name: 'quill' })).statusCode, 303, 'changing only the case of its own name is fine');
    });

    it('never deletes or renames the default pen name', async () => {
      const { user, client } = await member();
      const page = await client.get(`/pseuds/${user.defaultPseudId}/delete`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /can(&#39;|')t be deleted/);
      const response = await client.post(`/pseuds/${user.defaultPseudId}/delete`, { move_works: 'yes' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /can(&#39;|')t be deleted/);
      assert.equal((await client.post(`/pseuds/${user.defaultPseudId}/edit`, { name: 'Other' })).statusCode, 400);
      assert.deepEqual((await pseudsOf(user.id)).map((p) => [p.name, p.is_default]), [[user.username, true]]);
    });

    it('deletes an unused pen name, and moves works to the default one only when asked', async () => {
      const { user, client } = await member();
      await addPseud(client, user.username, 'Spare');
      await addPseud(client, user.username, 'Busy');
      const [, spare, busy] = await pseudsOf(user.id);
      assert.equal((await client.post(`/pseuds/${spare!.id}/delete`)).statusCode, 303);

      const workId = await buildWork(t.db, { ...user, defaultPseudId: busy!.id }, { title: 'Busy Work' });
      const byPseud = await new TestClient(t.app).get(`/users/${user.username}/pseuds/Busy`);
      assert.match(byPseud.body, /Busy Work/);
      const confirm = await client.get(`/pseuds/${busy!.id}/delete`);
      assert.match(confirm.body, /still credited on 1 work/);
      const refused = await client.post(`/pseuds/${busy!.id}/delete`);
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /still credited on works or series/);
      assert.equal((await pseudsOf(user.id)).length, 2);

      assert.equal((await client.post(`/pseuds/${busy!.id}/delete`, { move_works: 'yes' })).statusCode, 303);
      assert.deepEqual((await pseudsOf(user.id)).map((p) => p.id), [user.defaultPseudId]);
      const credit = await t.db.selectFrom('creatorships').select('pseud_id').where('work_id', '=', workId).execute();
      assert.deepEqual(credit, [{ pseud_id: user.defaultPseudId }]);
    });

    it('shows works by pen name on the user page', async () => {
      const { user, client } = await member();
      await addPseud(client, user.username, 'Second Self');
      const second = (await pseudsOf(user.id))[1]!;
      await buildWork(t.db, { ...user, defaultPseudId: second.id }, { title: 'Under Another Name' });
      await buildWork(t.db, user, { title: 'Under My Own' });
      const page = await new TestClient(t.app).get(`/users/${user.username}`);
      assert.match(page.body, new RegExp(`href="/users/${user.username}/pseuds/Second%20Self">Second Self</a>`));
      const byPseud = await new TestClient(t.app).get(`/users/${user.username}/pseuds/second%20self`);
      assert.equal(byPseud.statusCode, 200);
      assert.match(byPseud.body, /Under Another Name/);
      assert.doesNotMatch(byPseud.body, /Under My Own/);
      assert.equal((await new TestClient(t.app).get(`/users/${user.username}/pseuds/nobody`)).statusCode, 404);
    });

    it("forbids managing someone else's pen names, and changes nothing", async () => {
      const owner = await member();
      await addPseud(owner.client, owner.user.username, 'Guarded');
      const guarded = (await pseudsOf(owner.user.id))[1]!;
      const intruder = await member();
      await intruder.client.get(`/users/${owner.user.username}/pseuds`);
      assert.equal((await intruder.client.post(`/users/${owner.user.username}/pseuds`, { name: 'Planted' })).statusCode, 403);
      assert.equal((await intruder.client.get(`/pseuds/${guarded.id}/edit`)).statusCode, 403);
      assert.equal((await intruder.client.post(`/pseuds/${guarded.id}/edit`, { name: 'Stolen' })).statusCode, 403);
      assert.equal((await intruder.client.get(`/pseuds/${guarded.id}/delete`)).statusCode, 403);
      assert.equal((await intruder.client.post(`/pseuds/${guarded.id}/delete`, { move_works: 'yes' })).statusCode, 403);
      assert.equal((await new TestClient(t.app).post(`/pseuds/${guarded.id}/delete`)).statusCode, 401);
      assert.deepEqual((await pseudsOf(owner.user.id)).map((p) => p.name), [owner.user.username, 'Guarded']);
      for (const url of ['/pseuds/999999999/edit', '/pseuds/abc/delete', '/users/nobody_here/pseuds']) {
        assert.equal((await intruder.client.get(url)).statusCode, 404, url);
      }
      assert.equal((await intruder.client.post('/pseuds/999999999/delete')).statusCode, 404);
    });
  });
}
