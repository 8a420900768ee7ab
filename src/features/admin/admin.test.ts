import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildUser, buildWork, uniqueName } from '../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';
import { canonicalTag, loggedInWith, tagId } from '../../../test/support/wrangling-builders.ts';

const userPage = (name: string) => `/admin/users/${encodeURIComponent(name)}`;

for (const engine of ENGINES) {
  describe(`admin: users, roles and fandom assignments (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    const rolesOf = async (userId: number) =>
      (await t.db.selectFrom('user_roles').select('role').where('user_id', '=', userId).orderBy('role').execute()).map((r) => r.role);

    const auditOf = (subjectUserId: number) =>
      t.db.selectFrom('audit_log').select(['actor_id', 'actor_name', 'action', 'tag_id', 'tag_name', 'summary']).where('subject_user_id', '=', subjectUserId).orderBy('id').execute();

    it('lets only admins in: guests are sent to log in, members and wranglers get 403', async () => {
      const target = await buildUser(t.db);
      const { client: member } = await loggedInWith(t, []);
      const { client: wrangler } = await loggedInWith(t, ['tag_wrangler']);
      const { client: admin } = await loggedInWith(t, ['admin']);
      for (const url of ['/admin', '/admin/users', '/admin/users?q=user', userPage(target.username)]) {
        const guest = await new TestClient(t.app).get(url);
        assert.equal(guest.statusCode, 303, url);
        assert.equal(guest.headers.location, `/login?return_to=${encodeURIComponent(url)}`);
        assert.equal((await member.get(url)).statusCode, 403, url);
        assert.equal((await wrangler.get(url)).statusCode, 403, url);
        assert.equal((await admin.get(url)).statusCode, 200, url);
      }
      const posts: [string, Record<string, string>][] = [
        [`${userPage(target.username)}/roles/grant`, { role: 'tag_wrangler' }],
        [`${userPage(target.username)}/roles/revoke`, { role: 'tag_wrangler' }],
        [`${userPage(target.username)}/fandoms`, { fandom: 'Anything' }],
        [`${userPage(target.username)}/fandoms/unassign`, { fandom_id: '1' }],
      ];
      const guest = new TestClient(t.app);
      for (const [url, fields] of posts) {
        assert.equal((await guest.post(url, fields)).statusCode, 401, url);
        assert.equal((await member.post(url, fields)).statusCode, 403, url);
        assert.equal((await wrangler.post(url, fields)).statusCode, 403, url);
      }
      assert.deepEqual(await rolesOf(target.id), []);
      assert.deepEqual(await auditOf(target.id), []);
    });

    it('shows the Admin link to admins only, and the Wrangling link to wranglers and admins', async () => {
      const links = async (roles: ('admin' | 'tag_wrangler')[]) => {
        const { client } = await loggedInWith(t, roles);
        const body = (await client.get('/')).body;
        return { admin: body.includes('href="/admin"'), wrangling: body.includes('href="/wrangling"') };
      };
      assert.deepEqual(await links([]), { admin: false, wrangling: false });
      assert.deepEqual(await links(['tag_wrangler']), { admin: false, wrangling: true });
      assert.deepEqual(await links(['admin']), { admin: true, wrangling: true });
      const guestHome = (await new TestClient(t.app).get('/')).body;
      assert.ok(!guestHome.includes('href="/admin"') && !guestHome.includes('href="/wrangling"'));
    });

    it('finds members by part of their name, and lists role holders with no search', async () => {
      const { client: admin } = await loggedInWith(t, ['admin']);
      const stem = uniqueName('find');
      const found = await buildUser(t.db, { username: `${stem}_x` });
      const wrangler = await buildUser(t.db, { roles: ['tag_wrangler'] });
      const search = await admin.get(`/admin/users?q=${stem.toUpperCase()}`);
      assert.equal(search.statusCode, 200);
      assert.ok(search.body.includes(`href="${userPage(found.username)}"`));
      assert.ok(!search.body.includes(wrangler.username));
      const staff = await admin.get('/admin/users');
      assert.ok(staff.body.includes(`href="${userPage(wrangler.username)}"`));
      assert.match(staff.body, new RegExp(`${wrangler.username}</a> <span class="hint">\\(Tag wrangler\\)`));
      assert.ok(!staff.body.includes(found.username), 'members without a role are not listed until searched for');
      // `%` and `_` are matched literally, not as wildcards.
      assert.ok(!(await admin.get('/admin/users?q=%25')).body.includes(found.username));
    });

    it('grants and revokes the wrangler role with audit entries, and the change applies on the next request', async () => {
      const { user: adminUser, client: admin } = await loggedInWith(t, ['admin']);
      const { user: target, client: targetClient } = await loggedInWith(t, []);
      assert.equal((await targetClient.get('/wrangling')).statusCode, 403);

      await admin.get(userPage(target.username));
      const granted = await admin.post(`${userPage(target.username)}/roles/grant`, { role: 'tag_wrangler' });
      assert.equal(granted.statusCode, 303);
      assert.equal(granted.headers.location, `${userPage(target.username)}?done=granted`);
      assert.match((await admin.get(granted.headers.location!)).body, /The role was granted\./);
      assert.deepEqual(await rolesOf(target.id), ['tag_wrangler']);
      // Same session, next request: the roles are read with the session.
      assert.equal((await targetClient.get('/wrangling')).statusCode, 200);

      const again = await admin.post(`${userPage(target.username)}/roles/grant`, { role: 'tag_wrangler' });
      assert.equal(again.headers.location, `${userPage(target.username)}?done=unchanged`);

      const revoked = await admin.post(`${userPage(target.username)}/roles/revoke`, { role: 'tag_wrangler' });
      assert.equal(revoked.statusCode, 303);
      assert.deepEqual(await rolesOf(target.id), []);
      assert.equal((await targetClient.get('/wrangling')).statusCode, 403);

      const audit = await auditOf(target.id);
      assert.deepEqual(
        audit.map((a) => [a.actor_id, a.actor_name, a.action, a.summary]),
        [
          [adminUser.id, adminUser.username, 'role.granted', `Made ${target.username} a tag wrangler.`],
          [adminUser.id, adminUser.username, 'role.revoked', `Removed ${target.username}'s tag wrangler role.`],
        ],
      );
    });

    it("refuses to let an admin revoke their own admin role, but lets them revoke another admin's", async () => {
      const { user: self, client: admin } = await loggedInWith(t, ['admin']);
      const other = await buildUser(t.db, { roles: ['admin'] });
      await admin.get(userPage(self.username));
      const own = await admin.post(`${userPage(self.username)}/roles/revoke`, { role: 'admin' });
      assert.equal(own.statusCode, 400);
      assert.match(own.body, /You can(&#39;|')t revoke your own admin role/);
      assert.deepEqual(await rolesOf(self.id), ['admin']);
      assert.deepEqual(await auditOf(self.id), []);

      const theirs = await admin.post(`${userPage(other.username)}/roles/revoke`, { role: 'admin' });
      assert.equal(theirs.statusCode, 303);
      assert.deepEqual(await rolesOf(other.id), []);
    });

    it('assigns an existing canonical fandom by name and unassigns it, audited; refuses unknown and non-canonical fandoms with a 400', async () => {
      const { user: adminUser, client: admin } = await loggedInWith(t, ['admin']);
      const wrangler = await buildUser(t.db, { roles: ['tag_wrangler'] });
      const writer = await buildUser(t.db);
      const fandomName = uniqueName('Fandom');
      const fandomId = await canonicalTag(t.db, 'fandom', fandomName);
      const loose = uniqueName('Loose Fandom');
      await buildWork(t.db, writer, { fandoms: [loose] });
      const url = `${userPage(wrangler.username)}/fandoms`;
      await admin.get(userPage(wrangler.username));

      const unknown = await admin.post(url, { fandom: 'No Such Fandom At All' });
      assert.equal(unknown.statusCode, 400);
      assert.match(unknown.body, /There is no fandom named “No Such Fandom At All”\./);
      assert.match(unknown.body, /value="No Such Fandom At All"/, 'the typed name is kept');
      const notCanonical = await admin.post(url, { fandom: loose });
      assert.equal(notCanonical.statusCode, 400);
      assert.match(notCanonical.body, /isn(&#39;|')t a canonical fandom/);
      const blank = await admin.post(url, { fandom: '   ' });
      assert.equal(blank.statusCode, 400);
      assert.match(blank.body, /Fandom can(&#39;|')t be blank/);

      const assigned = await admin.post(url, { fandom: `  ${fandomName.toUpperCase()} ` });
      assert.equal(assigned.statusCode, 303);
      assert.equal(assigned.headers.location, `${userPage(wrangler.username)}?done=assigned`);
      const page = await admin.get(userPage(wrangler.username));
      assert.ok(page.body.includes(`>${fandomName}</a>`));
      assert.deepEqual(await t.db.selectFrom('wrangler_fandoms').select('fandom_id').where('user_id', '=', wrangler.id).execute(), [{ fandom_id: fandomId }]);

      const unassigned = await admin.post(`${url}/unassign`, { fandom_id: String(fandomId) });
      assert.equal(unassigned.statusCode, 303);
      assert.deepEqual(await t.db.selectFrom('wrangler_fandoms').select('fandom_id').where('user_id', '=', wrangler.id).execute(), []);

      assert.deepEqual(
        (await auditOf(wrangler.id)).map((a) => [a.actor_id, a.action, a.tag_id, a.tag_name, a.summary]),
        [
          [adminUser.id, 'wrangler.fandom_assigned', fandomId, fandomName, `Assigned the fandom “${fandomName}” to ${wrangler.username}.`],
          [adminUser.id, 'wrangler.fandom_unassigned', fandomId, fandomName, `Unassigned the fandom “${fandomName}” from ${wrangler.username}.`],
        ],
      );
    });

    it('assigns fandoms to wranglers only', async () => {
      const { client: admin } = await loggedInWith(t, ['admin']);
      const member = await buildUser(t.db);
      const fandomName = uniqueName('Fandom');
      await canonicalTag(t.db, 'fandom', fandomName);
      await admin.get(userPage(member.username));
      const response = await admin.post(`${userPage(member.username)}/fandoms`, { fandom: fandomName });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /isn(&#39;|')t a tag wrangler: grant the role first/);
      assert.deepEqual(await auditOf(member.id), []);
    });

    it('refuses every admin form without its CSRF token, changing nothing', async () => {
      const { client: admin } = await loggedInWith(t, ['admin']);
      const wrangler = await buildUser(t.db, { roles: ['tag_wrangler'] });
      const fandomName = uniqueName('Fandom');
      const fandomId = await canonicalTag(t.db, 'fandom', fandomName);
      await t.db.insertInto('wrangler_fandoms').values({ user_id: wrangler.id, fandom_id: fandomId }).execute();
      const base = userPage(wrangler.username);
      for (const [url, fields] of [
        [`${base}/roles/grant`, { role: 'admin' }],
        [`${base}/roles/revoke`, { role: 'tag_wrangler' }],
        [`${base}/fandoms`, { fandom: fandomName }],
        [`${base}/fandoms/unassign`, { fandom_id: String(fandomId) }],
      ] as const) {
        assert.equal((await admin.post(url, fields, { csrf: false })).statusCode, 403, url);
      }
      assert.deepEqual(await rolesOf(wrangler.id), ['tag_wrangler']);
      assert.equal((await t.db.selectFrom('wrangler_fandoms').select('fandom_id').where('user_id', '=', wrangler.id).execute()).length, 1);
      assert.deepEqual(await auditOf(wrangler.id), []);
    });

    it('answers bad names, roles, ids and searches with 400 or 404, never 500', async () => {
      const { client: admin } = await loggedInWith(t, ['admin']);
      const member = await buildUser(t.db);
      const base = userPage(member.username);
      await admin.get(base);
      assert.equal((await admin.get(userPage('nobody_by_that_name'))).statusCode, 404);
      assert.equal((await admin.post(`${userPage('nobody_by_that_name')}/roles/grant`, { role: 'tag_wrangler' })).statusCode, 404);
      assert.equal((await admin.post(`${base}/roles/grant`, { role: 'overlord' })).statusCode, 400);
      assert.equal((await admin.post(`${base}/roles/grant`, {})).statusCode, 400);
      assert.equal((await admin.post(`${base}/fandoms/unassign`, { fandom_id: 'abc' })).statusCode, 400);
      assert.equal((await admin.post(`${base}/fandoms/unassign`, { fandom_id: '99999999999999999999' })).statusCode, 400);
      assert.equal((await admin.get(`/admin/users?q=${'x'.repeat(41)}`)).statusCode, 400);
      assert.equal((await admin.get('/admin/users?q=a&q=b')).statusCode, 400);
      assert.deepEqual(await rolesOf(member.id), []);
      // Unassigning a fandom that isn't assigned is simply nothing to do.
      const fandomId = await tagId(t.db, 'fandom', uniqueName('Fandom'));
      assert.equal((await admin.post(`${base}/fandoms/unassign`, { fandom_id: String(fandomId) })).headers.location, `${base}?done=unchanged`);
    });
  });
}
