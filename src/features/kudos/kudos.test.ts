import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildUser, buildWork, loggedInMember, logInThroughForm } from '../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';

const GUEST_IP = '203.0.113.7';

for (const engine of ENGINES) {
  describe(`kudos (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      // Guests are told apart by address; behind a trusted proxy the tests can set it.
      t = await startTestApp(engine, { trustProxy: true });
    });
    after(() => t.close());

    async function kudosState(workId: number) {
      const rows = await t.db.selectFrom('kudos').select(['user_id', 'ip_hash']).where('work_id', '=', workId).execute();
      const { kudos_count } = await t.db.selectFrom('works').select('kudos_count').where('id', '=', workId).executeTakeFirstOrThrow();
      return { rows, count: kudos_count };
    }

    async function aWork(overrides: Parameters<typeof buildWork>[2] = {}) {
      const writer = await buildUser(t.db);
      return { writer, workId: await buildWork(t.db, writer, overrides) };
    }

    /** A guest at an address, holding a CSRF token from the work page. */
    async function guestAt(ip: string, workId: number) {
      const guest = new TestClient(t.app);
      await guest.get(`/works/${workId}`, { 'x-forwarded-for': ip });
      return guest;
    }

    it('lets a member leave kudos with a plain form POST: 303 back to the work, which thanks them and names them', async () => {
      const { workId } = await aWork();
      const { user, client } = await loggedInMember(t);
      const page = await client.get(`/works/${workId}`);
      assert.match(page.body, /<button type="submit">Leave kudos ♥<\/button>/);
      assert.match(page.body, /No kudos yet\./);
      const response = await client.post(`/works/${workId}/kudos`);
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, `/works/${workId}?kudos=thanks#kudos`);
      const after = await client.get(response.headers.location!.replace(/#.*/, ''));
      assert.match(after.body, /role="status" data-kudos-status="true">Thank you for leaving kudos!<\/p>/);
      assert.match(after.body, new RegExp(`<a href="/users/${user.username}">${user.username}</a> left kudos on this work!`));
      assert.match(after.body, /<dt>Kudos:<\/dt><dd data-kudos-count="true">1<\/dd>/);
      assert.match(after.body, /You left kudos on this work\./);
      assert.doesNotMatch(after.body, /Leave kudos ♥/, 'no second button for a member who already left kudos');
      assert.deepEqual(await kudosState(workId), { rows: [{ user_id: user.id, ip_hash: null }], count: 1 });
    });

    it('refuses a second kudos with a clear message and a 409, changing nothing', async () => {
      const { workId } = await aWork();
      const { client } = await loggedInMember(t);
      await client.get(`/works/${workId}`);
      assert.equal((await client.post(`/works/${workId}/kudos`)).statusCode, 303);
      const again = await client.post(`/works/${workId}/kudos`);
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /You have already left kudos on this work\./);
      assert.match(again.body, new RegExp(`<a href="/works/${workId}">Back to the work</a>`));
      assert.equal((await kudosState(workId)).count, 1);
      assert.equal((await kudosState(workId)).rows.length, 1);
    });

    it("refuses kudos on the member's own work (403), and shows creators no button", async () => {
      const writer = await buildUser(t.db);
      const workId = await buildWork(t.db, writer);
      const client = new TestClient(t.app);
      await logInThroughForm(client, writer.username);
      const page = await client.get(`/works/${workId}`);
      assert.doesNotMatch(page.body, /Leave kudos/);
      const response = await client.post(`/works/${workId}/kudos`);
      assert.equal(response.statusCode, 403);
      assert.match(response.body, /You can&#39;t leave kudos on your own work\.|You can't leave kudos on your own work\./);
      assert.deepEqual(await kudosState(workId), { rows: [], count: 0 });
    });

    it('answers 404 for kudos on a draft, a missing work or a malformed id, writing nothing', async () => {
      const { workId: draftId } = await aWork({ action: 'draft' });
      const { client } = await loggedInMember(t);
      for (const url of [`/works/${draftId}/kudos`, '/works/99999999/kudos', '/works/abc/kudos']) {
        const response = await client.post(url);
        assert.equal(response.statusCode, 404, url);
      }
      assert.deepEqual(await kudosState(draftId), { rows: [], count: 0 });
    });

    it('keeps members-only works to members: a guest is refused (401), a member may', async () => {
      const { workId } = await aWork({ restricted: true });
      const guest = new TestClient(t.app);
      await guest.get('/login');
      const refused = await guest.post(`/works/${workId}/kudos`, {}, { headers: { 'x-forwarded-for': GUEST_IP } });
      assert.equal(refused.statusCode, 401);
      assert.match(refused.body, /Please log in to leave kudos on a members-only work\./);
      assert.equal((await kudosState(workId)).count, 0);
      const { client } = await loggedInMember(t);
      await client.get(`/works/${workId}`);
      assert.equal((await client.post(`/works/${workId}/kudos`)).statusCode, 303);
      assert.equal((await kudosState(workId)).count, 1);
    });

    it('counts guests once per address, stores only a keyed hash, and lists them as "and N guests"', async () => {
      const { workId } = await aWork();
      const { user, client } = await loggedInMember(t);
      await client.get(`/works/${workId}`);
      await client.post(`/works/${workId}/kudos`);
      const first = await guestAt(GUEST_IP, workId);
      assert.equal((await first.post(`/works/${workId}/kudos`, {}, { headers: { 'x-forwarded-for': GUEST_IP } })).statusCode, 303);
      const sameAddress = await guestAt(GUEST_IP, workId);
      const again = await sameAddress.post(`/works/${workId}/kudos`, {}, { headers: { 'x-forwarded-for': GUEST_IP } });
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /You have already left kudos on this work\./);
      const other = await guestAt('198.51.100.20', workId);
      assert.equal((await other.post(`/works/${workId}/kudos`, {}, { headers: { 'x-forwarded-for': '198.51.100.20' } })).statusCode, 303);

      const state = await kudosState(workId);
      assert.equal(state.count, 3);
      for (const row of state.rows.filter((r) => r.user_id === null)) {
        assert.ok(row.ip_hash && !row.ip_hash.includes('203.0.113') && !row.ip_hash.includes('198.51'), 'never the raw address');
      }
      const page = await new TestClient(t.app).get(`/works/${workId}`);
      assert.match(page.body, new RegExp(`<a href="/users/${user.username}">${user.username}</a> and 2 guests left kudos on this work!`));
      assert.match(page.body, /<dd data-kudos-count="true">3<\/dd>/);
    });

    it('answers the island with JSON: the new count and list, or the error message', async () => {
      const { workId } = await aWork();
      const { user, client } = await loggedInMember(t);
      await client.get(`/works/${workId}`);
      const json = { accept: 'application/json' };
      const response = await client.post(`/works/${workId}/kudos`, {}, { headers: json });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(response.json(), { message: 'Thank you for leaving kudos!', kudosCount: 1, summary: { members: [user.username], memberCount: 1, guestCount: 0 } });
      const again = await client.post(`/works/${workId}/kudos`, {}, { headers: json });
      assert.equal(again.statusCode, 409);
      assert.deepEqual(again.json(), { error: 'You have already left kudos on this work.' });
    });

    it('needs the CSRF token, and writes nothing without it', async () => {
      const { workId } = await aWork();
      const { client } = await loggedInMember(t);
      await client.get(`/works/${workId}`);
      const response = await client.post(`/works/${workId}/kudos`, {}, { csrf: false });
      assert.equal(response.statusCode, 403);
      assert.deepEqual(await kudosState(workId), { rows: [], count: 0 });
    });

    it('makes exactly one kudos from 50 parallel requests of one account', async () => {
      const { workId } = await aWork();
      const { user, client } = await loggedInMember(t);
      await client.get(`/works/${workId}`);
      const responses = await Promise.all(Array.from({ length: 50 }, () => client.post(`/works/${workId}/kudos`)));
      const statuses = responses.map((r) => r.statusCode).sort();
      assert.deepEqual([...new Set(statuses)], [303, 409], `statuses: ${statuses.join(',')}`);
      assert.equal(statuses.filter((s) => s === 303).length, 1);
      assert.deepEqual(await kudosState(workId), { rows: [{ user_id: user.id, ip_hash: null }], count: 1 });
    });

    it('makes exactly one kudos from 50 parallel guest requests from one address', async () => {
      const { workId } = await aWork();
      const guest = await guestAt(GUEST_IP, workId);
      const headers = { 'x-forwarded-for': GUEST_IP };
      const responses = await Promise.all(Array.from({ length: 50 }, () => guest.post(`/works/${workId}/kudos`, {}, { headers })));
      const statuses = responses.map((r) => r.statusCode);
      assert.equal(statuses.filter((s) => s === 303).length, 1, `statuses: ${statuses.join(',')}`);
      assert.equal(statuses.filter((s) => s === 409).length, 49);
      const state = await kudosState(workId);
      assert.equal(state.count, 1);
      assert.equal(state.rows.length, 1);
    });
  });
}
