import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildWork, logInThroughForm, PASSWORD, loggedInMember } from '../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';

for (const engine of ENGINES) {
  describe(`co-creators and orphaning (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    const member = () => loggedInMember(t);

    async function invite(client: TestClient, workId: number, creator: string) {
      await client.get(`/works/${workId}/invite`);
      return client.post(`/works/${workId}/invite`, { creator });
    }

    async function credits(workId: number) {
      return t.db
        .selectFrom('creatorships')
        .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
        .select(['pseuds.name', 'creatorships.accepted_at'])
        .where('work_id', '=', workId)
        .orderBy('creatorships.position')
        .execute();
    }

    it('invites a co-creator, who is shown only after accepting, and may then edit', async () => {
      const owner = await member();
      const guest = await member();
      const workId = await buildWork(t.db, owner.user, { title: 'Written Together' });
      assert.match((await owner.client.get(`/works/${workId}`)).body, /Invite a co-creator/);
      const response = await invite(owner.client, workId, guest.user.username);
      assert.equal(response.statusCode, 303);
      assert.equal((await credits(workId))[1]?.accepted_at, null);

      const before = await new TestClient(t.app).get(`/works/${workId}`);
      assert.doesNotMatch(before.body, new RegExp(guest.user.username), 'pending co-creators are not shown');
      assert.equal((await guest.client.get(`/works/${workId}/edit`)).statusCode, 403, 'a pending invitation grants nothing');

      const userPage = await guest.client.get(`/users/${guest.user.username}`);
      assert.match(userPage.body, /href="\/invitations"/);
      const list = await guest.client.get('/invitations');
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Written Together/);
      assert.match(list.body, new RegExp(`${owner.user.username} invited`));
      const accepted = await guest.client.post(`/invitations/${workId}/${guest.user.defaultPseudId}/accept`);
      assert.equal(accepted.statusCode, 303);
      assert.equal(accepted.headers.location, `/works/${workId}`);

      const after = await new TestClient(t.app).get(`/works/${workId}`);
      assert.match(after.body, new RegExp(`>${owner.user.username}</a>.*>${guest.user.username}</a>`, 's'));
      assert.equal((await guest.client.get(`/works/${workId}/edit`)).statusCode, 200, 'an accepted co-creator may edit');
      assert.doesNotMatch((await guest.client.get('/invitations')).body, /Written Together/);
      assert.match((await new TestClient(t.app).get(`/users/${guest.user.username}`)).body, /Written Together/);
    });

    it('invites a named pen name, and a declined invitation disappears', async () => {
      const owner = await member();
      const guest = await member();
      await guest.client.get(`/users/${guest.user.username}/pseuds`);
      await guest.client.post(`/users/${guest.user.username}/pseuds`, { name: 'Co Writer' });
      const workId = await buildWork(t.db, owner.user);
      assert.equal((await invite(owner.client, workId, `${guest.user.username.toUpperCase()}/co writer`)).statusCode, 303);
      assert.deepEqual((await credits(workId)).map((c) => c.name), [owner.user.username, 'Co Writer']);
      const pseudId = (await t.db.selectFrom('pseuds').select('id').where('name', '=', 'Co Writer').where('user_id', '=', guest.user.id).executeTakeFirstOrThrow()).id;
      await guest.client.get('/invitations');
      assert.equal((await guest.client.post(`/invitations/${workId}/${pseudId}/decline`)).statusCode, 303);
      assert.deepEqual((await credits(workId)).map((c) => c.name), [owner.user.username]);
      assert.equal((await guest.client.post(`/invitations/${workId}/${pseudId}/accept`)).statusCode, 404, 'a declined invitation is gone');
    });

    it('gives clear field errors for nobody, self, current creators, repeat invitations and the orphan account', async () => {
      const owner = await member();
      const other = await member();
      const workId = await buildWork(t.db, owner.user);
      await invite(owner.client, workId, other.user.username);
      for (const [typed, message] of [
        ['nobody_at_all_here', /There is no member called “nobody_at_all_here”/],
        [`${other.user.username}/No Such Name`, /has no pen name called “No Such Name”/],
        [owner.user.username, /You are already a creator of this work/],
        [other.user.username, /has already been invited/],
        ['orphan_account', /orphan account cannot be invited/],
        ['', /Co-creator can(&#39;|')t be blank/],
      ] as const) {
        const response = await owner.client.post(`/works/${workId}/invite`, { creator: typed });
        assert.equal(response.statusCode, 400, typed);
        assert.match(response.body, message, typed);
        assert.match(response.body, /aria-invalid="true"/);
      }
      await other.client.get('/invitations');
      await other.client.post(`/invitations/${workId}/${other.user.defaultPseudId}/accept`);
      const again = await owner.client.post(`/works/${workId}/invite`, { creator: other.user.username });
      assert.equal(again.statusCode, 400);
      assert.match(again.body, /is already a creator of this work/);
      assert.match(again.body, new RegExp(`value="${other.user.username}"`));
      assert.equal((await credits(workId)).length, 2);
    });

    it("forbids inviting to someone else's work, or answering someone else's invitation", async () => {
      const owner = await member();
      const invited = await member();
      const intruder = await member();
      const workId = await buildWork(t.db, owner.user);
      await invite(owner.client, workId, invited.user.username);
      assert.equal((await intruder.client.get(`/works/${workId}/invite`)).statusCode, 403);
      assert.equal((await intruder.client.post(`/works/${workId}/invite`, { creator: intruder.user.username })).statusCode, 403);
      await intruder.client.get('/invitations');
      assert.equal((await intruder.client.post(`/invitations/${workId}/${invited.user.defaultPseudId}/accept`)).statusCode, 404);
      assert.equal((await intruder.client.post(`/invitations/${workId}/${invited.user.defaultPseudId}/decline`)).statusCode, 404);
      assert.equal((await new TestClient(t.app).post(`/invitations/${workId}/${invited.user.defaultPseudId}/accept`)).statusCode, 401);
      assert.equal((await owner.client.get('/works/999999999/invite')).statusCode, 404);
      assert.equal((await owner.client.post('/works/999999999/invite', { creator: invited.user.username })).statusCode, 404);
      assert.equal((await invited.client.post('/invitations/999999999/1/accept')).statusCode, 404);
      assert.deepEqual((await credits(workId)).map((c) => c.accepted_at === null), [false, true]);
    });

    it('orphans a work after confirmation: the work stays, credited to orphan_account', async () => {
      const { user, client } = await member();
      const workId = await buildWork(t.db, user, { title: 'Left Behind' });
      const confirm = await client.get(`/works/${workId}/orphan`);
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /Yes, orphan this work/);
      assert.deepEqual((await credits(workId)).map((c) => c.name), [user.username], 'the confirmation page changes nothing');
      const response = await client.post(`/works/${workId}/orphan`);
      assert.equal(response.statusCode, 303);
      assert.deepEqual((await credits(workId)).map((c) => c.name), ['orphan_account']);
      const page = await client.get(`/works/${workId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<a rel="author" href="\/users\/orphan_account">orphan_account<\/a>/);
      assert.doesNotMatch(page.body, /href="\/works\/\d+\/edit"/, 'the former creator can no longer edit it');
      assert.match((await new TestClient(t.app).get('/users/orphan_account')).body, /Left Behind/);
      assert.doesNotMatch((await new TestClient(t.app).get(`/users/${user.username}`)).body, /Left Behind/);
    });

    it('replaces only your own credit when co-creators remain', async () => {
      const owner = await member();
      const partner = await member();
      const workId = await buildWork(t.db, owner.user);
      await invite(owner.client, workId, partner.user.username);
      await partner.client.get('/invitations');
      await partner.client.post(`/invitations/${workId}/${partner.user.defaultPseudId}/accept`);
      assert.match((await partner.client.get(`/works/${workId}/orphan`)).body, /co-creators keep their credit/);
      assert.equal((await partner.client.post(`/works/${workId}/orphan`)).statusCode, 303);
      assert.deepEqual((await credits(workId)).map((c) => c.name), [owner.user.username, 'orphan_account']);
      assert.equal((await owner.client.get(`/works/${workId}/edit`)).statusCode, 200);
    });

    it("forbids orphaning someone else's work, and nobody can log in as orphan_account", async () => {
      const owner = await member();
      const intruder = await member();
      const workId = await buildWork(t.db, owner.user);
      assert.equal((await intruder.client.get(`/works/${workId}/orphan`)).statusCode, 403);
      assert.equal((await intruder.client.post(`/works/${workId}/orphan`)).statusCode, 403);
      assert.equal((await new TestClient(t.app).post(`/works/${workId}/orphan`)).statusCode, 401);
      assert.equal((await intruder.client.post('/works/999999999/orphan')).statusCode, 404);
      assert.deepEqual((await credits(workId)).map((c) => c.name), [owner.user.username]);

      for (const password of ['!', '', PASSWORD]) {
        const response = await logInThroughForm(new TestClient(t.app), 'orphan_account', password);
        assert.equal(response.statusCode, 400, `password ${JSON.stringify(password)}`);
      }
      const signup = new TestClient(t.app);
      await signup.get('/signup');
      const taken = await signup.post('/signup', { username: 'Orphan_Account', email: 'someone@example.org', password: PASSWORD, password_confirmation: PASSWORD });
      assert.equal(taken.statusCode, 400);
      assert.match(taken.body, /already taken/);
    });
  });
}
