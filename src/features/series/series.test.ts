import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildUser, buildWork, loggedInMember } from '../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';

function seriesIdFrom(location: string | undefined): number {
  const match = /^\/series\/(\d+)$/.exec(location ?? '');
  assert.ok(match, `expected a redirect to a series, got ${location}`);
  return Number(match[1]);
}

for (const engine of ENGINES) {
  describe(`series (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    const member = () => loggedInMember(t);

    async function newSeries(client: TestClient, workId: number, title: string): Promise<number> {
      await client.get(`/works/${workId}/series`);
      const response = await client.post(`/works/${workId}/series`, { series_id: 'new', new_series_title: title, position: '' });
      assert.equal(response.statusCode, 303, response.body.slice(0, 300));
      return seriesIdFrom(response.headers.location);
    }

    async function order(seriesId: number): Promise<number[]> {
      const rows = await t.db.selectFrom('serial_works').select('work_id').where('series_id', '=', seriesId).orderBy('position').execute();
      return rows.map((r) => r.work_id);
    }

    it('starts a series from a work, and shows it on a series page with creators, words and completeness', async () => {
      const { user, client } = await member();
      const workId = await buildWork(t.db, user, { title: 'First Light', body: '<p>one two three</p>' });
      const form = await client.get(`/works/${workId}`);
      assert.match(form.body, new RegExp(`href="/works/${workId}/series"`), 'creators see "Add to series"');
      const seriesId = await newSeries(client, workId, 'The Lantern Cycle');

      const page = await new TestClient(t.app).get(`/series/${seriesId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h1>The Lantern Cycle<\/h1>/);
      assert.match(page.body, new RegExp(`<a rel="author" href="/users/${user.username}">${user.username}</a>`));
      assert.match(page.body, /Words:<\/dt><dd>3<\/dd>/);
      assert.match(page.body, /Complete:<\/dt><dd>No<\/dd>/);
      assert.match(page.body, new RegExp(`<a href="/works/${workId}">First Light</a>`));
      assert.doesNotMatch(page.body, /Edit series/, 'guests get no edit link');

      const work = await new TestClient(t.app).get(`/works/${workId}`);
      assert.match(work.body, new RegExp(`Part 1 of <a href="/series/${seriesId}">The Lantern Cycle</a>`));
    });

    it('adds works at a position, links previous and next, reorders and removes, keeping parts 1..n', async () => {
      const { user, client } = await member();
      const [a, b, c] = [await buildWork(t.db, user, { title: 'Alpha' }), await buildWork(t.db, user, { title: 'Beta' }), await buildWork(t.db, user, { title: 'Gamma' })];
      const seriesId = await newSeries(client, a, 'Greek Letters');
      await client.get(`/works/${c}/series`);
      assert.equal((await client.post(`/works/${c}/series`, { series_id: String(seriesId), position: '' })).statusCode, 303);
      await client.get(`/works/${b}/series`);
      assert.equal((await client.post(`/works/${b}/series`, { series_id: String(seriesId), position: '2' })).statusCode, 303);
      assert.deepEqual(await order(seriesId), [a, b, c]);

      const middle = await new TestClient(t.app).get(`/works/${b}`);
      assert.match(middle.body, /Part 2 of/);
      assert.match(middle.body, new RegExp(`href="/works/${a}" rel="prev">.*Previous: Alpha`));
      assert.match(middle.body, new RegExp(`href="/works/${c}" rel="next">Next: Gamma`));
      const first = await new TestClient(t.app).get(`/works/${a}`);
      assert.doesNotMatch(first.body, /rel="prev"/);

      await client.get(`/series/${seriesId}/edit`);
      assert.equal((await client.post(`/series/${seriesId}/works/${c}/move`, { position: '1' })).statusCode, 303);
      assert.deepEqual(await order(seriesId), [c, a, b]);
      assert.equal((await client.post(`/series/${seriesId}/works/${c}/move`, { position: '99' })).statusCode, 303, 'a position past the end means the end');
      assert.deepEqual(await order(seriesId), [a, b, c]);
      assert.equal((await client.post(`/series/${seriesId}/works/${a}/remove`)).statusCode, 303);
      assert.deepEqual(await order(seriesId), [b, c]);
      const positions = await t.db.selectFrom('serial_works').select('position').where('series_id', '=', seriesId).orderBy('position').execute();
      assert.deepEqual(positions.map((p) => p.position), [1, 2]);
      assert.doesNotMatch((await client.get(`/works/${a}`)).body, /Part \d+ of/);
    });

    it('keeps part numbers right when a work in the middle is deleted', async () => {
      const { user, client } = await member();
      const [a, b, c] = [await buildWork(t.db, user, { title: 'One' }), await buildWork(t.db, user, { title: 'Two' }), await buildWork(t.db, user, { title: 'Three' })];
      const seriesId = await newSeries(client, a, 'Gappy');
      for (const workId of [b, c]) {
        await client.get(`/works/${workId}/series`);
        await client.post(`/works/${workId}/series`, { series_id: String(seriesId) });
      }
      await client.get(`/works/${b}/delete`);
      assert.equal((await client.post(`/works/${b}/delete`)).statusCode, 303);
      const last = await client.get(`/works/${c}`);
      assert.match(last.body, /Part 2 of/);
      assert.match(last.body, new RegExp(`href="/works/${a}" rel="prev">.*Previous: One`));
      await client.get(`/series/${seriesId}/edit`);
      assert.equal((await client.post(`/series/${seriesId}/works/${c}/move`, { position: '1' })).statusCode, 303);
      assert.deepEqual(await order(seriesId), [c, a]);
      const positions = await t.db.selectFrom('serial_works').select('position').where('series_id', '=', seriesId).orderBy('position').execute();
      assert.deepEqual(positions.map((p) => p.position), [1, 2]);
    });

    it('lets the creator edit title, summary and completeness, sanitizing the HTML', async () => {
      const { user, client } = await member();
      const seriesId = await newSeries(client, await buildWork(t.db, user), 'Working Title');
      const form = await client.get(`/series/${seriesId}/edit`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /value="Working Title"/);
      const response = await client.post(`/series/${seriesId}/edit`, { title: 'Final Title', summary: '<p onclick="x()">Sum<script>bad()</script>mary</p>', notes: '', complete: 'yes' });
      assert.equal(response.statusCode, 303);
      const row = await t.db.selectFrom('series').select(['title', 'summary', 'complete']).where('id', '=', seriesId).executeTakeFirstOrThrow();
      assert.deepEqual(row, { title: 'Final Title', summary: '<p>Summary</p>', complete: true });
      assert.match((await client.get(`/series/${seriesId}`)).body, /Complete:<\/dt><dd>Yes<\/dd>/);
    });

    it('shows the forms again with messages and what was typed when input is invalid', async () => {
      const { user, client } = await member();
      const workId = await buildWork(t.db, user);
      await client.get(`/works/${workId}/series`);
      const blank = await client.post(`/works/${workId}/series`, { series_id: 'new', new_series_title: '  ', position: '3' });
      assert.equal(blank.statusCode, 400);
      assert.match(blank.body, /Give the new series a title/);
      assert.match(blank.body, /<title>Error: /);
      const badPosition = await client.post(`/works/${workId}/series`, { series_id: 'new', new_series_title: 'Kept Title', position: 'third' });
      assert.equal(badPosition.statusCode, 400);
      assert.match(badPosition.body, /Position must be a whole number/);
      assert.match(badPosition.body, /value="Kept Title"/);
      const tooLong = await client.post(`/works/${workId}/series`, { series_id: 'new', new_series_title: 'x'.repeat(241) });
      assert.equal(tooLong.statusCode, 400);
      assert.match(tooLong.body, /at most 240 characters/);
      assert.equal(await t.db.selectFrom('serial_works').select('series_id').where('work_id', '=', workId).executeTakeFirst(), undefined);

      const seriesId = await newSeries(client, workId, 'Once Only');
      await client.get(`/works/${workId}/series`);
      const twice = await client.post(`/works/${workId}/series`, { series_id: String(seriesId) });
      assert.equal(twice.statusCode, 400);
      assert.match(twice.body, /already in that series/);

      await client.get(`/series/${seriesId}/edit`);
      const badMove = await client.post(`/series/${seriesId}/works/${workId}/move`, { position: 'first' });
      assert.equal(badMove.statusCode, 400);
      assert.match(badMove.body, /Position must be a whole number/);
      assert.match(badMove.body, /value="first"/);
      const blankTitle = await client.post(`/series/${seriesId}/edit`, { title: '', summary: 'Kept summary' });
      assert.equal(blankTitle.statusCode, 400);
      assert.match(blankTitle.body, /Series title can(&#39;|')t be blank/);
      assert.match(blankTitle.body, />Kept summary<\/textarea>/);
    });

    it('answers 404 for series and works that do not exist', async () => {
      const { user, client } = await member();
      const workId = await buildWork(t.db, user);
      const seriesId = await newSeries(client, workId, 'Real Series');
      for (const url of ['/series/999999999', '/series/abc', '/series/999999999/edit', '/works/999999999/series']) {
        assert.equal((await client.get(url)).statusCode, 404, url);
      }
      await client.get(`/series/${seriesId}`);
      assert.equal((await client.post(`/works/${workId}/series`, { series_id: '999999999' })).statusCode, 404);
      assert.equal((await client.post('/works/999999999/series', { series_id: String(seriesId) })).statusCode, 404);
      assert.equal((await client.post('/series/999999999/edit', { title: 'x' })).statusCode, 404);
      assert.equal((await client.post(`/series/${seriesId}/works/999999999/move`, { position: '1' })).statusCode, 404);
      assert.equal((await client.post(`/series/${seriesId}/works/999999999/remove`)).statusCode, 404);
      assert.equal((await client.post('/series/999999999/works/1/remove')).statusCode, 404);
    });

    it("forbids touching someone else's series or work, and changes nothing", async () => {
      const owner = await member();
      const ownerWork = await buildWork(t.db, owner.user, { title: 'Owner Work' });
      const seriesId = await newSeries(owner.client, ownerWork, 'Not Yours');
      const intruder = await member();
      const intruderWork = await buildWork(t.db, intruder.user);

      assert.equal((await intruder.client.get(`/series/${seriesId}/edit`)).statusCode, 403);
      assert.doesNotMatch((await intruder.client.get(`/series/${seriesId}`)).body, /Edit series/);
      assert.equal((await intruder.client.post(`/series/${seriesId}/edit`, { title: 'Hijacked' })).statusCode, 403);
      assert.equal((await intruder.client.post(`/series/${seriesId}/edit`, { title: '' })).statusCode, 403, 'invalid input does not reveal the form');
      assert.equal((await intruder.client.post(`/works/${intruderWork}/series`, { series_id: String(seriesId) })).statusCode, 403);
      assert.equal((await intruder.client.post(`/series/${seriesId}/works/${ownerWork}/move`, { position: '2' })).statusCode, 403);
      assert.equal((await intruder.client.post(`/series/${seriesId}/works/${ownerWork}/remove`)).statusCode, 403);
      assert.equal((await intruder.client.get(`/works/${ownerWork}/series`)).statusCode, 403);
      assert.equal((await intruder.client.post(`/works/${ownerWork}/series`, { series_id: 'new', new_series_title: 'Mine now' })).statusCode, 403);
      assert.equal((await new TestClient(t.app).post(`/series/${seriesId}/works/${ownerWork}/remove`)).statusCode, 401);

      const series = await t.db.selectFrom('series').select('title').where('id', '=', seriesId).executeTakeFirstOrThrow();
      assert.equal(series.title, 'Not Yours');
      assert.deepEqual(await order(seriesId), [ownerWork]);
      const count = await t.db.selectFrom('serial_works').select('series_id').where('work_id', 'in', [ownerWork, intruderWork]).execute();
      assert.equal(count.length, 1);
    });

    it('lists a member’s series', async () => {
      const { user, client } = await member();
      const seriesId = await newSeries(client, await buildWork(t.db, user), 'Listed Series');
      const page = await new TestClient(t.app).get(`/users/${user.username}/series`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, new RegExp(`<a href="/series/${seriesId}">Listed Series</a>`));
    });

    it('runs a fixed number of queries for the series page, with 1 work or 20', async () => {
      const { user, client } = await member();
      const first = await buildWork(t.db, user);
      const seriesId = await newSeries(client, first, 'Counted');
      t.queries.reset();
      await client.get(`/series/${seriesId}`);
      const oneWork = t.queries.count;
      for (let i = 0; i < 19; i++) {
        const co = await buildUser(t.db);
        const workId = await buildWork(t.db, co);
        await t.db.insertInto('creatorships').values({ work_id: workId, pseud_id: user.defaultPseudId, position: 2 }).execute();
        await client.get(`/works/${workId}/series`);
        assert.equal((await client.post(`/works/${workId}/series`, { series_id: String(seriesId) })).statusCode, 303);
      }
      t.queries.reset();
      const page = await client.get(`/series/${seriesId}`);
      assert.equal((page.body.match(/class="blurb"/g) ?? []).length, 20);
      assert.equal(t.queries.count, oneWork, t.queries.statements.join('\n'));
    });
  });
}
