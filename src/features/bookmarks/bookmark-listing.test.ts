import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildBookmark, buildChapter, buildUser, buildWork, logInThroughForm, uniqueName, type BuiltUser, type WorkOverrides } from '../../../test/support/builders.ts';
import { queriesOfWarmPage, startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';
import { canonicalTag, synonymTag } from '../../../test/support/wrangling-builders.ts';
import { addWorkToSeries } from '../series/series.service.ts';

/** The titles listed on a bookmarks page, in order: works, and series as "Series: title". */
function listed(html: string): string[] {
  return [...html.matchAll(/<h3 class="blurb-heading" id="bookmark-\d+-title">(<span class="badge">Series<\/span> )?<a href="\/(?:works|series)\/\d+">([^<]*)<\/a>/g)].map((m) => (m[1] ? `Series: ${m[2]}` : m[2]!));
}

/** The facet entries of one include group in the works sidebar: "name (count)". */
function facets(html: string, param: string): string[] {
  return [...html.matchAll(new RegExp(`<input type="checkbox" name="${param}" value="[^"]*"/> <span>([^<]*) <span class="facet-count">\\(([\\d,]+)\\)</span>`, 'g'))].map((m) => `${m[1]} (${m[2]})`);
}

const q = (params: Record<string, string | string[]>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const x of Array.isArray(v) ? v : [v]) search.append(k, x);
  return search.toString();
};

for (const engine of ENGINES) {
  describe(`a member's bookmarks with the works filters (${engine})`, () => {
    let t: TestApp;
    let writer: BuiltUser;
    before(async () => {
      t = await startTestApp(engine);
      writer = await buildUser(t.db);
    });
    after(() => t.close());

    /** A reader who bookmarked these works (oldest bookmark first), and a function listing their page. */
    async function readerWith(works: (WorkOverrides & { title: string; bookmark?: Parameters<typeof buildBookmark>[3] })[]) {
      const reader = await buildUser(t.db);
      const ids: Record<string, number> = {};
      for (const { bookmark, ...w } of works) {
        ids[w.title] = await buildWork(t.db, writer, w);
        await buildBookmark(t.db, reader, { kind: 'work', id: ids[w.title]! }, bookmark ?? {});
      }
      const base = `/users/${reader.username}/bookmarks`;
      const list = async (params: Record<string, string | string[]> = {}, client = new TestClient(t.app)) => {
        const response = await client.get(`${base}?${q(params)}`);
        assert.equal(response.statusCode, 200, response.body.slice(0, 3000));
        return listed(response.body);
      };
      return { reader, ids, base, list };
    }

    it('applies the works filters to the bookmarked works, through the wrangling graph', async () => {
      const canon = uniqueName('Canon Fandom');
      const syn = uniqueName('Syn Fandom');
      await synonymTag(t.db, 'fandom', syn, await canonicalTag(t.db, 'fandom', canon));
      const other = uniqueName('Other Fandom');
      const { ids, list } = await readerWith([
        { title: 'Tagged Canon', fandoms: [canon], rating: 'Mature', characters: ['Ann Ward'] },
        { title: 'Tagged Synonym', fandoms: [syn], warnings: ['Graphic Depictions Of Violence'], categories: ['F/F'], language: 'de' },
        { title: 'Crossing', fandoms: [canon, other], body: `<p>${'word '.repeat(300)}</p>` },
        { title: 'Plain', fandoms: [other], summary: '<p>A quiet lighthouse keeper.</p>' },
      ]);
      await buildChapter(t.db, writer, ids['Plain']!, { expected_chapters: null });
      await t.db.updateTable('works').set({ revised_at: new Date('2020-03-15T12:00:00Z') }).where('id', '=', ids['Crossing']!).execute();
      const newestFirst = ['Plain', 'Crossing', 'Tagged Synonym', 'Tagged Canon'];
      assert.deepEqual(await list(), newestFirst, 'newest bookmark first');
      assert.deepEqual(await list({ fandom: canon }), ['Crossing', 'Tagged Synonym', 'Tagged Canon'], 'a canonical tag finds its synonym');
      assert.deepEqual(await list({ fandom: syn }), ['Crossing', 'Tagged Synonym', 'Tagged Canon'], 'a synonym in the URL means its canonical tag');
      assert.deepEqual(await list({ exclude_fandom: canon }), ['Plain']);
      assert.deepEqual(await list({ character: 'ann ward' }), ['Tagged Canon']);
      assert.deepEqual(await list({ rating: 'Mature' }), ['Tagged Canon']);
      assert.deepEqual(await list({ warning: 'Graphic Depictions Of Violence' }), ['Tagged Synonym']);
      assert.deepEqual(await list({ category: 'F/F' }), ['Tagged Synonym']);
      assert.deepEqual(await list({ language: 'de' }), ['Tagged Synonym']);
      assert.deepEqual(await list({ complete: 'no' }), ['Plain']);
      assert.deepEqual(await list({ single_chapter: '1' }), ['Crossing', 'Tagged Synonym', 'Tagged Canon']);
      assert.deepEqual(await list({ words_from: '100' }), ['Crossing']);
      assert.deepEqual(await list({ updated_from: '2020-03-15', updated_to: '2020-03-15' }), ['Crossing']);
      assert.deepEqual(await list({ crossovers: 'only' }), ['Crossing']);
      assert.deepEqual(await list({ q: 'lighthouse' }), ['Plain']);
      assert.deepEqual(await list({ fandom: uniqueName('No Such Fandom') }), []);
    });

    it('filters recs, notes and one bookmark tag, and sorts by date bookmarked or a works order', async () => {
      const { ids, list, base } = await readerWith([
        { title: 'b Second', bookmark: { rec: true, notes: 'Loved it', tags: ['Comfort'] } },
        { title: 'A First', bookmark: { tags: ['comfort', 'mystery'] } },
        { title: 'c Third', bookmark: { rec: true } },
      ]);
      await t.db.updateTable('works').set({ kudos_count: 7 }).where('id', '=', ids['A First']!).execute();
      assert.deepEqual(await list({ rec: '1' }), ['c Third', 'b Second']);
      assert.deepEqual(await list({ with_notes: '1' }), ['b Second']);
      assert.deepEqual(await list({ bookmark_tag: 'COMFORT' }), ['A First', 'b Second']);
      assert.deepEqual(await list({ bookmark_tag: 'comfort', rec: '1' }), ['b Second']);
      assert.deepEqual(await list({ sort: 'title' }), ['A First', 'b Second', 'c Third']);
      assert.deepEqual(await list({ sort: 'kudos' }), ['A First', 'c Third', 'b Second']);
      const page = await new TestClient(t.app).get(`${base}?sort=title`);
      assert.match(page.body, /<option value>Date bookmarked<\/option>/);
      assert.match(page.body, /<option value="title" selected>Title<\/option>/);
      assert.doesNotMatch(page.body, /value="best"/, 'best match is a works listing order only');
      assert.match(page.body, /<option value="Comfort">Comfort \(2\)<\/option>/, 'bookmark tags counted ignoring case');
    });

    it('lists series bookmarks only without works filters and in date bookmarked order', async () => {
      const { reader, list } = await readerWith([{ title: 'A Work', bookmark: { rec: true } }]);
      const seriesWork = await buildWork(t.db, writer);
      const made = await addWorkToSeries(t.db, writer, seriesWork, { series_id: 'new', new_series_title: 'The Long Road', position: '' });
      assert.ok(made.ok);
      await buildBookmark(t.db, reader, { kind: 'series', id: made.seriesId }, { tags: ['epic'] });
      assert.deepEqual(await list(), ['Series: The Long Road', 'A Work']);
      const both = (await new TestClient(t.app).get(`/users/${reader.username}/bookmarks`)).body;
      assert.match(both, /1–2 of 2</, 'a series bookmark counts in the total');
      assert.deepEqual(facets(both, 'rating'), ['General Audiences (1)'], 'and adds no tags to the facets');
      assert.deepEqual(await list({ bookmark_tag: 'epic' }), ['Series: The Long Road'], 'bookmark filters apply to series');
      assert.deepEqual(await list({ rec: '1' }), ['A Work']);
      assert.deepEqual(await list({ rating: 'General Audiences' }), ['A Work']);
      assert.deepEqual(await list({ sort: 'title' }), ['A Work']);
      const hidden = await new TestClient(t.app).get(`/users/${reader.username}/bookmarks?sort=title`);
      assert.match(hidden.body, /Series bookmarks are listed only without works filters and in date bookmarked order\./);
    });

    it('never shows private bookmarks or members-only works to those who may not see them, facets included', async () => {
      const secretFandom = uniqueName('Secret Fandom');
      const privateFandom = uniqueName('Private Fandom');
      const openFandom = uniqueName('Open Fandom');
      const { reader, list, base } = await readerWith([
        { title: 'Open', fandoms: [openFandom], bookmark: { tags: ['seen'] } },
        { title: 'Members Only', fandoms: [secretFandom], restricted: true, bookmark: { tags: ['members'] } },
        { title: 'Kept Private', fandoms: [privateFandom], bookmark: { private: true, tags: ['hidden'] } },
      ]);
      const guestPage = (await new TestClient(t.app).get(base)).body;
      assert.deepEqual(listed(guestPage), ['Open']);
      assert.deepEqual(facets(guestPage, 'fandom'), [`${openFandom} (1)`]);
      assert.match(guestPage, /<h2>1 bookmark<\/h2>/);
      assert.doesNotMatch(guestPage, />(hidden|members) \(/, 'their bookmark tags are not offered either');
      assert.deepEqual(await list({ fandom: secretFandom }), [], 'not even when asked for by name');

      const member = new TestClient(t.app);
      await logInThroughForm(member, (await buildUser(t.db)).username);
      const memberPage = (await member.get(base)).body;
      assert.deepEqual(listed(memberPage), ['Members Only', 'Open']);
      assert.deepEqual(facets(memberPage, 'fandom').sort(), [`${openFandom} (1)`, `${secretFandom} (1)`].sort());

      const owner = new TestClient(t.app);
      await logInThroughForm(owner, reader.username);
      const ownPage = (await owner.get(base)).body;
      assert.deepEqual(listed(ownPage), ['Kept Private', 'Members Only', 'Open']);
      assert.equal(facets(ownPage, 'fandom').length, 3);
    });

    it('answers bad filters with 400, the form as typed and field messages, and a page past the end with a link back', async () => {
      const { base } = await readerWith([{ title: 'Only One' }]);
      const cases: [Record<string, string | string[]>, RegExp][] = [
        [{ words_from: 'many', fandom: 'Kept Fandom' }, /Words from must be a whole number\./],
        [{ sort: 'best' }, /Choose a sort order from the list\./],
        [{ rec: 'yes' }, /Recs only is a checkbox\./],
        [{ with_notes: 'sure' }, /With notes only is a checkbox\./],
        [{ bookmark_tag: 'x'.repeat(101) }, /A bookmark tag is at most 100 characters\./],
        [{ bookmark_tag: ['a', 'b'] }, /Give bookmark tag only once\./],
        [{ updated_from: '2021-02-30' }, /Updated from must be a real date\./],
        [{ page: '0' }, /The page number must be a whole number from 1 up\./],
      ];
      for (const [params, message] of cases) {
        const response = await new TestClient(t.app).get(`${base}?${q(params)}`);
        assert.equal(response.statusCode, 400, JSON.stringify(params));
        assert.match(response.body, message);
        assert.match(response.body, /<title>Error: Bookmarks by /);
      }
      const kept = await new TestClient(t.app).get(`${base}?${q({ words_from: 'many', fandom: 'Kept Fandom', rec: '1' })}`);
      assert.match(kept.body, /<input type="checkbox" name="fandom" value="Kept Fandom" checked\/>/);
      assert.match(kept.body, /value="many"/);
      assert.match(kept.body, /<input type="checkbox" value="1" checked id="field-rec" name="rec"\/>/);
      assert.match((await new TestClient(t.app).get(`${base}?rec=maybe`)).body, /<a href="#field-rec">Recs only is a checkbox\.<\/a>[\s\S]*id="field-rec" name="rec" aria-invalid="true" aria-describedby="field-rec-error"/);

      const past = await new TestClient(t.app).get(`${base}?page=9`);
      assert.equal(past.statusCode, 200);
      assert.match(past.body, /There is no page 9 of these bookmarks\./);
      assert.equal((await new TestClient(t.app).get(`${base}?${q({ fandom: 'x'.repeat(5000) })}`)).statusCode, 414);
    });

    it('keeps the filters in the pagination links', async () => {
      const works = Array.from({ length: 21 }, (_, i) => ({ title: `Work ${String(i).padStart(2, '0')}`, bookmark: { rec: true } }));
      const { base, list } = await readerWith(works);
      const first = await new TestClient(t.app).get(`${base}?${q({ rec: '1', sort: 'title', rating: 'General Audiences' })}`);
      assert.match(first.body, /<h2>Bookmarks 1–20 of 21<\/h2>/);
      assert.match(first.body, new RegExp(`href="${base}\\?rating=General\\+Audiences&amp;rec=1&amp;sort=title&amp;page=2" rel="next"`));
      assert.deepEqual(await list({ rec: '1', sort: 'title', rating: 'General Audiences', page: '2' }), ['Work 20']);
    });

    it('runs a fixed number of queries, with 1 bookmark or 25, filtered or not', async () => {
      const fandom = uniqueName('Counted Fandom');
      const { reader, base } = await readerWith([{ title: 'First', fandoms: [fandom], bookmark: { tags: ['one', 'shared'], rec: true } }]);
      const client = new TestClient(t.app);
      await logInThroughForm(client, (await buildUser(t.db)).username);
      const measure = (url: string) => queriesOfWarmPage(t, client, url);
      const filtered = `${base}?${q({ fandom, exclude_freeform: 'Nope', rec: '1', bookmark_tag: 'shared', sort: 'kudos' })}`;
      const plain = await measure(base);
      const withTags = await measure(filtered);
      for (let i = 0; i < 20; i++) {
        const workId = await buildWork(t.db, writer, { fandoms: [fandom, `Fandom ${i}`], freeforms: [`Free ${i}`] });
        await buildBookmark(t.db, reader, { kind: 'work', id: workId }, { tags: [`tag ${i}`, 'shared'], rec: i % 2 === 0 });
      }
      for (let i = 0; i < 4; i++) {
        const made = await addWorkToSeries(t.db, writer, await buildWork(t.db, writer), { series_id: 'new', new_series_title: `Series ${i}`, position: '' });
        assert.ok(made.ok);
        await buildBookmark(t.db, reader, { kind: 'series', id: made.seriesId }, { tags: ['shared'] });
      }
      assert.equal(await measure(base), plain, t.queries.statements.join('\n'));
      assert.equal(await measure(filtered), withTags, t.queries.statements.join('\n'));
      assert.equal(withTags, plain + 1, 'naming tags adds their one lookup');
      // The session, the user, the rows, the blurbs, the count with facets, the facets' names, the bookmark tags.
      assert.ok(plain <= 7, `the bookmarks page ran ${plain} queries`);
    });
  });
}
