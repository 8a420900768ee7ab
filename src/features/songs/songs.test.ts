import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildUser, buildWork, logInThroughForm, signUpThroughForm, WORK_FORM_DEFAULTS } from '../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';
import { sanitizeUserHtml } from '../../platform/security/sanitize.ts';
import { collapseLyrics } from './collapse-lyrics.ts';

const SONGFIC_TEXT = [
  'She turned the radio up.',
  '~~~lyrics',
  'Hold me closer, tiny dancer',
  'Count the headlights on the highway',
  '~~~',
  'And the road went on.',
].join('\n');

const COLLAPSED = /<details class="lyrics-collapsed"><summary>Lyrics \(2 lines\)<\/summary><blockquote class="lyrics">\s*<p>Hold me closer, tiny dancer<br>\s*Count the headlights on the highway<\/p>\s*<\/blockquote><\/details>/;
const OPEN = /<blockquote class="lyrics">\s*<p>Hold me closer, tiny dancer<br \/>\s*Count the headlights on the highway<\/p>\s*<\/blockquote>/;

function workIdFrom(location: string | undefined): number {
  const match = /^\/works\/(\d+)$/.exec(location ?? '');
  assert.ok(match, `expected a redirect to a work, got ${location}`);
  return Number(match[1]);
}

describe('collapseLyrics', () => {
  it('folds each lyric block into a details element naming its line count, and leaves the rest alone', () => {
    const html = sanitizeUserHtml('<p>Prose &amp; more</p><blockquote class="lyrics">one<br>two<br><br>three</blockquote><blockquote>quote</blockquote><blockquote class="lyrics">solo</blockquote>');
    const folded = collapseLyrics(html);
    assert.match(folded, /^<p>Prose &amp; more<\/p><details class="lyrics-collapsed"><summary>Lyrics \(3 lines\)<\/summary><blockquote class="lyrics">/);
    assert.match(folded, /<blockquote>quote<\/blockquote><details class="lyrics-collapsed"><summary>Lyrics \(1 line\)<\/summary><blockquote class="lyrics">\s*<p>solo<\/p>\s*<\/blockquote><\/details>$/);
    assert.equal(collapseLyrics('<p>No lyrics</p>'), '<p>No lyrics</p>');
  });
});

for (const engine of ENGINES) {
  describe(`songs (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    async function writer(): Promise<{ client: TestClient; pseudId: string }> {
      const client = new TestClient(t.app);
      await signUpThroughForm(client);
      const form = await client.get('/works/new');
      const pseudId = /<option value="(\d+)" selected/.exec(form.body)?.[1];
      assert.ok(pseudId);
      return { client, pseudId };
    }

    const songFields = {
      song_title_1: 'Tiny Dancer',
      song_artist_1: 'Elton John',
      song_link_1: 'https://example.org/tiny-dancer?a=1&b=2',
      song_title_2: 'Holiday',
      song_artist_2: 'Green Day',
      song_link_2: '',
      song_title_3: '',
      song_artist_3: '',
      song_link_3: '',
    };

    async function countCredits(): Promise<number> {
      const row = await t.db.selectFrom('song_credits').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    }

    it('posts a songfic with two song credits and a lyric stanza, and shows them on the work page and in blurbs', async () => {
      const { client, pseudId } = await writer();
      const form = await client.get('/works/new');
      assert.match(form.body, /<legend>Song 1<\/legend>/);
      assert.match(form.body, /~~~lyrics/, 'the form says how to write lyrics in plain text');
      const response = await client.post('/works', { ...WORK_FORM_DEFAULTS, title: 'Highway Songs', pseud_id: pseudId, format: 'plain', body: SONGFIC_TEXT, ...songFields });
      assert.equal(response.statusCode, 303);
      const workId = workIdFrom(response.headers.location);

      const credits = await t.db.selectFrom('song_credits').select(['position', 'title', 'artist', 'link']).where('work_id', '=', workId).orderBy('position').execute();
      assert.deepEqual(credits, [
        { position: 1, title: 'Tiny Dancer', artist: 'Elton John', link: 'https://example.org/tiny-dancer?a=1&b=2' },
        { position: 2, title: 'Holiday', artist: 'Green Day', link: null },
      ]);

      const page = await new TestClient(t.app).get(`/works/${workId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<p class="song-credits">Songs: <span>“<a href="https:\/\/example.org\/tiny-dancer\?a=1&amp;b=2" rel="nofollow ugc noopener">Tiny Dancer<\/a>” by Elton John<\/span><span>; “Holiday” by Green Day<\/span><\/p>/);
      assert.match(page.body, OPEN);
      assert.match(page.body, /<button type="submit" class="button">Hide lyrics<\/button>/);

      const home = await new TestClient(t.app).get('/');
      // Blurbs hold lists of their own (tags, symbols), so the blurb runs to the next blurb.
      const blurb = home.body.slice(home.body.indexOf(`aria-labelledby="work-${workId}-title"`)).split('<li class="blurb"')[0] ?? '';
      assert.match(blurb, /Songs: <span>“<a [^>]*>Tiny Dancer<\/a>” by Elton John<\/span><span>; “Holiday” by Green Day<\/span>/);
    });

    it('refuses a link that is not http or https with a field error, keeping what was typed and storing nothing', async () => {
      const { client, pseudId } = await writer();
      const before = await countCredits();
      for (const link of ['javascript:alert(1)', 'ftp://example.org/song', 'example.org/song', 'https://']) {
        const response = await client.post('/works', { ...WORK_FORM_DEFAULTS, title: 'Bad Link', pseud_id: pseudId, format: 'plain', body: 'Some text here.', ...songFields, song_link_2: link });
        assert.equal(response.statusCode, 400, link);
        assert.match(response.body, /Song 2 link must be a web address starting with http:\/\/ or https:\/\//);
        assert.match(response.body, /<a href="#field-song_link_2">/);
        assert.match(response.body, /id="field-song_link_2" name="song_link_2" aria-invalid="true"/);
        assert.match(response.body, /value="Tiny Dancer"/);
        assert.match(response.body, /value="Green Day"/);
        assert.match(response.body, />Some text here\.<\/textarea>/);
      }
      assert.equal(await countCredits(), before);
    });

    it('refuses a song title or artist over 200 characters, and a row missing its title or artist', async () => {
      const { client, pseudId } = await writer();
      const worksBefore = await t.db.selectFrom('works').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const long = await client.post('/works', { ...WORK_FORM_DEFAULTS, title: 'Long Song', pseud_id: pseudId, format: 'plain', body: 'Text long enough.', song_title_1: 'x'.repeat(201), song_artist_1: 'y'.repeat(201) });
      assert.equal(long.statusCode, 400);
      assert.match(long.body, /Song 1 title must be at most 200 characters/);
      assert.match(long.body, /Song 1 artist must be at most 200 characters/);
      const half = await client.post('/works', { ...WORK_FORM_DEFAULTS, title: 'Half Song', pseud_id: pseudId, format: 'plain', body: 'Text long enough.', song_title_1: '', song_artist_1: 'Someone', song_title_3: 'Lonely title' });
      assert.equal(half.statusCode, 400);
      assert.match(half.body, /Song 1 title can(&#39;|')t be blank/);
      assert.match(half.body, /Song 3 artist can(&#39;|')t be blank/);
      assert.match(half.body, /value="Lonely title"/);
      const ok = await client.post('/works', { ...WORK_FORM_DEFAULTS, title: 'Exactly 200', pseud_id: pseudId, format: 'plain', body: 'Text long enough.', song_title_1: 'x'.repeat(200), song_artist_1: 'y'.repeat(200) });
      assert.equal(ok.statusCode, 303);
      const worksAfter = await t.db.selectFrom('works').select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(worksAfter.n), Number(worksBefore.n) + 1);
    });

    it('shows the credits on the edit form and replaces them when the work is saved', async () => {
      const owner = await buildUser(t.db);
      const workId = await buildWork(t.db, owner, { songs: [{ title: 'First', artist: 'Band A', link: null }, { title: 'Second', artist: 'Band B', link: 'http://example.org/b' }] });
      const client = new TestClient(t.app);
      await logInThroughForm(client, owner.username);
      const form = await client.get(`/works/${workId}/edit`);
      assert.match(form.body, /name="song_title_2" type="text" maxlength="200" value="Second"/);
      assert.match(form.body, /value="http:\/\/example.org\/b"/);
      const response = await client.post(`/works/${workId}/edit`, { ...WORK_FORM_DEFAULTS, title: 'Edited', pseud_id: String(owner.defaultPseudId), format: 'html', body: '<p>New text.</p>', song_title_1: 'Only', song_artist_1: 'Band C' });
      assert.equal(response.statusCode, 303);
      const credits = await t.db.selectFrom('song_credits').select(['title', 'artist']).where('work_id', '=', workId).execute();
      assert.deepEqual(credits, [{ title: 'Only', artist: 'Band C' }]);
    });

    it('hides lyrics for a guest without JavaScript, remembered in a cookie, and shows them again', async () => {
      const owner = await buildUser(t.db);
      const workId = await buildWork(t.db, owner, { format: 'plain', body: SONGFIC_TEXT });
      const guest = new TestClient(t.app);
      await guest.get(`/works/${workId}`);
      const hide = await guest.post('/preferences/lyrics', { hide_lyrics: '1', return_to: `/works/${workId}` });
      assert.equal(hide.statusCode, 303);
      assert.equal(hide.headers.location, `/works/${workId}`);
      assert.ok(guest.hasCookie('quire_prefs'));
      const hidden = await guest.get(`/works/${workId}`);
      assert.match(hidden.body, COLLAPSED);
      assert.match(hidden.body, /<button type="submit" class="button">Show lyrics<\/button>/);
      assert.match(hidden.body, /She turned the radio up\./);
      assert.match((await new TestClient(t.app).get(`/works/${workId}`)).body, OPEN, 'other readers still see the lyrics');

      await guest.post('/preferences/lyrics', { hide_lyrics: '0', return_to: `/works/${workId}` });
      const shown = await guest.get(`/works/${workId}`);
      assert.match(shown.body, OPEN);
      assert.doesNotMatch(shown.body, /lyrics-collapsed/);
    });

    it('remembers Hide lyrics in the account of a member, across logging out and in again', async () => {
      const owner = await buildUser(t.db);
      const workId = await buildWork(t.db, owner, { format: 'plain', body: SONGFIC_TEXT });
      const reader = await buildUser(t.db);
      const client = new TestClient(t.app);
      await logInThroughForm(client, reader.username);
      await client.get(`/works/${workId}`);
      const hide = await client.post('/preferences/lyrics', { hide_lyrics: '1', return_to: `/works/${workId}` });
      assert.equal(hide.statusCode, 303);
      assert.equal(client.hasCookie('quire_prefs'), false, 'members keep preferences in their account, not a cookie');
      const stored = await t.db.selectFrom('reader_preferences').select('hide_lyrics').where('user_id', '=', reader.id).executeTakeFirstOrThrow();
      assert.equal(stored.hide_lyrics, true);
      assert.match((await client.get(`/works/${workId}`)).body, COLLAPSED);

      await client.post('/logout');
      assert.match((await client.get(`/works/${workId}`)).body, OPEN, 'logged out, the browser has no preference of its own');
      const elsewhere = new TestClient(t.app);
      await logInThroughForm(elsewhere, reader.username);
      assert.match((await elsewhere.get(`/works/${workId}`)).body, COLLAPSED, 'logged in on another browser, lyrics stay hidden');
    });

    it('refuses a bad toggle value, and never redirects to another site', async () => {
      const guest = new TestClient(t.app);
      const bad = await guest.post('/preferences/lyrics', { hide_lyrics: 'maybe', return_to: '/' });
      assert.equal(bad.statusCode, 400);
      const offsite = await guest.post('/preferences/lyrics', { hide_lyrics: '1', return_to: '//evil.example/' });
      assert.equal(offsite.statusCode, 303);
      assert.equal(offsite.headers.location, '/');
    });

    it('runs a fixed number of queries for the home page with song credits, for a member with saved preferences', async () => {
      const client = new TestClient(t.app);
      await signUpThroughForm(client);
      await client.get('/preferences');
      await client.post('/preferences', { font_size: '115', line_width: 'wide', theme: 'dark', hide_lyrics: '1' });
      const songs = [{ title: 'A', artist: 'B', link: 'https://example.org/' }, { title: 'C', artist: 'D', link: null }];
      for (let i = 0; i < 3; i++) await buildWork(t.db, await buildUser(t.db), { songs });
      t.queries.reset();
      const few = await client.get('/');
      const fewQueries = t.queries.count;
      assert.match(few.body, /<html lang="en" class="font-115 width-wide theme-dark hide-lyrics">/);
      for (let i = 0; i < 17; i++) await buildWork(t.db, await buildUser(t.db), { songs });
      t.queries.reset();
      await client.get('/');
      assert.equal(t.queries.count, fewQueries);
      assert.ok(t.queries.count <= 2, `home page ran ${t.queries.count} queries: ${t.queries.statements.join('\n')}`);
    });
  });
}
