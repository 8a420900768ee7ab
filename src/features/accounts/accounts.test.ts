import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../test/support/databases.ts';
import { logInThroughForm, PASSWORD, signUpThroughForm, uniqueName } from '../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';
import { SESSION_COOKIE } from './sessions.ts';

for (const engine of ENGINES) {
  describe(`accounts (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    it('signs up, creates a default pseud named after the user, and logs the new user in', async () => {
      const client = new TestClient(t.app);
      const { username } = await signUpThroughForm(client);
      assert.ok(client.hasCookie(SESSION_COOKIE));
      const pseuds = await t.db.selectFrom('pseuds').innerJoin('users', 'users.id', 'pseuds.user_id').select(['pseuds.name', 'pseuds.is_default']).where('users.username', '=', username).execute();
      assert.deepEqual(pseuds, [{ name: username, is_default: true }]);
      const home = await client.get('/');
      assert.match(home.body, /Log out/);
      assert.match(home.body, new RegExp(`href="/users/${username}"`));
    });

    it('stores an argon2id hash, never the password', async () => {
      const client = new TestClient(t.app);
      const { username } = await signUpThroughForm(client);
      const row = await t.db.selectFrom('users').select('password_hash').where('username', '=', username).executeTakeFirstOrThrow();
      assert.match(row.password_hash, /^\$argon2id\$/);
      assert.ok(!row.password_hash.includes(PASSWORD));
    });

    it('sets the session cookie HttpOnly and SameSite=Lax, and Secure only over https', async () => {
      const username = uniqueName();
      const plain = new TestClient(t.app);
      await plain.get('/signup');
      const response = await plain.post('/signup', { username, email: `${username}@example.org`, password: PASSWORD, password_confirmation: PASSWORD });
      const cookie = String(response.headers['set-cookie']).split(/,(?=\s*\w+=)/).find((c) => c.includes(SESSION_COOKIE))!;
      assert.match(cookie, /HttpOnly/i);
      assert.match(cookie, /SameSite=Lax/i);
      assert.doesNotMatch(cookie, /Secure/i);

      const secureApp = await startTestApp(t.engine, { trustProxy: true });
      try {
        const client = new TestClient(secureApp.app);
        await client.get('/signup');
        const name = uniqueName();
        const secured = await client.post('/signup', { username: name, email: `${name}@example.org`, password: PASSWORD, password_confirmation: PASSWORD }, { headers: { 'x-forwarded-proto': 'https', host: 'quire.example', origin: 'https://quire.example' } });
        const sessionCookie = String(secured.headers['set-cookie']).split(/,(?=\s*\w+=)/).find((c) => c.includes(SESSION_COOKIE))!;
        assert.match(sessionCookie, /Secure/);
      } finally {
        await secureApp.close();
      }
    });

    it('shows the sign-up form again with field messages, a 400, and what was typed', async () => {
      const client = new TestClient(t.app);
      await client.get('/signup');
      const response = await client.post('/signup', { username: 'no spaces allowed', email: 'not-an-email', password: 'short', password_confirmation: 'different' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Username must be 3 to 40 letters, numbers or underscores/);
      assert.match(response.body, /Email must look like name@example.org/);
      assert.match(response.body, /Password must be at least 8 characters/);
      assert.match(response.body, /value="no spaces allowed"/);
      assert.match(response.body, /value="not-an-email"/);
      assert.doesNotMatch(response.body, /value="short"/, 'passwords are never echoed back');
    });

    it('refuses a username or email that is taken, ignoring case', async () => {
      const first = new TestClient(t.app);
      const { username } = await signUpThroughForm(first);
      const second = new TestClient(t.app);
      await second.get('/signup');
      const response = await second.post('/signup', { username: username.toUpperCase(), email: `${username.toUpperCase()}@EXAMPLE.org`, password: PASSWORD, password_confirmation: PASSWORD });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /That username is already taken/);
      assert.match(response.body, /An account with that email already exists/);
    });

    it('logs in by username or email, logs out, and rejects a wrong password', async () => {
      const client = new TestClient(t.app);
      const { username } = await signUpThroughForm(client);
      await client.post('/logout');
      assert.ok(!client.hasCookie(SESSION_COOKIE));
      assert.doesNotMatch((await client.get('/')).body, /Log out/);

      const wrong = await logInThroughForm(client, username, 'not the password');
      assert.equal(wrong.statusCode, 400);
      assert.match(wrong.body, /don(&#39;|')t match an account/);

      const byEmail = await logInThroughForm(client, `${username}@example.org`);
      assert.equal(byEmail.statusCode, 303);
      assert.match((await client.get('/')).body, /Log out/);
    });

    it('ends the session on the server at log-out, so a copied cookie stops working', async () => {
      const client = new TestClient(t.app);
      await signUpThroughForm(client);
      const copy = client.clone();
      assert.match((await copy.get('/')).body, /Log out/);
      await client.post('/logout');
      assert.doesNotMatch((await copy.get('/')).body, /Log out/);
    });

    it('returns to a local page after log-in, never to another site', async () => {
      const client = new TestClient(t.app);
      const { username } = await signUpThroughForm(client);
      await client.post('/logout');
      await client.get('/login?return_to=/works/new');
      const local = await client.post('/login', { login: username, password: PASSWORD, return_to: '/works/new' });
      assert.equal(local.headers.location, '/works/new');
      await client.post('/logout');
      await client.get('/login');
      const offsite = await client.post('/login', { login: username, password: PASSWORD, return_to: '//evil.example/' });
      assert.equal(offsite.headers.location, '/');
    });

    it('rate-limits log-in attempts with a clear 429', async () => {
      const limited = await startTestApp(t.engine, { loginRateLimitPerMinute: 3 });
      try {
        const client = new TestClient(limited.app);
        await client.get('/login');
        const statuses: number[] = [];
        for (let i = 0; i < 4; i++) statuses.push((await client.post('/login', { login: 'nobody', password: 'wrong-password' })).statusCode);
        assert.deepEqual(statuses, [400, 400, 400, 429]);
        const blocked = await client.post('/login', { login: 'nobody', password: 'wrong-password' });
        assert.match(blocked.body, /Too many attempts\. Try again in 1 minute\./);
        const wait = Number(blocked.headers['retry-after']);
        assert.ok(wait > 0 && wait <= 60, `Retry-After: ${blocked.headers['retry-after']} (seconds)`);
        const json = await client.post('/login', { login: 'nobody', password: 'wrong-password' }, { headers: { accept: 'application/json' } });
        assert.equal(json.statusCode, 429);
        assert.ok(Number(json.headers['retry-after']) > 0, 'scripts get it too');
      } finally {
        await limited.close();
      }
    });

    it('rate-limits sign-ups', async () => {
      const limited = await startTestApp(t.engine, { signupRateLimitPerHour: 1 });
      try {
        const client = new TestClient(limited.app);
        await signUpThroughForm(client);
        const again = await client.post('/signup', { username: uniqueName(), email: 'x@example.org', password: PASSWORD, password_confirmation: PASSWORD });
        assert.equal(again.statusCode, 429);
        const wait = Number(again.headers['retry-after']);
        assert.ok(wait > 3500 && wait <= 3600, `Retry-After: ${again.headers['retry-after']} (seconds)`);
        assert.match(again.body, /Too many attempts\. Try again in 60 minutes\./);
      } finally {
        await limited.close();
      }
    });
  });
}
