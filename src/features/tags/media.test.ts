import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildUser, buildWork, logInThroughForm, uniqueName, type BuiltUser } from '../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/http/errors.ts';
import { addMetaTag, addParent, makeCanonical, makeSynonym, markUnwrangleable } from './tag-graph.service.ts';
import { MEDIA_NAMES, tagPath, UNCATEGORIZED_MEDIA, type TagType } from './tags.model.ts';
import { findOrCreateTags } from './tags.repository.ts';

/** The blurb titles on a page, in order. */
function blurbTitles(html: string): string[] {
  return [...html.matchAll(/<h3 class="blurb-heading" id="work-\d+-title"><a href="\/works\/\d+">([^<]*)<\/a>/g)].map((m) => m[1]!);
}

/** "Fandom (count)" entries of each fandom list on a page, by the heading above the list. */
function fandomSections(html: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  for (const m of html.matchAll(/<h2 id="media-\d+"><a href="[^"]*">([^<]*)<\/a><\/h2><ul class="fandom-index">(.*?)<\/ul>/g)) {
    sections.set(unescape(m[1]!), fandomEntries(m[2]!));
  }
  return sections;
}

function fandomEntries(listHtml: string): string[] {
  return [...listHtml.matchAll(/<a class="tag-link" href="[^"]*">([^<]*)<\/a> \((\d+)\)/g)].map((e) => `${unescape(e[1]!)} (${e[2]})`);
}

/** The fandoms listed on a media page. */
function mediaPageFandoms(html: string): string[] {
  const list = /<h2>Fandoms<\/h2><ul class="fandom-index">(.*?)<\/ul>/.exec(html);
  return list ? fandomEntries(list[1]!) : [];
}

const unescape = (html: string) => html.replaceAll('&amp;', '&');

for (const engine of ENGINES) {
  describe(`media and the fandoms index (${engine})`, () => {
    let t: TestApp;
    let writer: BuiltUser;
    let member: TestClient;
    const guest = () => new TestClient(t.app);
    const graph = (change: (trx: DbOrTrx) => Promise<void>) => t.db.transaction().execute(change);

    before(async () => {
      t = await startTestApp(engine);
      writer = await buildUser(t.db);
      member = new TestClient(t.app);
      await logInThroughForm(member, (await buildUser(t.db)).username);
    });
    after(() => t.close());

    async function tagId(type: TagType, name: string): Promise<number> {
      const row = await t.db.selectFrom('tags').select('id').where('type', '=', type).where('name', '=', name).executeTakeFirstOrThrow();
      return row.id;
    }

    /** A canonical fandom under the given media (none: uncategorized). */
    async function fandom(name: string, media: string[] = []): Promise<number> {
      await t.db.insertInto('tags').values({ type: 'fandom', name }).onConflict((oc) => oc.doNothing()).execute();
      const id = await tagId('fandom', name);
      await graph((trx) => makeCanonical(trx, id));
      for (const m of media) {
        const mediaId = await tagId('media', m);
        await graph((trx) => addParent(trx, mediaId, id));
      }
      return id;
    }

    async function page(path: string, client = guest()): Promise<string> {
      const response = await client.get(path);
      assert.equal(response.statusCode, 200, `${path}: ${response.body.slice(0, 300)}`);
      return response.body;
    }

    it('seeds AO3’s media, canonical, each with a page', async () => {
      const rows = await t.db.selectFrom('tags').select(['name', 'canonical']).where('type', '=', 'media').orderBy('id').execute();
      assert.deepEqual(rows, MEDIA_NAMES.map((name) => ({ name, canonical: true })));
      const tv = await page(tagPath('media', 'TV Shows'));
      assert.match(tv, /<h1>TV Shows<\/h1><p class="tag-type">Media<\/p>/);
      // Names are found ignoring case, as for every tag page.
      assert.equal((await guest().get('/tags/media/tv%20shows')).statusCode, 200);
      assert.equal((await guest().get('/tags/media/Podcasts')).statusCode, 404);
    });

    it('groups fandoms by media, a fandom under two media in both, those with none under Uncategorized', async () => {
      const both = uniqueName('Sherlock Holmes');
      const anime = uniqueName('Haikyuu');
      const loose = uniqueName('Loose Fandom');
      await fandom(both, ['Books & Literature', 'Anime & Manga']);
      await fandom(anime, ['Anime & Manga']);
      await fandom(loose);
      await buildWork(t.db, writer, { fandoms: [both, anime] });
      await buildWork(t.db, writer, { fandoms: [both] });

      const sections = fandomSections(await page('/fandoms'));
      assert.deepEqual(sections.get('Anime & Manga'), [`${both} (2)`, `${anime} (1)`]);
      assert.deepEqual(sections.get('Books & Literature'), [`${both} (2)`]);
      assert.ok(sections.get(UNCATEGORIZED_MEDIA)?.includes(`${loose} (0)`));
      assert.ok(!sections.has('Theater'), 'a media with no fandoms is left out');
      const names = [...sections.keys()];
      assert.deepEqual(names, [...names].sort((a, b) => (a === UNCATEGORIZED_MEDIA ? 1 : b === UNCATEGORIZED_MEDIA ? -1 : a.localeCompare(b))));
      assert.equal(names.at(-1), UNCATEGORIZED_MEDIA);

      assert.ok(mediaPageFandoms(await page(tagPath('media', UNCATEGORIZED_MEDIA))).includes(`${loose} (0)`));
      assert.ok(!mediaPageFandoms(await page(tagPath('media', UNCATEGORIZED_MEDIA))).includes(`${both} (2)`));

      // A fandom's page shows its media as parents; its media's page lists it.
      const bothPage = await page(tagPath('fandom', both));
      assert.match(bothPage, /<h2>Parent tags<\/h2><ul class="tags commas"><li class="tag tag-media"><a class="tag-link" href="\/tags\/media\/Anime%20%26%20Manga">Anime &amp; Manga<\/a><\/li><li class="tag tag-media"><a class="tag-link" href="\/tags\/media\/Books%20%26%20Literature">/);
      assert.deepEqual(mediaPageFandoms(await page(tagPath('media', 'Books & Literature'))), [`${both} (2)`]);
    });

    it('shows the five fandoms with the most works on /fandoms, and all of them on the media page', async () => {
      const prefix = uniqueName('Game');
      const counts = [0, 3, 1, 2, 0, 1, 4];
      const names = counts.map((_, i) => `${prefix} ${String.fromCharCode(65 + i)}`);
      for (const name of names) await fandom(name, ['Video Games']);
      for (const [i, n] of counts.entries()) for (let k = 0; k < n; k++) await buildWork(t.db, writer, { fandoms: [names[i]!] });

      const index = await page('/fandoms');
      assert.deepEqual(fandomSections(index).get('Video Games'), [`${names[6]} (4)`, `${names[1]} (3)`, `${names[3]} (2)`, `${names[2]} (1)`, `${names[5]} (1)`]);
      assert.match(index, /<a href="\/tags\/media\/Video%20Games">All 7 fandoms in Video Games<\/a>/);
      assert.deepEqual(
        mediaPageFandoms(await page(tagPath('media', 'Video Games'))),
        names.map((name, i) => `${name} (${counts[i]})`),
      );
    });

    it('counts only the works the reader may see: no drafts, members-only works for members only', async () => {
      const name = uniqueName('Hidden Movie');
      await fandom(name, ['Movies']);
      await buildWork(t.db, writer, { fandoms: [name] });
      await buildWork(t.db, writer, { fandoms: [name], restricted: true });
      await buildWork(t.db, writer, { fandoms: [name], action: 'draft' });
      assert.deepEqual(fandomSections(await page('/fandoms')).get('Movies'), [`${name} (1)`]);
      assert.deepEqual(fandomSections(await page('/fandoms', member)).get('Movies'), [`${name} (2)`]);
      assert.deepEqual(mediaPageFandoms(await page(tagPath('media', 'Movies'))), [`${name} (1)`]);
      assert.deepEqual(mediaPageFandoms(await page(tagPath('media', 'Movies'), member)), [`${name} (2)`]);
    });

    async function refused(change: (trx: DbOrTrx) => Promise<void>, message: RegExp): Promise<void> {
      await assert.rejects(graph(change), (error: unknown) => {
        assert.ok(error instanceof AppError, String(error));
        assert.equal(error.code, 'bad_request');
        assert.match(error.message, message);
        return true;
      });
    }

    it('links media only as parents of fandoms, and never wrangles or creates media', async () => {
      const tv = await tagId('media', 'TV Shows');
      const movies = await tagId('media', 'Movies');
      const f = await fandom(uniqueName('Fandom'));
      const { id: character } = await t.db.insertInto('tags').values({ type: 'character', name: uniqueName('Character') }).returning('id').executeTakeFirstOrThrow();
      await graph((trx) => makeCanonical(trx, character));

      await refused((trx) => addParent(trx, tv, character), /A media can't be the parent of a character/);
      await refused((trx) => addParent(trx, f, tv), /fixed media tag/);
      await refused((trx) => addParent(trx, tv, movies), /fixed media tag/);
      await refused((trx) => makeSynonym(trx, tv, movies), /fixed media tag/);
      await refused((trx) => makeSynonym(trx, f, tv), /same type/);
      await refused((trx) => addMetaTag(trx, tv, movies), /fixed media tag/);
      await refused((trx) => markUnwrangleable(trx, tv, true), /fixed media tag/);
      await graph((trx) => addParent(trx, tv, f));

      // Writers can't create media or put them on works, even by name.
      assert.equal((await findOrCreateTags(t.db, [{ type: 'media', name: 'Podcasts' }])).size, 0);
      const workId = await buildWork(t.db, writer, { fandoms: ['TV Shows'] });
      const onWork = await t.db.selectFrom('work_tags').innerJoin('tags', 'tags.id', 'work_tags.tag_id').select('tags.type').where('work_id', '=', workId).where('tags.name', '=', 'TV Shows').execute();
      assert.deepEqual(onWork, [{ type: 'fandom' }], 'typing a media name makes a fandom of that name');
      await assert.rejects(t.db.insertInto('work_tags').values({ work_id: workId, tag_id: tv }).execute(), /media/);
      assert.doesNotMatch(await page(`/works/${workId}`), /Media:/);
    });

    it('pages a tag’s works 20 at a time, counting only the works the reader may see', async () => {
      const name = uniqueName('Paged Fandom');
      await fandom(name, ['TV Shows']);
      for (let i = 1; i <= 45; i++) await buildWork(t.db, writer, { title: `Paged ${String(i).padStart(2, '0')}`, fandoms: [name] });
      await buildWork(t.db, writer, { title: 'Members only', fandoms: [name], restricted: true });
      await buildWork(t.db, writer, { title: 'A draft', fandoms: [name], action: 'draft' });
      const path = tagPath('fandom', name);

      const pages = [await page(path), await page(`${path}?page=2`), await page(`${path}?page=3`)];
      assert.deepEqual(pages.map((html) => blurbTitles(html).length), [20, 20, 5]);
      const titles = pages.flatMap(blurbTitles);
      assert.equal(new Set(titles).size, 45);
      assert.ok(!titles.includes('Members only') && !titles.includes('A draft'));
      assert.match(pages[0]!, new RegExp(`<h2>Works 1–20 of 45 in ${name}</h2>`));
      assert.match(pages[1]!, new RegExp(`<h2>Works 21–40 of 45 in ${name}</h2>`));
      assert.match(pages[2]!, new RegExp(`<h2>Works 41–45 of 45 in ${name}</h2>`));
      assert.match(await page(`${path}?page=3`, member), new RegExp(`<h2>Works 41–46 of 46 in ${name}</h2>`));

      // The pagination: Previous and Next where there is somewhere to go, the current page marked.
      const nav = (html: string) => /<nav class="pagination" aria-label="Pagination">(.*?)<\/nav>/.exec(html)?.[1] ?? '';
      assert.match(nav(pages[0]!), /<span class="pagination-off">Previous<\/span>/);
      assert.match(nav(pages[0]!), new RegExp(`<a href="${escape(path)}\\?page=2" rel="next">Next</a>`));
      assert.match(nav(pages[1]!), new RegExp(`<a href="${escape(path)}" rel="prev">Previous</a>`));
      assert.match(nav(pages[1]!), new RegExp(`<a href="${escape(path)}\\?page=2" aria-current="page"><span class="visually-hidden">Page </span>2</a>`));
      assert.match(nav(pages[2]!), /<span class="pagination-off">Next<\/span>/);
      assert.equal((pages[1]!.match(/aria-current="page"/g) ?? []).length, 1);

      // Past the last page is a friendly page (the listing keeps its filters); a malformed page number is a bad request.
      const past = await guest().get(`${path}?page=4`);
      assert.equal(past.statusCode, 200);
      assert.match(past.body, /There is no page 4 of these works: they fill 3 pages\./);
      assert.deepEqual(blurbTitles(past.body), []);
      assert.equal((await member.get(`${path}?page=3`)).statusCode, 200);
      for (const bad of ['0', '-1', 'two', '1.5', '', '01', '1e3', '9999999999', '1&page=2']) {
        const response = await guest().get(`${path}?page=${bad}`);
        assert.equal(response.statusCode, 400, `?page=${bad}`);
        assert.match(response.body, /The page number must be a whole number/);
      }
    });

    it('pages an empty tag and a media page sensibly', async () => {
      const name = uniqueName('Empty Fandom');
      await fandom(name);
      const empty = await page(tagPath('fandom', name));
      assert.match(empty, /<h2>Works<\/h2>/);
      assert.doesNotMatch(empty, /aria-label="Pagination"/);
      assert.match((await page(`${tagPath('fandom', name)}?page=2`)), /There is no page 2 of these works: they fit on one page\./);
      assert.equal((await guest().get(`${tagPath('media', 'TV Shows')}?page=2`)).statusCode, 404);
      assert.equal((await guest().get(`${tagPath('media', 'TV Shows')}?page=x`)).statusCode, 400);
    });

    it('runs a fixed number of queries for /fandoms, a media page and any page of a tag', async () => {
      const measure = async (path: string) => {
        t.queries.reset();
        await page(path);
        return t.queries.count;
      };
      const fandomsBefore = await measure('/fandoms');
      const mediaBefore = await measure(tagPath('media', 'Music & Bands'));
      const tagName = uniqueName('Counted');
      await fandom(tagName, ['Music & Bands']);
      const tagOne = await measure(tagPath('fandom', tagName));
      for (let i = 0; i < 6; i++) {
        const band = uniqueName('Band');
        await fandom(band, [MEDIA_NAMES[i]!, 'Music & Bands']);
        await buildWork(t.db, writer, { fandoms: [band, tagName] });
      }
      for (let i = 0; i < 20; i++) await buildWork(t.db, writer, { fandoms: [tagName] });
      assert.equal(await measure('/fandoms'), fandomsBefore, t.queries.statements.join('\n'));
      assert.equal(await measure(tagPath('media', 'Music & Bands')), mediaBefore, t.queries.statements.join('\n'));
      assert.equal(await measure(tagPath('fandom', tagName)), tagOne, t.queries.statements.join('\n'));
      assert.equal(await measure(`${tagPath('fandom', tagName)}?page=2`), tagOne, t.queries.statements.join('\n'));
    });
  });
}

/** A string as a literal part of a RegExp. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
