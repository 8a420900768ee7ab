import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { ENGINES } from '../../../../test/support/databases.ts';
import { buildUser, buildWork, loggedInMember, WORK_FORM_DEFAULTS, type BuiltUser } from '../../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../../test/support/test-app.ts';
import { canonicalTag, synonymTag, tagId as tagIdIn } from '../../../../test/support/wrangling-builders.ts';
import type { FreeTagType } from '../tags.model.ts';
import type { TagSuggestion } from './autocomplete.repository.ts';

/** A word no other test uses, so prefix searches see only this test's tags. */
const token = () => `q${randomBytes(4).toString('hex').replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)}`;

for (const engine of ENGINES) {
  describe(`tag autocomplete (${engine})`, () => {
    let t: TestApp;
    let writer: BuiltUser;

    before(async () => {
      t = await startTestApp(engine);
      writer = await buildUser(t.db);
    });
    after(() => t.close());

    const tagId = (type: FreeTagType, name: string) => tagIdIn(t.db, type, name);
    const canonical = (type: FreeTagType, name: string) => canonicalTag(t.db, type, name);
    const synonym = (type: FreeTagType, name: string, canonicalId: number) => synonymTag(t.db, type, name, canonicalId);

    async function suggest(type: string, q: string): Promise<TagSuggestion[]> {
      const response = await new TestClient(t.app).get(`/tags/autocomplete?${new URLSearchParams({ type, q })}`);
      assert.equal(response.statusCode, 200, response.body);
      return (response.json() as { suggestions: TagSuggestion[] }).suggestions;
    }

    const names = (list: TagSuggestion[]) => list.map((s) => s.name);

    it('suggests canonical tags by prefix of the name and of any word, ignoring case and width, never unwrangled ones', async () => {
      const k = token();
      await canonical('fandom', `${k}land Chronicles`);
      await canonical('fandom', `The ${k}ling Saga`);
      await canonical('character', `${k}ling the Character`); // another type
      await tagId('fandom', `${k}ton Unwrangled`); // neither canonical nor a synonym
      assert.deepEqual(names(await suggest('fandom', k.toUpperCase())), [`${k}land Chronicles`, `The ${k}ling Saga`]);
      // NFKC: a full-width first letter is the same letter.
      const wide = String.fromCharCode(k.charCodeAt(0) - 0x61 + 0xff41) + k.slice(1);
      assert.deepEqual(names(await suggest('fandom', `  ${wide}LI `)), [`The ${k}ling Saga`]);
      assert.deepEqual(names(await suggest('fandom', `the ${k}l`)), [`The ${k}ling Saga`], 'a prefix of the whole name may hold spaces');
      assert.deepEqual(names(await suggest('fandom', `saga`)).filter((n) => n.includes(k)), [`The ${k}ling Saga`]);
      assert.deepEqual(names(await suggest('character', k)), [`${k}ling the Character`]);
    });

    it('suggests synonyms with the canonical tag they belong to, and counts their works toward it', async () => {
      const k = token();
      const tv = await canonical('fandom', `${k} Holmes (TV)`);
      await synonym('fandom', `BBC ${k}`, tv);
      await buildWork(t.db, writer, { fandoms: [`BBC ${k}`] });
      await buildWork(t.db, writer, { fandoms: [`BBC ${k}`] });
      await buildWork(t.db, writer, { fandoms: [`${k} Holmes (TV)`] });
      const found = await suggest('fandom', k);
      assert.deepEqual(found, [
        { name: `${k} Holmes (TV)`, type: 'fandom', canonical: true, synonymOf: null, uses: 3 },
        { name: `BBC ${k}`, type: 'fandom', canonical: false, synonymOf: `${k} Holmes (TV)`, uses: 2 },
      ]);
    });

    it('ranks by use, then matches of the whole name before word matches, then by name, ten at most', async () => {
      const k = token();
      await canonical('freeform', `Zeta ${k}`);
      await canonical('freeform', `Alpha ${k}`);
      await canonical('freeform', `${k} Plain`);
      await canonical('freeform', `Busy ${k}`);
      await buildWork(t.db, writer, { freeforms: [`Busy ${k}`] });
      assert.deepEqual(names(await suggest('freeform', k)), [`Busy ${k}`, `${k} Plain`, `Alpha ${k}`, `Zeta ${k}`]);
      for (let i = 0; i < 12; i++) await canonical('freeform', `${k} Many ${String(i).padStart(2, '0')}`);
      const ten = await suggest('freeform', k);
      assert.equal(ten.length, 10);
      assert.equal(ten[0]!.name, `Busy ${k}`);
    });

    it('treats LIKE wildcards in the typed text literally', async () => {
      const k = token();
      await canonical('freeform', `${k}_under score`);
      await canonical('freeform', `${k}x other`);
      assert.deepEqual(names(await suggest('freeform', `${k}_`)), [`${k}_under score`]);
      assert.deepEqual(await suggest('freeform', `${k}%`), []);
    });

    it('keeps the use count as works are posted, edited and deleted over HTTP', async () => {
      const k = token();
      await canonical('fandom', `${k} Fandom`);
      await canonical('fandom', `${k} Other`);
      const uses = async () => Object.fromEntries((await suggest('fandom', k)).map((s) => [s.name, s.uses]));
      const { user, client } = await loggedInMember(t);
      await client.get('/works/new');
      const posted = await client.post('/works', { ...WORK_FORM_DEFAULTS, title: 'Counted', pseud_id: String(user.defaultPseudId), format: 'plain', body: 'Some words.', fandoms: `${k} Fandom` });
      assert.equal(posted.statusCode, 303, posted.body.slice(0, 300));
      const workId = /\/works\/(\d+)$/.exec(posted.headers.location as string)![1];
      assert.deepEqual(await uses(), { [`${k} Fandom`]: 1, [`${k} Other`]: 0 });

      await client.get(`/works/${workId}/edit`);
      const edited = await client.post(`/works/${workId}/edit`, { ...WORK_FORM_DEFAULTS, title: 'Counted', pseud_id: String(user.defaultPseudId), format: 'plain', body: 'Some words.', fandoms: `${k} Other, ${k} Fandom` });
      assert.equal(edited.statusCode, 303);
      assert.deepEqual(await uses(), { [`${k} Fandom`]: 1, [`${k} Other`]: 1 });
      await client.post(`/works/${workId}/edit`, { ...WORK_FORM_DEFAULTS, title: 'Counted', pseud_id: String(user.defaultPseudId), format: 'plain', body: 'Some words.', fandoms: `${k} Other` });
      assert.deepEqual(await uses(), { [`${k} Other`]: 1, [`${k} Fandom`]: 0 });

      await client.get(`/works/${workId}/delete`);
      assert.equal((await client.post(`/works/${workId}/delete`)).statusCode, 303);
      assert.deepEqual(await uses(), { [`${k} Fandom`]: 0, [`${k} Other`]: 0 });
    });

    it('answers public JSON that caches may keep for a minute', async () => {
      const response = await new TestClient(t.app).get(`/tags/autocomplete?type=fandom&q=${token()}`);
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /^application\/json/);
      assert.equal(response.headers['cache-control'], 'public, max-age=60');
      assert.deepEqual(response.json(), { suggestions: [] });
    });

    it('suggests across several types for a field that takes either, and the media a fandom is placed in', async () => {
      const k = token();
      await canonical('fandom', `${k} Fandom`);
      await canonical('character', `${k} Character`);
      await canonical('freeform', `${k} Freeform`);
      assert.deepEqual(names(await suggest('fandom,character', k)), [`${k} Character`, `${k} Fandom`]);
      assert.deepEqual(names(await suggest('media', 'tv')), ['TV Shows']);
    });

    it('refuses bad input with a 400 and a JSON message, never a 500', async () => {
      const long = 'a'.repeat(151);
      const cases = [
        '/tags/autocomplete?q=abc',
        '/tags/autocomplete?type=rating&q=abc',
        '/tags/autocomplete?type=nonsense&q=abc',
        '/tags/autocomplete?type=fandom',
        '/tags/autocomplete?type=fandom&q=',
        '/tags/autocomplete?type=fandom&q=%20%20',
        `/tags/autocomplete?type=fandom&q=${long}`,
        '/tags/autocomplete?type=fandom&q=a&q=b',
        '/tags/autocomplete?type=fandom&type=character&q=a',
        '/tags/autocomplete?type=fandom,rating&q=a',
        '/tags/autocomplete?type=fandom,&q=a',
      ];
      for (const url of cases) {
        const response = await new TestClient(t.app).get(url);
        assert.equal(response.statusCode, 400, url);
        const body = response.json() as { error: string };
        assert.ok(body.error.length > 0, url);
      }
      const tooLong = await new TestClient(t.app).get(`/tags/autocomplete?type=fandom&q=${long}`);
      assert.match((tooLong.json() as { error: string }).error, /at most 150/);
      // A NUL is refused before any route runs; a script asking for JSON still gets JSON.
      const nul = await new TestClient(t.app).get('/tags/autocomplete?type=fandom&q=a%00b', { accept: 'application/json' });
      assert.equal(nul.statusCode, 400);
      assert.match((nul.json() as { error: string }).error, /NUL/);
    });

    it('loads the islands script on the posting form only, from a hashed address cached for a year', async () => {
      const { client } = await loggedInMember(t);
      const form = await client.get('/works/new');
      assert.match(form.body, /data-tag-autocomplete="fandom"/);
      assert.match(form.body, /data-tag-autocomplete="freeform"/);
      const src = /<script type="module" src="(\/assets\/islands-[0-9a-f]{16}\.js)"><\/script>/.exec(form.body)?.[1];
      assert.ok(src, 'the posting form loads the islands');
      assert.doesNotMatch((await client.get('/')).body, /<script/, 'other pages stay script-free');

      const script = await new TestClient(t.app).get(src);
      assert.equal(script.statusCode, 200);
      assert.equal(script.headers['content-type'], 'text/javascript; charset=utf-8');
      assert.equal(script.headers['cache-control'], 'public, max-age=31536000, immutable');
      assert.match(script.body, /tags\/autocomplete/);
      assert.equal((await new TestClient(t.app).get('/assets/islands-0000000000000000.js')).statusCode, 404);
    });
  });
}

// Two transactions at once need real PostgreSQL (PGlite has one connection).
describe('tag use counts under concurrent saves (postgres)', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp('postgres');
  });
  after(() => t.close());

  it('never locks the fixed tags every work carries, so saves across the archive do not queue on them', async () => {
    const writer = await buildUser(t.db);
    const workId = await buildWork(t.db, writer, { fandoms: [`Lockless ${token()}`] });
    const rating = await t.db.selectFrom('tags').select('id').where('type', '=', 'rating').where('name', '=', 'General Audiences').executeTakeFirstOrThrow();
    await t.db.transaction().execute(async (saving) => {
      // A save in progress: its tag rows are written and the transaction stays open.
      await sql`select 1 from work_tags where work_id = ${workId} for update`.execute(saving);
      await saving.deleteFrom('work_tags').where('work_id', '=', workId).where('tag_id', '=', rating.id).execute();
      await saving.insertInto('work_tags').values({ work_id: workId, tag_id: rating.id, position: 0 }).execute();
      // Another save elsewhere would take the same row lock: it must not have to wait.
      const other = await t.db.transaction().execute((trx) => sql<{ id: number }>`select id from tags where id = ${rating.id} for no key update nowait`.execute(trx));
      assert.equal(other.rows.length, 1);
    });
  });
});
