import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildUser, buildWork, signUpThroughForm, WORK_FORM_DEFAULTS } from '../../../test/support/builders.ts';
import { startTestApp, TestClient, type FormFields, type TestApp } from '../../../test/support/test-app.ts';

function workIdFrom(location: string | undefined): number {
  const match = /^\/works\/(\d+)$/.exec(location ?? '');
  assert.ok(match, `expected a redirect to a work, got ${location}`);
  return Number(match[1]);
}

for (const engine of ENGINES) {
  describe(`classification and publishing (${engine})`, () => {
    let t: TestApp;
    let writer: TestClient;
    let pseudId: string;
    before(async () => {
      t = await startTestApp(engine);
      writer = new TestClient(t.app);
      await signUpThroughForm(writer);
      const form = await writer.get('/works/new');
      pseudId = /<option value="(\d+)" selected/.exec(form.body)![1]!;
    });
    after(() => t.close());

    const post = (fields: FormFields, client = writer) =>
      client.post('/works', { ...WORK_FORM_DEFAULTS, title: 'A Work', pseud_id: pseudId, format: 'plain', body: 'Some words of story.', ...fields });

    it('posts rating, warnings, categories, tags and language, and shows them on the work and its blurb', async () => {
      const response = await post({
        title: 'Tagged',
        rating: 'Teen And Up Audiences',
        warnings: ['Graphic Depictions Of Violence', 'Major Character Death'],
        categories: ['F/M', 'Gen'],
        fandoms: 'Star Trek, Original Work',
        relationships: 'Kirk/Spock',
        characters: 'James T. Kirk, Spock',
        freeforms: 'Angst, Hurt/Comfort',
        language: 'de',
      });
      const workId = workIdFrom(response.headers.location);
      const page = (await new TestClient(t.app).get(`/works/${workId}`)).body;
      assert.match(page, /<dt>Rating:<\/dt><dd><ul class="tags commas"><li class="tag tag-rating"><a class="tag-link" href="\/tags\/rating\/Teen%20And%20Up%20Audiences">Teen And Up Audiences<\/a><\/li>/);
      assert.match(page, /Graphic Depictions Of Violence<\/a><\/li><li class="tag tag-warning"><a class="tag-link" href="\/tags\/warning\/Major%20Character%20Death">Major Character Death/);
      assert.match(page, /<dt>Categories:<\/dt><dd><ul class="tags commas"><li class="tag tag-category"><a class="tag-link" href="\/tags\/category\/Gen">Gen<\/a><\/li><li class="tag tag-category"><a class="tag-link" href="\/tags\/category\/F%2FM">F\/M/, 'system tags in their fixed order');
      assert.match(page, /<li class="tag tag-fandom"><a class="tag-link" href="\/tags\/fandom\/Star%20Trek">Star Trek<\/a><\/li><li class="tag tag-fandom"><a class="tag-link" href="\/tags\/fandom\/Original%20Work">Original Work<\/a><\/li>/, 'free tags in the writer’s order');
      assert.match(page, /Hurt\/Comfort/);
      assert.match(page, /<dt>Language:<\/dt><dd>Deutsch<\/dd>/);
      assert.match(page, /<div class="work-text" lang="de">/);

      const home = (await new TestClient(t.app).get('/')).body;
      const blurb = home.slice(home.indexOf(`id="work-${workId}-title"`));
      assert.match(blurb, /<p class="fandoms"><span class="visually-hidden">Fandoms: <\/span><a class="tag-link" href="\/tags\/fandom\/Star%20Trek">Star Trek<\/a>, <a class="tag-link" href="\/tags\/fandom\/Original%20Work">Original Work<\/a><\/p>/);
      assert.match(blurb, /title="Teen And Up Audiences" aria-hidden="true">T</);
      assert.match(blurb, /title="Graphic Depictions Of Violence, Major Character Death" aria-hidden="true">!</);
      assert.match(blurb, /title="Complete Work" aria-hidden="true">✓</);
    });

    it('reuses existing tags whatever their case, and normalizes names', async () => {
      await post({ fandoms: 'Fullmetal Alchemist' });
      await post({ fandoms: 'fullmetal alchemist, Ｆｕｌｌｍｅｔａｌ   Alchemist' });
      const rows = await t.db.selectFrom('tags').select('name').where('type', '=', 'fandom').where('name', 'ilike', 'fullmetal alchemist').execute();
      assert.deepEqual(rows, [{ name: 'Fullmetal Alchemist' }]);
    });

    it('refuses a missing fandom, rating or warning with field errors, keeping everything typed', async () => {
      const response = await post({ rating: '', warnings: [], fandoms: '  ,  ', characters: 'Kept Character', categories: ['M/M'], body: 'Kept body' });
      assert.equal(response.statusCode, 400);
      assert.match(response.body, /Choose a rating\./);
      assert.match(response.body, /Choose at least one archive warning\./);
      assert.match(response.body, /Add at least one fandom\./);
      assert.match(response.body, /value="Kept Character"/);
      assert.match(response.body, /value="M\/M" checked/);
      assert.match(response.body, />Kept body<\/textarea>/);
    });

    it('refuses tags that are too long, only punctuation, or use forbidden characters, and too many tags', async () => {
      const cases: [FormFields, RegExp][] = [
        [{ freeforms: 'x'.repeat(151) }, /longer than 150 characters/],
        [{ characters: '!!!' }, /needs at least one letter or number/],
        [{ relationships: 'A*B' }, /can(&#39;|')t contain/],
        [{ freeforms: Array.from({ length: 75 }, (_, i) => `tag ${i}`).join(', ') }, /at most 75 .* tags in all \(this one has 76\)/],
        [{ warnings: ['No Archive Warnings Apply', 'Major Character Death'] }, /can’t be combined/],
        [{ rating: 'Rated R' }, /Choose a rating\./],
        [{ title: 'T'.repeat(256) }, /Title must be at most 255 characters/],
        [{ notes: 'n'.repeat(5001) }, /Beginning notes must be at most 5,000 characters/],
        [{ end_notes: 'n'.repeat(5001) }, /End notes must be at most 5,000 characters/],
        [{ summary: 's'.repeat(1251) }, /Summary must be at most 1,250 characters/],
        [{ language: 'klingon' }, /Choose a language from the list\./],
      ];
      for (const [fields, message] of cases) {
        const response = await post(fields);
        assert.equal(response.statusCode, 400, JSON.stringify(fields).slice(0, 80));
        assert.match(response.body, message);
      }
    });

    it('fills the edit form with the tags and replaces them on save', async () => {
      const workId = workIdFrom((await post({ fandoms: 'Before Fandom', characters: 'Old Character', categories: ['F/F'] })).headers.location);
      const form = (await writer.get(`/works/${workId}/edit`)).body;
      assert.match(form, /name="fandoms"[^>]*value="Before Fandom"/);
      assert.match(form, /value="F\/F" checked/);
      assert.match(form, /<option value="General Audiences" selected/);
      await writer.post(`/works/${workId}/edit`, { ...WORK_FORM_DEFAULTS, title: 'Edited', pseud_id: pseudId, format: 'html', body: '<p>Text here.</p>', fandoms: 'After Fandom', characters: '' });
      const page = (await writer.get(`/works/${workId}`)).body;
      assert.match(page, /After Fandom/);
      assert.doesNotMatch(page, /Before Fandom|Old Character/);
    });

    describe('drafts', () => {
      it('keeps a draft to its creator until it is posted', async () => {
        const workId = workIdFrom((await post({ title: 'Secret Draft', action: 'draft' })).headers.location);
        const mine = await writer.get(`/works/${workId}`);
        assert.match(mine.body, /This is a draft\./);
        const other = new TestClient(t.app);
        await signUpThroughForm(other);
        for (const client of [other, new TestClient(t.app)]) {
          assert.equal((await client.get(`/works/${workId}`)).statusCode, 404);
          assert.doesNotMatch((await client.get('/')).body, /Secret Draft/);
        }
        assert.equal((await other.get(`/works/${workId}/edit`)).statusCode, 404, "someone else's draft is hidden, so editing it is not found");
        assert.equal((await other.post(`/works/${workId}/edit`, { ...WORK_FORM_DEFAULTS, title: 'x', pseud_id: '1', body: 'Some text' })).statusCode, 404);
        assert.equal((await other.post(`/works/${workId}/post`)).statusCode, 404);

        const ownPage = (await writer.get(`/users/${await usernameOf(writer)}`)).body;
        assert.match(ownPage, /<h2>Drafts<\/h2>[\s\S]*Secret Draft/);

        assert.equal((await writer.post(`/works/${workId}/post`)).statusCode, 303);
        assert.match((await new TestClient(t.app).get('/')).body, /Secret Draft/);
        const posted = (await writer.get(`/works/${workId}`)).body;
        assert.doesNotMatch(posted, /This is a draft\./);
      });

      it('treats Preview as a draft shown to its creator', async () => {
        const workId = workIdFrom((await post({ title: 'Previewed', action: 'preview' })).headers.location);
        assert.match((await writer.get(`/works/${workId}`)).body, /This is a draft\.[\s\S]*Post it now/);
        assert.equal((await new TestClient(t.app).get(`/works/${workId}`)).statusCode, 404);
      });
    });

    describe('backdating', () => {
      it('publishes on a past date, and keeps it when a backdated draft is posted later', async () => {
        const workId = workIdFrom((await post({ published_on: '2011-03-04' })).headers.location);
        assert.match((await writer.get(`/works/${workId}`)).body, /<dt>Published:<\/dt><dd><time datetime="2011-03-04T12:00:00.000Z">2011-03-04<\/time>/);
        const draftId = workIdFrom((await post({ published_on: '2015-06-07', action: 'draft' })).headers.location);
        await writer.post(`/works/${draftId}/post`);
        assert.match((await writer.get(`/works/${draftId}`)).body, /<dt>Published:<\/dt><dd><time datetime="2015-06-07/);
      });

      it('refuses a date in the future or one that is not a date', async () => {
        const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
        const future = await post({ published_on: tomorrow });
        assert.equal(future.statusCode, 400);
        assert.match(future.body, /can(&#39;|')t be in the future/);
        const nonsense = await post({ published_on: '2020-13-45' });
        assert.equal(nonsense.statusCode, 400);
        assert.match(nonsense.body, /must be a date like/);
      });
    });

    describe('members-only works', () => {
      it('hides them from guests everywhere and asks guests to log in', async () => {
        const workId = workIdFrom((await post({ title: 'Members Tale', restricted: '1' })).headers.location);
        const guest = new TestClient(t.app);
        const page = await guest.get(`/works/${workId}`);
        assert.equal(page.statusCode, 303);
        assert.equal(page.headers.location, `/login?return_to=%2Fworks%2F${workId}&reason=members-only`);
        const login = await guest.get(page.headers.location as string);
        assert.match(login.body, /only available to members/);
        assert.doesNotMatch((await guest.get('/')).body, /Members Tale/);
        assert.doesNotMatch((await guest.get(`/users/${await usernameOf(writer)}`)).body, /Members Tale/);

        const member = new TestClient(t.app);
        await signUpThroughForm(member);
        const seen = await member.get(`/works/${workId}`);
        assert.equal(seen.statusCode, 200);
        assert.match(seen.body, /<dt>Visible to:<\/dt><dd>Members only<\/dd>/);
        assert.match((await member.get('/')).body, /Members Tale[\s\S]*?Members only/);
      });

      it('brings a guest back to the work after logging in', async () => {
        const owner = await buildUser(t.db);
        const workId = await buildWork(t.db, owner, { title: 'Locked', restricted: true });
        const reader = await buildUser(t.db);
        const client = new TestClient(t.app);
        const redirect = await client.get(`/works/${workId}`);
        await client.get(redirect.headers.location as string);
        const login = await client.post('/login', { login: reader.username, password: reader.password, return_to: `/works/${workId}` });
        assert.equal(login.headers.location, `/works/${workId}`);
        assert.equal((await client.get(`/works/${workId}`)).statusCode, 200);
      });
    });

    it('folds tags and warnings behind a click for readers who ask for it', async () => {
      const workId = workIdFrom((await post({ title: 'Spoilery', warnings: ['Major Character Death'], characters: 'The Doomed One' })).headers.location);
      const reader = new TestClient(t.app);
      await signUpThroughForm(reader);
      assert.doesNotMatch((await reader.get(`/works/${workId}`)).body, /spoiler-fold/);
      await reader.get('/preferences');
      const saved = await reader.post('/preferences', { font_size: '100', line_width: 'normal', theme: 'auto', hide_tags: '1', hide_lyrics: '0' });
      assert.equal(saved.statusCode, 303);
      const page = (await reader.get(`/works/${workId}`)).body;
      assert.match(page, /<details class="spoiler-fold"><summary>Show tags and warnings<\/summary><dl class="work-meta">[\s\S]*Major Character Death/);
      const home = (await reader.get('/')).body;
      const blurb = home.slice(home.indexOf(`id="work-${workId}-title"`)).split('<li class="blurb"')[0] ?? '';
      assert.match(blurb, /<details class="spoiler-fold"><summary>Show tags and warnings<\/summary><ul class="tags commas"[\s\S]*The Doomed One/);
    });

    it('runs a fixed number of queries for a user page, however many works it lists', async () => {
      const user = await buildUser(t.db);
      await buildWork(t.db, user, { characters: ['One'] });
      const viewer = new TestClient(t.app);
      await signUpThroughForm(viewer);
      t.queries.reset();
      await viewer.get(`/users/${user.username}`);
      const few = t.queries.count;
      for (let i = 0; i < 12; i++) await buildWork(t.db, user, { characters: [`C${i}`], freeforms: ['Angst'] });
      t.queries.reset();
      await viewer.get(`/users/${user.username}`);
      assert.equal(t.queries.count, few);
    });

    it('still runs a fixed number of queries for the home page with tags on every blurb', async () => {
      const user = await buildUser(t.db);
      for (let i = 0; i < 3; i++) await buildWork(t.db, user, { characters: [`Character ${i}`], freeforms: ['Fluff'] });
      t.queries.reset();
      await new TestClient(t.app).get('/');
      const few = t.queries.count;
      for (let i = 0; i < 10; i++) await buildWork(t.db, user, { characters: [`Character ${i}`], relationships: ['A/B'] });
      t.queries.reset();
      await new TestClient(t.app).get('/');
      assert.equal(t.queries.count, few);
    });
  });
}

async function usernameOf(client: TestClient): Promise<string> {
  const home = await client.get('/');
  const name = /<li><a href="\/users\/([^"]+)">/.exec(home.body)?.[1];
  assert.ok(name, 'client is logged in');
  return name;
}

