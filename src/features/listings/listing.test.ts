import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildChapter, buildUser, buildWork, cloneWork, logInThroughForm, uniqueName, type BuiltUser, type WorkOverrides } from '../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';
import { canonicalTag, metaTagLink, synonymTag, tagId } from '../../../test/support/wrangling-builders.ts';
import { tagPath, type WorkTagType } from '../tags/tags.model.ts';
import { choosePageStrategy, worksPageQuery, type ListingQuery } from './listing.repository.ts';
import { parseListingQuery } from './listing.schemas.ts';
import fc from 'fast-check';
import { randomBytes } from 'node:crypto';

/** The blurb titles on a page, in order. */
function blurbTitles(html: string): string[] {
  return [...html.matchAll(/<h3 class="blurb-heading" id="work-\d+-title"><a href="\/works\/\d+">([^<]*)<\/a>/g)].map((m) => m[1]!);
}

/** The work ids of the blurbs on a page, in order. */
function blurbIds(html: string): number[] {
  return [...html.matchAll(/<h3 class="blurb-heading" id="work-(\d+)-title">/g)].map((m) => Number(m[1]));
}

const emptyIds = (): Record<WorkTagType, number[]> => ({ rating: [], warning: [], category: [], fandom: [], relationship: [], character: [], freeform: [] });

/** The facet entries of one include group in the sidebar: "name (count)". */
function facets(html: string, param: string): string[] {
  return [...html.matchAll(new RegExp(`<input type="checkbox" name="${param}" value="[^"]*"/> <span>([^<]*) <span class="facet-count">\\(([\\d,]+)\\)</span>`, 'g'))].map((m) => `${m[1]} (${m[2]})`);
}

/** A word no other test uses, in letters only, so the search treats it as one term. */
const word = () => `zq${[...randomBytes(5).toString('hex')].map((c) => 'abcdefghijklmnop'['0123456789abcdef'.indexOf(c)]).join('')}`;

const q = (params: Record<string, string | string[]>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) search.append(k, x);
  return search.toString();
};

for (const engine of ENGINES) {
  describe(`works listings (${engine})`, () => {
    let t: TestApp;
    let writer: BuiltUser;
    const guest = () => new TestClient(t.app);
    let member: TestClient;

    before(async () => {
      t = await startTestApp(engine);
      writer = await buildUser(t.db);
      member = new TestClient(t.app);
      await logInThroughForm(member, (await buildUser(t.db)).username);
    });
    after(() => t.close());

    async function titles(url: string, client = guest()): Promise<string[]> {
      const response = await client.get(url);
      assert.equal(response.statusCode, 200, response.body.slice(0, 2000));
      return blurbTitles(response.body);
    }

    /** Works in a fandom of their own, so each test lists only its own works. */
    async function fandomWith(works: (WorkOverrides & { title: string })[]): Promise<{ fandom: string; ids: Record<string, number>; list: (params?: Record<string, string | string[]>, client?: TestClient) => Promise<string[]> }> {
      const fandom = uniqueName('Fandom');
      const ids: Record<string, number> = {};
      for (const w of works) ids[w.title] = await buildWork(t.db, writer, { ...w, fandoms: [fandom, ...(w.fandoms ?? [])] });
      return { fandom, ids, list: (params = {}, client = guest()) => titles(`/works?${q({ fandom, ...params })}`, client) };
    }

    it('includes and excludes tags of every free type, and ratings, warnings and categories', async () => {
      const { list } = await fandomWith([
        { title: 'Alpha', characters: ['Char A'], relationships: ['A/B'], freeforms: ['Fluff'], rating: 'Teen And Up Audiences', warnings: ['Major Character Death'], categories: ['F/M'] },
        { title: 'Beta', characters: ['Char B'], relationships: ['B/C'], freeforms: ['Angst'], rating: 'Mature', warnings: ['No Archive Warnings Apply'], categories: ['M/M', 'F/M'] },
        { title: 'Gamma', characters: ['Char A', 'Char B'], freeforms: ['Fluff', 'Angst'], rating: 'General Audiences', categories: ['Gen'] },
      ]);
      assert.deepEqual(await list(), ['Gamma', 'Beta', 'Alpha']);
      assert.deepEqual(await list({ character: 'Char A' }), ['Gamma', 'Alpha']);
      assert.deepEqual(await list({ character: ['Char A', 'Char B'] }), ['Gamma'], 'included tags are all required');
      assert.deepEqual(await list({ character: 'char a, CHAR B' }), ['Gamma'], 'names ignore case, and a field may list several');
      assert.deepEqual(await list({ relationship: 'B/C' }), ['Beta']);
      assert.deepEqual(await list({ freeform: 'Fluff' }), ['Gamma', 'Alpha']);
      assert.deepEqual(await list({ exclude_character: 'Char B' }), ['Alpha']);
      assert.deepEqual(await list({ exclude_relationship: 'A/B' }), ['Gamma', 'Beta']);
      assert.deepEqual(await list({ exclude_freeform: ['Fluff', 'Angst'] }), []);
      assert.deepEqual(await list({ rating: ['Mature', 'General Audiences'] }), ['Gamma', 'Beta'], 'ratings are any of');
      assert.deepEqual(await list({ exclude_rating: 'Mature' }), ['Gamma', 'Alpha']);
      assert.deepEqual(await list({ warning: 'Major Character Death' }), ['Alpha']);
      assert.deepEqual(await list({ exclude_warning: 'Major Character Death' }), ['Gamma', 'Beta']);
      assert.deepEqual(await list({ category: ['F/M', 'M/M'] }), ['Beta']);
      assert.deepEqual(await list({ exclude_category: 'Gen' }), ['Beta', 'Alpha']);
      assert.deepEqual(await list({ exclude_fandom: 'No Such Fandom Anywhere' }), ['Gamma', 'Beta', 'Alpha'], 'excluding an unknown tag excludes nothing');
      const unknown = await guest().get(`/works?${q({ character: 'Nobody At All' })}`);
      assert.equal(unknown.statusCode, 200);
      assert.match(unknown.body, /No character is named “Nobody At All”, so no works match\./);
      assert.deepEqual(blurbTitles(unknown.body), []);
    });

    it('goes through the wrangling graph: synonyms, sub-tags and unwrangled tags, to include and to exclude', async () => {
      const canon = uniqueName('Canon Char');
      const syn = uniqueName('Syn Char');
      const sub = uniqueName('Sub Char');
      const loose = uniqueName('Loose Char');
      const { list } = await fandomWith([
        { title: 'Canonical', characters: [canon] },
        { title: 'Synonym', characters: [syn] },
        { title: 'Sub', characters: [sub] },
        { title: 'Loose', characters: [loose] },
        { title: 'Other', characters: [] },
      ]);
      const canonId = await canonicalTag(t.db, 'character', canon);
      await synonymTag(t.db, 'character', syn, canonId);
      await metaTagLink(t.db, canonId, await canonicalTag(t.db, 'character', sub));
      await tagId(t.db, 'character', loose);

      assert.deepEqual(await list({ character: canon }), ['Sub', 'Synonym', 'Canonical']);
      assert.deepEqual(await list({ character: syn }), ['Sub', 'Synonym', 'Canonical'], 'a synonym in the URL means its canonical tag');
      assert.deepEqual(await list({ exclude_character: canon }), ['Other', 'Loose'], 'excluding a canonical tag hides its synonyms and sub-tags');
      assert.deepEqual(await list({ exclude_character: syn }), ['Other', 'Loose']);
      assert.deepEqual(await list({ character: sub }), ['Sub']);
      assert.deepEqual(await list({ character: loose }), ['Loose'], 'an unwrangled tag finds its own works');
      assert.deepEqual(await list({ exclude_character: loose }), ['Other', 'Sub', 'Synonym', 'Canonical']);
      const page = (await guest().get(`/works?${q({ character: syn })}`)).body;
      assert.match(page, new RegExp(`<span>${syn}<span class="hint"> \\(same as ${canon}\\)</span>`));
    });

    it('filters by completion, single chapter, language, words, date updated and crossovers', async () => {
      const other = await canonicalTag(t.db, 'fandom', uniqueName('Other Fandom'));
      const metaName = uniqueName('Meta Fandom');
      const subName = uniqueName('Sub Fandom');
      const otherName = (await t.db.selectFrom('tags').select('name').where('id', '=', other).executeTakeFirstOrThrow()).name;
      const { list, ids, fandom } = await fandomWith([
        { title: 'Short', body: '<p>one two three</p>' },
        { title: 'Long', body: `<p>${'word '.repeat(500)}</p>`, language: 'de' },
        { title: 'Crossover', fandoms: [otherName] },
        { title: 'Family', fandoms: [subName] },
      ]);
      const meta = await canonicalTag(t.db, 'fandom', metaName);
      await metaTagLink(t.db, meta, await canonicalTag(t.db, 'fandom', fandom));
      await metaTagLink(t.db, meta, await canonicalTag(t.db, 'fandom', subName));
      await buildChapter(t.db, writer, ids.Long!, { expected_chapters: null });
      await buildChapter(t.db, writer, ids.Short!, { expected_chapters: 2 });
      await t.db.updateTable('works').set({ revised_at: new Date('2020-03-15T23:30:00Z') }).where('id', '=', ids.Crossover!).execute();

      assert.deepEqual(await list({ complete: 'no' }), ['Long']);
      assert.deepEqual(await list({ complete: 'yes' }), ['Short', 'Family', 'Crossover']);
      assert.deepEqual(await list({ single_chapter: '1' }), ['Family', 'Crossover']);
      assert.deepEqual(await list({ language: 'de' }), ['Long']);
      assert.deepEqual(await list({ words_from: '100' }), ['Long']);
      assert.deepEqual(await list({ words_to: '100' }), ['Short', 'Family', 'Crossover']);
      assert.deepEqual(await list({ words_from: '500', words_to: '1000' }), ['Long']);
      assert.deepEqual(await list({ updated_from: '2020-03-15', updated_to: '2020-03-15' }), ['Crossover'], 'dates are whole UTC days');
      assert.deepEqual(await list({ updated_to: '2020-03-14' }), []);
      assert.deepEqual(await list({ updated_from: '2020-03-16' }), ['Short', 'Long', 'Family']);
      assert.deepEqual(await list({ crossovers: 'only' }), ['Crossover'], 'two fandoms under one meta-tag are one family');
      assert.deepEqual(await list({ crossovers: 'exclude' }), ['Short', 'Long', 'Family']);
      assert.deepEqual(await list({ crossovers: 'include' }), ['Short', 'Long', 'Family', 'Crossover']);
      // The crossover flag follows the graph: once the other fandom joins the family, it is not a crossover.
      await metaTagLink(t.db, meta, other);
      assert.deepEqual(await list({ crossovers: 'only' }), []);
    });

    it('sorts by every order, ties broken by id', async () => {
      const { list, ids } = await fandomWith([
        { title: 'b middle', body: `<p>${'w '.repeat(50)}</p>`, publishedOn: new Date('2021-01-01T00:00:00Z') },
        { title: 'A first', body: `<p>${'w '.repeat(10)}</p>`, publishedOn: new Date('2022-01-01T00:00:00Z') },
        { title: 'c last', body: `<p>${'w '.repeat(30)}</p>`, publishedOn: new Date('2020-01-01T00:00:00Z') },
      ]);
      const set = (title: string, values: Record<string, number | Date>) => t.db.updateTable('works').set(values).where('id', '=', ids[title]!).execute();
      await set('b middle', { hits_count: 5, kudos_count: 1, comments_count: 9, bookmarks_count: 2, revised_at: new Date('2023-01-01T00:00:00Z') });
      await set('A first', { hits_count: 9, kudos_count: 3, comments_count: 1, bookmarks_count: 2, revised_at: new Date('2022-06-01T00:00:00Z') });
      await set('c last', { hits_count: 1, kudos_count: 2, comments_count: 5, bookmarks_count: 7, revised_at: new Date('2024-01-01T00:00:00Z') });
      // Creators: give each work a different pseud name by moving its credit.
      for (const [title, name] of [['b middle', 'zed'], ['A first', 'Mia'], ['c last', 'abe']] as const) {
        const pseud = await t.db.insertInto('pseuds').values({ user_id: writer.id, name: uniqueName(name), is_default: false }).returning('id').executeTakeFirstOrThrow();
        await t.db.updateTable('creatorships').set({ pseud_id: pseud.id }).where('work_id', '=', ids[title]!).execute();
      }
      assert.deepEqual(await list(), ['c last', 'b middle', 'A first'], 'date updated by default');
      assert.deepEqual(await list({ sort: 'updated' }), ['c last', 'b middle', 'A first']);
      assert.deepEqual(await list({ sort: 'posted' }), ['A first', 'b middle', 'c last']);
      assert.deepEqual(await list({ sort: 'title' }), ['A first', 'b middle', 'c last'], 'titles ignore case');
      assert.deepEqual(await list({ sort: 'creator' }), ['c last', 'A first', 'b middle']);
      assert.deepEqual(await list({ sort: 'words' }), ['b middle', 'c last', 'A first']);
      assert.deepEqual(await list({ sort: 'hits' }), ['A first', 'b middle', 'c last']);
      assert.deepEqual(await list({ sort: 'kudos' }), ['A first', 'c last', 'b middle']);
      assert.deepEqual(await list({ sort: 'comments' }), ['b middle', 'c last', 'A first']);
      const [first, second] = [ids['b middle']!, ids['A first']!].sort((a, b) => b - a);
      const byBookmarks = await list({ sort: 'bookmarks' });
      assert.equal(byBookmarks[0], 'c last');
      assert.deepEqual(byBookmarks.slice(1).map((title) => ids[title]), [first, second], 'equal counts: the higher id first');
      assert.deepEqual(await list({ sort: 'best' }), ['c last', 'b middle', 'A first'], 'best match without a search is date updated');
    });

    it('never shows drafts or members-only works to guests, in the list, the total or the facets', async () => {
      const secret = uniqueName('Secret Char');
      const { fandom } = await fandomWith([
        { title: 'Public', characters: ['Shared Char'] },
        { title: 'Members', characters: ['Shared Char', secret], restricted: true },
        { title: 'Draft', characters: ['Shared Char', secret], action: 'draft' },
      ]);
      const url = `/works?${q({ fandom })}`;
      const asGuest = (await guest().get(url)).body;
      assert.deepEqual(blurbTitles(asGuest), ['Public']);
      assert.match(asGuest, /<h2>1 work<\/h2>/);
      assert.deepEqual(facets(asGuest, 'character'), ['Shared Char (1)']);
      assert.ok(!asGuest.includes(secret));
      const asMember = (await member.get(url)).body;
      assert.deepEqual(blurbTitles(asMember), ['Members', 'Public']);
      assert.match(asMember, /<h2>Works 1–2 of 2<\/h2>/);
      assert.deepEqual(facets(asMember, 'character'), ['Shared Char (2)', `${secret} (1)`]);
      assert.ok(!asMember.includes('Draft'));
      // The same on the tag page and on the writer's pages.
      const tagPage = (await guest().get(tagPath('fandom', fandom))).body;
      assert.deepEqual(blurbTitles(tagPage), ['Public']);
      assert.ok(!tagPage.includes(secret));
      assert.deepEqual(await titles(`/users/${writer.username}/works?${q({ fandom })}`), ['Public']);
      assert.deepEqual(await titles(`/users/${writer.username}/pseuds/${encodeURIComponent(writer.username)}?${q({ fandom })}`), ['Public']);
      assert.deepEqual(await titles(`/users/${writer.username}/works?${q({ fandom })}`, member), ['Members', 'Public']);
    });

    it('counts facets within the current results, mapped to canonical tags', async () => {
      const canon = uniqueName('Facet Canon');
      const syn = uniqueName('Facet Syn');
      const { fandom } = await fandomWith([
        { title: 'One', characters: [canon], rating: 'Mature' },
        { title: 'Two', characters: [syn], rating: 'Mature' },
        { title: 'Three', characters: ['Facet Loner'], rating: 'Explicit' },
      ]);
      await synonymTag(t.db, 'character', syn, await canonicalTag(t.db, 'character', canon));
      const page = (await guest().get(`/works?${q({ fandom })}`)).body;
      assert.deepEqual(facets(page, 'character'), [`${canon} (2)`, 'Facet Loner (1)']);
      assert.deepEqual(facets(page, 'rating'), ['Mature (2)', 'Explicit (1)']);
      assert.deepEqual(facets(page, 'exclude_rating'), ['Mature (2)', 'Explicit (1)']);
      const narrowed = (await guest().get(`/works?${q({ fandom, rating: 'Explicit' })}`)).body;
      assert.deepEqual(facets(narrowed, 'character'), ['Facet Loner (1)']);
      assert.match(narrowed, /<input type="checkbox" name="rating" value="Explicit" checked\/> <span>Explicit/);
    });

    it('offers the ten most used tags of each type, ties to the older tag', async () => {
      const names = Array.from({ length: 12 }, (_, i) => uniqueName(`Ranked ${String(i + 1).padStart(2, '0')}`));
      const { fandom } = await fandomWith([
        { title: 'All twelve', freeforms: names },
        { title: 'Last three', freeforms: names.slice(9).reverse() },
      ]);
      const page = (await guest().get(`/works?${q({ fandom })}`)).body;
      const expected = [...names.slice(9).map((n) => `${n} (2)`), ...names.slice(0, 7).map((n) => `${n} (1)`)];
      assert.deepEqual(facets(page, 'freeform'), expected);
    });

    it('keeps every filter in the URL: the form shows the state, and page links carry it', async () => {
      const { fandom } = await fandomWith(Array.from({ length: 23 }, (_, i) => ({ title: `Paged ${String(i).padStart(2, '0')}`, characters: ['Pager'] })));
      const url = `/works?${q({ fandom, exclude_freeform: 'Nope', words_from: '1', sort: 'title', crossovers: 'exclude', utm_source: 'ignored' })}`;
      const first = await guest().get(url);
      assert.equal(first.statusCode, 200, 'unknown parameters are ignored');
      assert.deepEqual(blurbTitles(first.body).length, 20);
      assert.match(first.body, /<h2>Works 1–20 of 23<\/h2>/);
      const next = /<a href="([^"]+)" rel="next">Next<\/a>/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
      assert.equal(next, `/works?${q({ fandom, exclude_freeform: 'Nope', words_from: '1', crossovers: 'exclude', sort: 'title', page: '2' })}`);
      assert.deepEqual(await titles(next!), ['Paged 20', 'Paged 21', 'Paged 22']);
      assert.match(first.body, /<option value="title" selected>Title<\/option>/);
      assert.match(first.body, /name="words_from" value="1"|value="1" id="field-words_from"/);
      assert.match(first.body, /<input type="radio" name="crossovers" value="exclude" checked\/>/);
      assert.match(first.body, /<input type="checkbox" name="exclude_freeform" value="Nope" checked\/>/);
      // An empty form submission (every field blank) is the plain listing.
      const blank = await guest().get(`/works?${q({ fandom, character: '', exclude_character: '', complete: '', language: '', words_from: '', words_to: '', updated_from: '', updated_to: '', q: '', sort: '' })}`);
      assert.equal(blank.statusCode, 200);
      assert.equal(blurbTitles(blank.body).length, 20);
    });

    it('refuses malformed filters with the form kept and a 400, and answers a page past the end kindly', async () => {
      const { fandom } = await fandomWith([{ title: 'Only one' }]);
      const before = await t.db.selectFrom('works').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const bad: [Record<string, string | string[]>, RegExp][] = [
        [{ words_from: 'lots' }, /Words from must be a whole number\./],
        [{ words_to: '-5' }, /Words to must be a whole number\./],
        [{ words_from: '99999999999' }, /Words from must be a whole number\./],
        [{ words_from: '500', words_to: '10' }, /Words to must not be less than words from\./],
        [{ updated_from: '2020-13-01' }, /Updated from must be a real date\./],
        [{ updated_to: 'yesterday' }, /Updated to must be a date \(YYYY-MM-DD\)\./],
        [{ updated_from: '2021-01-02', updated_to: '2021-01-01' }, /Updated to must not be before updated from\./],
        [{ sort: 'random' }, /Choose a sort order from the list\./],
        [{ sort: ['title', 'kudos'] }, /Give sort only once\./],
        [{ complete: 'maybe' }, /Choose complete works, works in progress, or both\./],
        [{ crossovers: 'sometimes' }, /Choose how to treat crossovers\./],
        [{ language: 'xx' }, /Choose a language from the list\./],
        [{ page: '0' }, /The page number must be a whole number from 1 up\./],
        [{ page: ['1', '2'] }, /The page number must be a whole number from 1 up\./],
        [{ single_chapter: 'yes' }, /Single chapter is a checkbox\./],
        [{ character: Array.from({ length: 31 }, (_, i) => `c${i}`) }, /Name at most 30 tags in one filter\./],
        [{ q: 'x'.repeat(501) }, /The search must be at most 500 characters\./],
      ];
      for (const [params, message] of bad) {
        const response = await guest().get(`/works?${q({ fandom, ...params })}`);
        assert.equal(response.statusCode, 400, JSON.stringify(params));
        assert.match(response.body, message);
        assert.match(response.body, new RegExp(`<input type="checkbox" name="fandom" value="${fandom}" checked/>`), 'the filters stay in the form');
        assert.deepEqual(blurbTitles(response.body), []);
      }
      const kept = (await guest().get(`/works?${q({ fandom, words_from: 'lots', words_to: '20' })}`)).body;
      assert.match(kept, /value="lots"/);
      assert.match(kept, /<title>Error: Works \| /);
      for (const tagBad of [`${tagPath('fandom', fandom)}?words_to=abc`, `/users/${writer.username}/works?sort=x`, `/users/${writer.username}/pseuds/${writer.username}?page=-1`]) {
        assert.equal((await guest().get(tagBad)).statusCode, 400, tagBad);
      }
      const past = await guest().get(`/works?${q({ fandom, page: '3' })}`);
      assert.equal(past.statusCode, 200);
      assert.match(past.body, /There is no page 3 of these works: they fit on one page\./);
      assert.match(past.body, new RegExp(`<input type="checkbox" name="fandom" value="${fandom}" checked/>`));
      const after = await t.db.selectFrom('works').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(after.n), Number(before.n), 'nothing was written');
    });

    it('refuses a 10 kB query string with 414 on every listing page, and accepts a long real one', async () => {
      const long = `fandom=${'x'.repeat(10_000)}`;
      for (const path of ['/works', tagPath('category', 'Gen'), `/users/${writer.username}/works`, `/users/${writer.username}/pseuds/${writer.username}`]) {
        const response = await guest().get(`${path}?${long}`);
        assert.equal(response.statusCode, 414, path);
        assert.match(response.body, /That address is too long/);
      }
      const many = q({ character: Array.from({ length: 25 }, (_, i) => `A fairly long character name ${i}`) });
      assert.ok(many.length > 1000 && many.length < 4096);
      assert.equal((await guest().get(`/works?${many}`)).statusCode, 200);
    });

    it('makes a canonical tag’s page the filtered listing, and a synonym still redirects', async () => {
      const canon = uniqueName('Tag Page Canon');
      const syn = uniqueName('Tag Page Syn');
      const canonId = await canonicalTag(t.db, 'fandom', canon);
      await buildWork(t.db, writer, { title: 'Listed Teen', fandoms: [canon], rating: 'Teen And Up Audiences', characters: ['Tag Page Char'] });
      await buildWork(t.db, writer, { title: 'Listed Mature', fandoms: [syn], rating: 'Mature' });
      await synonymTag(t.db, 'fandom', syn, canonId);
      const path = tagPath('fandom', canon);
      assert.deepEqual(await titles(path), ['Listed Mature', 'Listed Teen']);
      assert.deepEqual(await titles(`${path}?rating=Mature`), ['Listed Mature']);
      assert.deepEqual(await titles(`${path}?${q({ exclude_character: 'Tag Page Char', sort: 'title' })}`), ['Listed Mature']);
      const page = (await guest().get(path)).body;
      assert.match(page, /<h2>Works 1–2 of 2 in /);
      assert.match(page, new RegExp(`<form method="get" action="${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`));
      assert.deepEqual(facets(page, 'fandom'), [], 'the page’s own tag is not offered again');
      const redirect = await guest().get(tagPath('fandom', syn));
      assert.equal(redirect.statusCode, 301);
      assert.equal(redirect.headers.location, path);
    });

    it('searches with q: words, phrases, exclusions, best match, and full text only when asked', async () => {
      const [a, b, inText] = [word(), word(), word()];
      await buildWork(t.db, writer, { title: 'In the notes', notes: `<p>${a} ${a} ${a}</p>` });
      await buildWork(t.db, writer, { title: `${a} in the title` });
      await buildWork(t.db, writer, { title: 'In the summary', summary: `<p>${a} and ${b}</p>` });
      await buildWork(t.db, writer, { title: 'Text only', body: `<p>Once there was ${inText}.</p>` });
      await buildWork(t.db, writer, { title: 'Members only', summary: `<p>${a}</p>`, restricted: true });
      const search = (params: Record<string, string>, client = guest()) => titles(`/works?${q(params)}`, client);
      assert.deepEqual(await search({ q: a }), [`${a} in the title`, 'In the summary', 'In the notes'], 'best match by default with a query; title first');
      assert.deepEqual((await search({ q: a }, member)).length, 4, 'members also find the members-only work');
      assert.deepEqual(await search({ q: `${a} ${b}` }), ['In the summary']);
      assert.deepEqual(await search({ q: `"${a} and ${b}"` }), ['In the summary']);
      assert.deepEqual(await search({ q: `"${b} and ${a}"` }), [], 'a phrase keeps its order');
      assert.deepEqual(await search({ q: `${a} -${b}` }), [`${a} in the title`, 'In the notes']);
      assert.deepEqual(await search({ q: a, sort: 'title' }), ['In the notes', 'In the summary', `${a} in the title`]);
      assert.deepEqual(await search({ q: inText }), [], 'chapter text is searched only on request');
      assert.deepEqual(await search({ q: inText, full_text: '1' }), ['Text only']);
    });

    it('never fails on hostile search syntax', async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: fc.constantFrom('"', "'", '(', ')', '-', '!', '|', '&', ':', '*', '\\', ' ', 'OR', 'NOT', 'a', 'é', '<', '%', '\u0000') , maxLength: 40 }), async (raw) => {
          const response = await guest().get(`/works?${q({ q: raw, sort: 'best' })}`);
          assert.ok(response.statusCode === 200 || response.statusCode === 400, `${JSON.stringify(raw)} gave ${response.statusCode}`);
        }),
        { numRuns: 60 },
      );
    });

    it('runs a fixed number of queries for every listing page, with 1 work or 20', async () => {
      const fandom = uniqueName('Counted');
      const user = await buildUser(t.db);
      await buildWork(t.db, user, { fandoms: [fandom], characters: [uniqueName('c')] });
      await canonicalTag(t.db, 'fandom', fandom);
      const pages = [
        `/works?${q({ fandom, exclude_character: 'Nobody', sort: 'kudos' })}`,
        tagPath('fandom', fandom),
        `${tagPath('fandom', fandom)}?${q({ rating: 'General Audiences' })}`,
        `/users/${user.username}/works`,
        `/users/${user.username}/pseuds/${user.username}?sort=words`,
      ];
      const measure = async (url: string, client: TestClient) => {
        t.queries.reset();
        const response = await client.get(url);
        assert.equal(response.statusCode, 200, url);
        return t.queries.count;
      };
      const few = [];
      for (const url of pages) few.push([await measure(url, guest()), await measure(url, member)]);
      for (let i = 0; i < 24; i++) await buildWork(t.db, user, { fandoms: [fandom], characters: [uniqueName('c')], freeforms: [uniqueName('f')] });
      for (const [i, url] of pages.entries()) {
        assert.deepEqual([await measure(url, guest()), await measure(url, member)], few[i], `${url}: ${t.queries.statements.join('\n')}`);
        assert.equal(blurbTitles((await guest().get(url)).body).length, 20);
      }
      // Tag names, the page of blurbs, the count with the facets' tag counts, the shown facets' names, and the page cache's change-feed check.
      assert.ok(few[0]![0]! <= 5, `/works ran ${few[0]![0]} queries`);
    });

    it('counts exactly up to 2,000 matches, then estimates the total and counts facets over 2,000, with pages up to the estimate', async () => {
      const { fandom, ids } = await fandomWith([{ title: 'Counted', freeforms: ['Estimated Freeform'] }]);
      const few = await guest().get(`/works?${q({ fandom })}`);
      assert.match(few.body, /<h2[^>]*>1 work<\/h2>/);
      await cloneWork(t.db, ids.Counted!, 1_999);
      const exact = await guest().get(`/works?${q({ fandom, sort: 'title' })}`);
      assert.match(exact.body, /Works 1–20 of 2,000</, 'exact at the limit');
      assert.doesNotMatch(exact.body, /Tag counts are about/);
      assert.ok(facets(exact.body, 'freeform').includes('Estimated Freeform (2,000)'), facets(exact.body, 'freeform').join());

      await cloneWork(t.db, ids.Counted!, 1_100);
      await sql`analyze works`.execute(t.db);
      const estimated = await guest().get(`/works?${q({ fandom, sort: 'title' })}`);
      assert.equal(estimated.statusCode, 200);
      const about = /Works 1–20 of about ([\d,]+)</.exec(estimated.body);
      assert.ok(about, 'the heading says the total is an estimate');
      const total = Number(about[1]!.replace(/,/g, ''));
      assert.ok(total > 2_000 && total < 6_000, `PostgreSQL's estimate of 3,100 matches: ${total}`);
      assert.match(estimated.body, /Tag counts are about: they are counted over 2,000 of the matching works/);
      assert.ok(facets(estimated.body, 'freeform').includes('Estimated Freeform (2,000)'));

      const lastPage = Math.ceil(total / 20);
      assert.equal(blurbTitles((await guest().get(`/works?${q({ fandom, sort: 'title', page: String(lastPage) })}`)).body).length, 20);
      const past = await guest().get(`/works?${q({ fandom, sort: 'title', page: String(lastPage + 1) })}`);
      assert.equal(past.statusCode, 200);
      assert.match(past.body, new RegExp(`There is no page ${(lastPage + 1).toLocaleString('en')} of these works: they fill ${lastPage.toLocaleString('en')} pages`));
    });

    it('finds a deep page by walking the sort’s index or by sorting every match, with the same works in the same order', async () => {
      const title = uniqueName('Deep');
      const { fandom, ids } = await fandomWith([{ title }]);
      await cloneWork(t.db, ids[title]!, 119);
      const matches = sql`select id from works where title = ${title}`;
      await sql`update works set kudos_count = (id * 7919) % 13, word_count = (id * 104729) % 11, title = title || ' ' || ((id * 31) % 7) where id in (${matches})`.execute(t.db);
      await sql`analyze works`.execute(t.db);
      const fandomId = await tagId(t.db, 'fandom', fandom);
      const parsed = parseListingQuery({ fandom: [fandom] });
      assert.ok(parsed.ok);
      const include = { ...emptyIds(), fandom: [fandomId] };
      const orders = { kudos: 'kudos_count desc, id desc', words: 'word_count desc, id desc', title: 'lower(title), id', updated: 'revised_at desc, id desc' } as const;
      for (const [sort, order] of Object.entries(orders) as [keyof typeof orders, string][]) {
        const query: ListingQuery = { viewer: null, scope: { kind: 'all' }, filters: parsed.filters, include, exclude: [], text: null, sort };
        assert.equal(await choosePageStrategy(t.db, query, 60), 'sort', 'page 3 of 120 matches among thousands of works is sorted');
        assert.equal(await choosePageStrategy(t.db, query, 20), 'walk', 'page 1 always walks');
        const expected = await sql<{ id: number }>`select id from works where title like ${`${title} %`} order by ${sql.raw(order)} limit 20 offset 40`.execute(t.db);
        const page = await guest().get(`/works?${q({ fandom, sort, page: '3' })}`);
        assert.deepEqual(blurbIds(page.body), expected.rows.map((row) => Number(row.id)), sort);
        const walked = await worksPageQuery(t.db, query, 20, 40, 'walk').execute();
        assert.deepEqual(walked.map((row) => Number(row.id)), expected.rows.map((row) => Number(row.id)), `${sort}, walking`);
      }
    });

    it('keeps the crossover flag and creator sort key right for works saved before and after graph changes', async () => {
      const work = await buildWork(t.db, writer, { fandoms: [uniqueName('X1'), uniqueName('X2')] });
      const row = await t.db.selectFrom('works').select(['crossover', 'creator_sort']).where('id', '=', work).executeTakeFirstOrThrow();
      assert.deepEqual(row, { crossover: true, creator_sort: writer.username.toLowerCase() });
      await sql`update pseuds set name = 'Renamed Pen' where id = ${writer.defaultPseudId}`.execute(t.db);
      const renamed = await t.db.selectFrom('works').select('creator_sort').where('id', '=', work).executeTakeFirstOrThrow();
      assert.equal(renamed.creator_sort, 'renamed pen');
      await sql`update pseuds set name = ${writer.username} where id = ${writer.defaultPseudId}`.execute(t.db);
    });
  });
}
