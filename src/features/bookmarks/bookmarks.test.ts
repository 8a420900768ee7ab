import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildBookmark, buildUser, buildWork, loggedInMember, logInThroughForm, type BuiltUser } from '../../../test/support/builders.ts';
import { queriesOfWarmPage, startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';
import { addWorkToSeries } from '../series/series.service.ts';

for (const engine of ENGINES) {
  describe(`bookmarks (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    const bookmarksCount = async (workId: number) =>
      (await t.db.selectFrom('works').select('bookmarks_count').where('id', '=', workId).executeTakeFirstOrThrow()).bookmarks_count;
    const bookmarkRows = (userId: number) => t.db.selectFrom('bookmarks').select(['id', 'work_id', 'series_id', 'notes', 'private', 'rec']).where('user_id', '=', userId).execute();
    const tagRows = (bookmarkId: number) => t.db.selectFrom('bookmark_tags').select(['position', 'name']).where('bookmark_id', '=', bookmarkId).orderBy('position').execute();

    async function aWork(overrides: Parameters<typeof buildWork>[2] = {}) {
      const writer = await buildUser(t.db);
      return { writer, workId: await buildWork(t.db, writer, overrides) };
    }

    async function aSeries(writer: BuiltUser, title: string): Promise<number> {
      const workId = await buildWork(t.db, writer);
      const result = await addWorkToSeries(t.db, writer, workId, { series_id: 'new', new_series_title: title, position: '' });
      assert.ok(result.ok);
      return result.seriesId;
    }

    it('bookmarks a work with sanitized notes, tags and a rec, counts it, and shows it on the work and the bookmarks page', async () => {
      const { workId } = await aWork({ title: 'Paper Lanterns' });
      const { user, client } = await loggedInMember(t);
      const page = await client.get(`/works/${workId}`);
      assert.match(page.body, new RegExp(`<a class="button" href="/works/${workId}/bookmark">Bookmark</a>`));
      const form = await client.get(`/works/${workId}/bookmark`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /<h1>Bookmark “Paper Lanterns”<\/h1>/);
      const response = await client.post(`/works/${workId}/bookmark`, {
        notes: '<p>So <em>good</em>.</p><script>alert(1)</script>',
        tags: 'comfort read,  Slow Burn , comfort READ, ',
        rec: '1',
      });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, `/works/${workId}?bookmarked=1`);
      const [row] = await bookmarkRows(user.id);
      assert.ok(row);
      assert.deepEqual({ ...row, id: 0 }, { id: 0, work_id: workId, series_id: null, notes: '<p>So <em>good</em>.</p>', private: false, rec: true });
      assert.deepEqual(await tagRows(row.id), [{ position: 1, name: 'comfort read' }, { position: 2, name: 'Slow Burn' }]);
      assert.equal(await bookmarksCount(workId), 1);

      const work = await client.get(`/works/${workId}?bookmarked=1`);
      assert.match(work.body, /Your bookmark is saved\./);
      assert.match(work.body, new RegExp(`<dt>Bookmarks:</dt><dd><a href="/works/${workId}/bookmarks">1</a></dd>`));
      assert.match(work.body, new RegExp(`<a class="button" href="/bookmarks/${row.id}/edit">Edit bookmark</a>`));

      const listing = await new TestClient(t.app).get(`/users/${user.username}/bookmarks`);
      assert.equal(listing.statusCode, 200);
      assert.match(listing.body, /<a href="\/works\/\d+">Paper Lanterns<\/a>/);
      assert.match(listing.body, /<span class="badge badge-rec">Rec<\/span>/);
      assert.match(listing.body, /<span class="bookmark-tag">comfort read<\/span><span class="bookmark-tag">Slow Burn<\/span>/);
      assert.doesNotMatch(listing.body, /<script>alert/);

      const onWork = await new TestClient(t.app).get(`/works/${workId}/bookmarks`);
      assert.match(onWork.body, new RegExp(`Bookmarked by <a href="/users/${user.username}">${user.username}</a>`));
    });

    it('keeps one bookmark per member per work: the button leads to the edit form, and a second create is a 409 changing nothing', async () => {
      const { workId } = await aWork();
      const { user, client } = await loggedInMember(t);
      await client.get(`/works/${workId}/bookmark`);
      assert.equal((await client.post(`/works/${workId}/bookmark`, { notes: 'first' })).statusCode, 303);
      const [row] = await bookmarkRows(user.id);
      const again = await client.get(`/works/${workId}/bookmark`);
      assert.equal(again.statusCode, 303);
      assert.equal(again.headers.location, `/bookmarks/${row!.id}/edit`);
      const second = await client.post(`/works/${workId}/bookmark`, { notes: 'second' });
      assert.equal(second.statusCode, 409);
      assert.match(second.body, /You have already bookmarked this work\. Edit your bookmark instead\./);
      assert.deepEqual((await bookmarkRows(user.id)).map((r) => r.notes), ['<p>first</p>']);
      assert.equal(await bookmarksCount(workId), 1);
    });

    it('makes one bookmark from 10 forms sent at once', async () => {
      const { workId } = await aWork();
      const { user, client } = await loggedInMember(t);
      await client.get(`/works/${workId}/bookmark`);
      const responses = await Promise.all(Array.from({ length: 10 }, () => client.post(`/works/${workId}/bookmark`, { notes: 'once' })));
      assert.equal(responses.filter((r) => r.statusCode === 303).length, 1);
      assert.equal(responses.filter((r) => r.statusCode === 409).length, 9);
      assert.equal((await bookmarkRows(user.id)).length, 1);
      assert.equal(await bookmarksCount(workId), 1);
    });

    it('counts public bookmarks only, through private/public flips and deletion', async () => {
      const { workId } = await aWork();
      const { user, client } = await loggedInMember(t);
      await client.get(`/works/${workId}/bookmark`);
      await client.post(`/works/${workId}/bookmark`, { notes: 'secret', private: '1' });
      const [row] = await bookmarkRows(user.id);
      const id = row!.id;
      assert.equal(await bookmarksCount(workId), 0);

      const other = await new TestClient(t.app).get(`/users/${user.username}/bookmarks`);
      assert.match(other.body, /No bookmarks/);
      const own = await client.get(`/users/${user.username}/bookmarks`);
      assert.match(own.body, /<span class="badge badge-private">Private<\/span>/);
      assert.doesNotMatch((await new TestClient(t.app).get(`/works/${workId}/bookmarks`)).body, /secret/);

      const edit = await client.get(`/bookmarks/${id}/edit`);
      assert.match(edit.body, /id="field-private" name="private" value="1" checked/);
      assert.equal((await client.post(`/bookmarks/${id}/edit`, { notes: 'now public' })).statusCode, 303);
      assert.equal(await bookmarksCount(workId), 1);
      assert.equal((await client.post(`/bookmarks/${id}/edit`, { notes: 'still public', rec: '1' })).statusCode, 303);
      assert.equal(await bookmarksCount(workId), 1, 'an edit that keeps it public counts it once');
      await client.post(`/bookmarks/${id}/edit`, { notes: 'private again', private: '1' });
      assert.equal(await bookmarksCount(workId), 0);
      await client.post(`/bookmarks/${id}/edit`, { notes: 'public again' });
      assert.equal(await bookmarksCount(workId), 1);

      assert.match((await client.get(`/bookmarks/${id}/delete`)).body, /Delete your bookmark of/);
      const deleted = await client.post(`/bookmarks/${id}/delete`);
      assert.equal(deleted.statusCode, 303);
      assert.equal(deleted.headers.location, `/users/${user.username}/bookmarks`);
      assert.equal(await bookmarksCount(workId), 0);
      assert.equal((await bookmarkRows(user.id)).length, 0);
    });

    it('refuses notes that are too long, too many tags and a too long tag with 400 and field messages, writing nothing', async () => {
      const { workId } = await aWork();
      const { user, client } = await loggedInMember(t);
      await client.get(`/works/${workId}/bookmark`);
      const cases: [Record<string, string>, RegExp][] = [
        [{ notes: 'x'.repeat(5001) }, /Notes must be at most 5,000 characters\./],
        [{ tags: Array.from({ length: 11 }, (_, i) => `tag ${i}`).join(', ') }, /Use at most 10 tags\./],
        [{ tags: `fine, ${'y'.repeat(101)}` }, /Each tag must be at most 100 characters\./],
        [{ tags: 'z'.repeat(2000) }, /Your tags are too long/],
        [{ private: 'yes' }, /Private must be ticked or not\./],
      ];
      for (const [fields, message] of cases) {
        const response = await client.post(`/works/${workId}/bookmark`, fields);
        assert.equal(response.statusCode, 400, JSON.stringify(fields).slice(0, 80));
        assert.match(response.body, message);
        assert.match(response.body, /<title>Error: /);
      }
      assert.equal((await bookmarkRows(user.id)).length, 0);
      assert.equal(await bookmarksCount(workId), 0);

      await client.post(`/works/${workId}/bookmark`, { notes: 'ok', tags: 'keep' });
      const [row] = await bookmarkRows(user.id);
      const edit = await client.post(`/bookmarks/${row!.id}/edit`, { notes: 'x'.repeat(5001), tags: 'changed' });
      assert.equal(edit.statusCode, 400);
      assert.match(edit.body, /value="changed"/, 'what was typed is kept');
      assert.deepEqual((await bookmarkRows(user.id)).map((r) => r.notes), ['<p>ok</p>']);
      assert.deepEqual(await tagRows(row!.id), [{ position: 1, name: 'keep' }]);
    });

    it("refuses someone else's bookmark: 403 to edit or delete, nothing changed; guests must log in", async () => {
      const { workId } = await aWork();
      const owner = await buildUser(t.db);
      const id = await buildBookmark(t.db, owner, { kind: 'work', id: workId }, { notes: 'mine', tags: ['mine'] });
      const { client } = await loggedInMember(t);
      await client.get(`/works/${workId}`);
      assert.equal((await client.get(`/bookmarks/${id}/edit`)).statusCode, 403);
      assert.equal((await client.post(`/bookmarks/${id}/edit`, { notes: 'hijacked', private: '1' })).statusCode, 403);
      assert.equal((await client.get(`/bookmarks/${id}/delete`)).statusCode, 403);
      assert.equal((await client.post(`/bookmarks/${id}/delete`)).statusCode, 403);
      assert.equal((await client.post('/bookmarks/99999999/edit', { notes: 'x' })).statusCode, 404);
      assert.deepEqual((await bookmarkRows(owner.id)).map((r) => [r.notes, r.private]), [['<p>mine</p>', false]]);
      assert.equal(await bookmarksCount(workId), 1);

      const guest = new TestClient(t.app);
      assert.equal((await guest.get(`/works/${workId}/bookmark`)).statusCode, 303);
      await guest.get('/login');
      assert.equal((await guest.post(`/works/${workId}/bookmark`, { notes: 'x' })).statusCode, 401);
      assert.equal((await guest.post(`/bookmarks/${id}/delete`)).statusCode, 401);
    });

    it('needs the CSRF token to create, edit and delete', async () => {
      const { workId } = await aWork();
      const { user, client } = await loggedInMember(t);
      const id = await buildBookmark(t.db, user, { kind: 'work', id: workId }, { notes: 'kept' });
      const other = await aWork();
      for (const [url, fields] of [[`/works/${other.workId}/bookmark`, { notes: 'x' }], [`/bookmarks/${id}/edit`, { notes: 'x', private: '1' }], [`/bookmarks/${id}/delete`, {}]] as const) {
        assert.equal((await client.post(url, fields, { csrf: false })).statusCode, 403, url);
      }
      assert.deepEqual((await bookmarkRows(user.id)).map((r) => [r.work_id, r.notes, r.private]), [[workId, '<p>kept</p>', false]]);
    });

    it("doesn't bookmark drafts: another's is not found, one's own is refused", async () => {
      const { writer, workId } = await aWork({ action: 'draft' });
      const { client } = await loggedInMember(t);
      await client.get('/login');
      assert.equal((await client.post(`/works/${workId}/bookmark`, { notes: 'x' })).statusCode, 404);
      assert.equal((await client.get(`/works/${workId}/bookmark`)).statusCode, 404);
      const own = new TestClient(t.app);
      await logInThroughForm(own, writer.username);
      assert.equal((await own.post(`/works/${workId}/bookmark`, { notes: 'x' })).statusCode, 403);
      assert.equal((await t.db.selectFrom('bookmarks').select('id').where('work_id', '=', workId).execute()).length, 0);
    });

    it('bookmarks a series, listed with the series title', async () => {
      const writer = await buildUser(t.db);
      const seriesId = await aSeries(writer, 'The Long Road');
      const { user, client } = await loggedInMember(t);
      assert.match((await client.get(`/series/${seriesId}`)).body, new RegExp(`<a class="button" href="/series/${seriesId}/bookmark">Bookmark this series</a>`));
      assert.equal((await client.get(`/series/${seriesId}/bookmark`)).statusCode, 200);
      assert.equal((await client.post(`/series/${seriesId}/bookmark`, { notes: 'the whole thing', tags: 'epic' })).statusCode, 303);
      assert.equal((await client.post(`/series/${seriesId}/bookmark`, { notes: 'again' })).statusCode, 409);
      const page = await client.get(`/users/${user.username}/bookmarks`);
      assert.match(page.body, new RegExp(`<span class="badge">Series</span> <a href="/series/${seriesId}">The Long Road</a>`));
      assert.match(page.body, new RegExp(`by <span><a rel="author" href="/users/${writer.username}">`));
      assert.equal((await client.get('/series/99999999/bookmark')).statusCode, 404);
    });

    it('filters by rec, by bookmark tag and by fandom; hides members-only works from guests (more in bookmark-listing.test.ts)', async () => {
      const writer = await buildUser(t.db);
      const reader = await buildUser(t.db);
      const hp = await buildWork(t.db, writer, { title: 'Owl Post', fandoms: ['Harry Potter'] });
      const sh = await buildWork(t.db, writer, { title: 'Baker Street', fandoms: ['Sherlock'] });
      const secret = await buildWork(t.db, writer, { title: 'Members Only Story', fandoms: ['Sherlock'], restricted: true });
      await buildBookmark(t.db, reader, { kind: 'work', id: hp }, { rec: true, tags: ['Comfort'] });
      await buildBookmark(t.db, reader, { kind: 'work', id: sh }, { tags: ['comfort', 'mystery'] });
      await buildBookmark(t.db, reader, { kind: 'work', id: secret }, { rec: true });
      const base = `/users/${reader.username}/bookmarks`;
      const titles = (body: string) => [...body.matchAll(/<a href="\/works\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]).sort();
      const guest = new TestClient(t.app);
      assert.deepEqual(titles((await guest.get(base)).body), ['Baker Street', 'Owl Post']);
      const { client } = await loggedInMember(t);
      assert.deepEqual(titles((await client.get(base)).body), ['Baker Street', 'Members Only Story', 'Owl Post']);
      assert.deepEqual(titles((await client.get(`${base}?rec=1`)).body), ['Members Only Story', 'Owl Post']);
      assert.deepEqual(titles((await client.get(`${base}?bookmark_tag=COMFORT`)).body), ['Baker Street', 'Owl Post']);
      assert.deepEqual(titles((await client.get(`${base}?bookmark_tag=mystery`)).body), ['Baker Street']);
      assert.deepEqual(titles((await client.get(`${base}?fandom=Sherlock`)).body), ['Baker Street', 'Members Only Story']);
      assert.deepEqual(titles((await client.get(`${base}?fandom=Sherlock&rec=1`)).body), ['Members Only Story']);
      const sidebar = (await guest.get(base)).body;
      assert.match(sidebar, /<input type="checkbox" name="fandom" value="Sherlock"\/> <span>Sherlock <span class="facet-count">\(1\)<\/span>/, 'guests count only what they can see');
      assert.match(sidebar, /<option value="Comfort">Comfort \(2\)<\/option>/);
      assert.equal((await guest.get(`${base}?rec=yes`)).statusCode, 400);
      assert.equal((await guest.get(`${base}?page=0`)).statusCode, 400);
      assert.equal((await guest.get(`${base}?page=9`)).statusCode, 200, 'past the end: a message and a link, as /works');
      assert.equal((await guest.get('/users/nobody_here_at_all/bookmarks')).statusCode, 404);
    });

    it('runs a fixed number of queries for the bookmarks page and a work’s bookmarks, with 1 bookmark or 20', async () => {
      const writer = await buildUser(t.db);
      const reader = await buildUser(t.db);
      const first = await buildWork(t.db, writer, { fandoms: ['Fandom A'] });
      await buildBookmark(t.db, reader, { kind: 'work', id: first }, { tags: ['one'] });
      const { client } = await loggedInMember(t);
      const measure = (url: string) => queriesOfWarmPage(t, client, url);
      const base = `/users/${reader.username}/bookmarks`;
      const few = await measure(base);
      const fewOnWork = await measure(`/works/${first}/bookmarks`);
      for (let i = 0; i < 14; i++) {
        const workId = await buildWork(t.db, writer, { fandoms: [`Fandom ${i}`] });
        await buildBookmark(t.db, reader, { kind: 'work', id: workId }, { tags: [`tag ${i}`, 'shared'], rec: i % 2 === 0 });
      }
      for (let i = 0; i < 5; i++) await buildBookmark(t.db, reader, { kind: 'series', id: await aSeries(writer, `Series ${i}`) }, { tags: ['series'] });
      for (let i = 0; i < 19; i++) await buildBookmark(t.db, await buildUser(t.db), { kind: 'work', id: first }, { tags: ['x'] });
      assert.equal(await measure(base), few, t.queries.statements.join('\n'));
      assert.equal(await measure(`${base}?rec=1&bookmark_tag=shared`), few);
      assert.equal(await measure(`/works/${first}/bookmarks`), fewOnWork, t.queries.statements.join('\n'));
      assert.ok(few <= 7, `the bookmarks page ran ${few} queries`);
    });
  });
}
