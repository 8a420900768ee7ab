import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildUser, buildWork, logInThroughForm, signUpThroughForm, WORK_FORM_DEFAULTS, type BuiltUser } from '../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';

const HOSTILE_TEXT = [
  '<p>The rain had not stopped for three days.</p>',
  '<script>window.__pwned = 1</script>',
  '<p><img src=x onerror="window.__pwned = 2"> and <a href="javascript:window.__pwned = 3">a link</a>.</p>',
  '<p style="color:red" onclick="evil()">Styled <em>text</em>.</p>',
].join('\n');

function workIdFrom(location: string | undefined): number {
  const match = /^\/works\/(\d+)$/.exec(location ?? '');
  assert.ok(match, `expected a redirect to a work, got ${location}`);
  return Number(match[1]);
}

for (const engine of ENGINES) {
  describe(`works (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    async function writer(): Promise<{ client: TestClient; username: string }> {
      const client = new TestClient(t.app);
      const { username } = await signUpThroughForm(client);
      await client.get('/works/new');
      return { client, username };
    }

    function defaultPseudId(client: TestClient, page: string): string {
      const id = /<option value="(\d+)" selected/.exec(page)?.[1];
      assert.ok(id, `no selected pseud on the form (client has token: ${Boolean(client.csrfToken)})`);
      return id;
    }

    it('sends a guest who wants to post to log in, and back again', async () => {
      const guest = new TestClient(t.app);
      const response = await guest.get('/works/new');
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/login?return_to=%2Fworks%2Fnew');
    });

    it('posts a plain-text work as paragraphs and shows it with its notes', async () => {
      const { client, username } = await writer();
      const form = await client.get('/works/new');
      const response = await client.post('/works', { ...WORK_FORM_DEFAULTS,
        title: 'Paper Lanterns',
        pseud_id: defaultPseudId(client, form.body),
        format: 'plain',
        summary: 'Two friends & a festival.',
        notes: 'Thanks to my beta!',
        body: 'First paragraph,\r\nwith a line break.\r\n\r\nSecond <paragraph> here.',
        end_notes: 'Please review, good or bad.',
      });
      assert.equal(response.statusCode, 303);
      const workId = workIdFrom(response.headers.location);

      const page = await new TestClient(t.app).get(`/works/${workId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1 lang="en">Paper Lanterns<\/h1>/);
      assert.match(page.body, /<p>First paragraph,<br \/>\s*with a line break\.<\/p>\s*<p>Second &lt;paragraph&gt; here\.<\/p>/);
      assert.match(page.body, /Two friends &amp; a festival\./);
      assert.match(page.body, /Thanks to my beta!/);
      assert.match(page.body, /Please review, good or bad\./);
      assert.match(page.body, new RegExp(`<a rel="author" href="/users/${username}">${username}</a>`));

      const work = await t.db.selectFrom('works').select(['word_count', 'chapter_count']).where('id', '=', workId).executeTakeFirstOrThrow();
      assert.deepEqual(work, { word_count: 9, chapter_count: 1 });
    });

    it('strips script, event handlers, styles and javascript: links before storing, and guests never see them', async () => {
      const { client } = await writer();
      const form = await client.get('/works/new');
      const response = await client.post('/works', { ...WORK_FORM_DEFAULTS, title: 'Hostile', pseud_id: defaultPseudId(client, form.body), format: 'html', body: HOSTILE_TEXT, summary: '<b onmouseover="x()">bold</b><script>y()</script>' });
      const workId = workIdFrom(response.headers.location);
      const chapter = await t.db.selectFrom('chapters').select('body').where('work_id', '=', workId).executeTakeFirstOrThrow();
      for (const stored of [chapter.body, (await new TestClient(t.app).get(`/works/${workId}`)).body]) {
        // The page's own islands bundle (the kudos button, issue 7) is the only script allowed.
        assert.doesNotMatch(stored, /<script(?! type="module" src="\/assets\/islands-[0-9a-f]+\.js"><\/script>)/i);
        assert.doesNotMatch(stored, /onerror|onclick|onmouseover/i);
        assert.doesNotMatch(stored, /javascript:/i);
        assert.doesNotMatch(stored, /style="color/i);
        assert.match(stored, /The rain had not stopped/);
        assert.match(stored, /<em>text<\/em>/);
      }
      assert.match(chapter.body, /<a rel="nofollow ugc">a link<\/a>/);
    });

    it('shows the form again with messages and the typed text when fields are invalid', async () => {
      const { client } = await writer();
      const form = await client.get('/works/new');
      const response = await client.post('/works', { ...WORK_FORM_DEFAULTS, title: '   ', pseud_id: defaultPseudId(client, form.body), format: 'plain', summary: 'x'.repeat(1251), body: 'Kept text' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Title can(&#39;|')t be blank/);
      assert.match(response.body, /Summary must be at most 1,250 characters/);
      assert.match(response.body, />Kept text<\/textarea>/);
      assert.match(response.body, /aria-invalid="true"/);
      assert.match(response.body, /<title>Error: Post a new work/);
    });

    it('refuses text that is empty once unsafe HTML is removed', async () => {
      const { client } = await writer();
      const form = await client.get('/works/new');
      const response = await client.post('/works', { ...WORK_FORM_DEFAULTS, title: 'Nothing', pseud_id: defaultPseudId(client, form.body), format: 'html', body: '<script>alert(1)</script>' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /nothing left to show/);
    });

    it("refuses to post under another user's pen name", async () => {
      const other = await buildUser(t.db);
      const { client } = await writer();
      const response = await client.post('/works', { ...WORK_FORM_DEFAULTS, title: 'Impostor', pseud_id: String(other.defaultPseudId), format: 'plain', body: 'Text long enough to post.' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Choose one of your own pen names/);
    });

    it('lists posted works on the home page and the writer’s page', async () => {
      const user = await buildUser(t.db);
      const workId = await buildWork(t.db, user, { title: 'Listed Work', summary: '<p>A summary.</p>' });
      const home = await new TestClient(t.app).get('/');
      assert.match(home.body, new RegExp(`<a href="/works/${workId}">Listed Work</a>`));
      const userPage = await new TestClient(t.app).get(`/users/${user.username}`);
      assert.equal(userPage.statusCode, 200);
      assert.match(userPage.body, new RegExp(`<a href="/works/${workId}">Listed Work</a>`));
      assert.match(userPage.body, /Chapters:<\/dt><dd>1\/1<\/dd>/);
    });

    it('runs a fixed number of queries for the home page, however many works and creators it lists', async () => {
      for (let i = 0; i < 5; i++) await buildWork(t.db, await buildUser(t.db));
      const client = new TestClient(t.app);
      await signUpThroughForm(client);
      t.queries.reset();
      await client.get('/');
      const fewWorks = t.queries.count;
      for (let i = 0; i < 15; i++) await buildWork(t.db, await buildUser(t.db));
      t.queries.reset();
      await client.get('/');
      assert.equal(t.queries.count, fewWorks);
      assert.ok(t.queries.count <= 2, `home page ran ${t.queries.count} queries: ${t.queries.statements.join('\n')}`);
    });

    describe('editing and deleting', () => {
      let owner: BuiltUser;
      let ownerClient: TestClient;
      before(async () => {
        owner = await buildUser(t.db);
        ownerClient = new TestClient(t.app);
        await logInThroughForm(ownerClient, owner.username);
      });

      it('lets the creator edit the work, keeping counts right', async () => {
        const workId = await buildWork(t.db, owner, { title: 'Draft Title', body: '<p>one two</p>' });
        const before = await t.db.selectFrom('works').select('revised_at').where('id', '=', workId).executeTakeFirstOrThrow();
        const form = await ownerClient.get(`/works/${workId}/edit`);
        assert.equal(form.statusCode, 200);
        assert.match(form.body, /value="Draft Title"/);
        const response = await ownerClient.post(`/works/${workId}/edit`, { ...WORK_FORM_DEFAULTS, title: 'Final Title', pseud_id: String(owner.defaultPseudId), format: 'html', body: '<p>one two three four</p>' });
        assert.equal(response.statusCode, 303);
        const page = await ownerClient.get(`/works/${workId}`);
        assert.match(page.body, /<h1 lang="en">Final Title<\/h1>/);
        const after = await t.db.selectFrom('works').select(['word_count', 'revised_at']).where('id', '=', workId).executeTakeFirstOrThrow();
        assert.equal(after.word_count, 4);
        assert.ok(after.revised_at.getTime() >= before.revised_at.getTime());
        const chapter = await t.db.selectFrom('chapters').select(['body', 'word_count']).where('work_id', '=', workId).executeTakeFirstOrThrow();
        assert.deepEqual(chapter, { body: '<p>one two three four</p>', word_count: 4 });
      });

      it("forbids editing or deleting someone else's work, and changes nothing", async () => {
        const workId = await buildWork(t.db, owner, { title: 'Not Yours' });
        const intruder = new TestClient(t.app);
        await signUpThroughForm(intruder);
        assert.equal((await intruder.get(`/works/${workId}/edit`)).statusCode, 403);
        assert.equal((await intruder.get(`/works/${workId}/delete`)).statusCode, 403);
        const edit = await intruder.post(`/works/${workId}/edit`, { ...WORK_FORM_DEFAULTS, title: 'Hijacked', pseud_id: '1', format: 'plain', body: 'Mine now' });
        assert.equal(edit.statusCode, 403);
        const del = await intruder.post(`/works/${workId}/delete`);
        assert.equal(del.statusCode, 403);
        const guest = new TestClient(t.app);
        assert.equal((await guest.post(`/works/${workId}/delete`)).statusCode, 401);
        const work = await t.db.selectFrom('works').select('title').where('id', '=', workId).executeTakeFirstOrThrow();
        assert.equal(work.title, 'Not Yours');
        assert.doesNotMatch((await intruder.get(`/works/${workId}`)).body, /href="\/works\/\d+\/edit"/);
      });

      it('asks for confirmation, then deletes the work with its chapters', async () => {
        const workId = await buildWork(t.db, owner, { title: 'Doomed' });
        const confirm = await ownerClient.get(`/works/${workId}/delete`);
        assert.equal(confirm.statusCode, 200);
        assert.match(confirm.body, /Yes, delete this work/);
        assert.equal((await ownerClient.get(`/works/${workId}`)).statusCode, 200, 'the confirmation page deletes nothing');
        const response = await ownerClient.post(`/works/${workId}/delete`);
        assert.equal(response.statusCode, 303);
        assert.equal((await ownerClient.get(`/works/${workId}`)).statusCode, 404);
        const chapters = await t.db.selectFrom('chapters').select('id').where('work_id', '=', workId).execute();
        assert.equal(chapters.length, 0);
        const pseud = await t.db.selectFrom('pseuds').select('id').where('id', '=', owner.defaultPseudId).executeTakeFirst();
        assert.ok(pseud, 'the pseud survives its work');
      });
    });

    it('answers 404 for works that do not exist or ids that are not numbers', async () => {
      const guest = new TestClient(t.app);
      for (const url of ['/works/999999999', '/works/abc', '/works/1e3', '/works/99999999999999999999', '/works/-1/edit', '/users/nobody_here']) {
        const response = await guest.get(url);
        assert.equal(response.statusCode, 404, url);
        assert.match(response.body, /couldn(&#39;|')t find that/);
      }
    });
  });
}
