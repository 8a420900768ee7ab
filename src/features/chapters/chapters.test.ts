import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildChapter, buildUser, buildWork, logInThroughForm, signUpThroughForm, WORK_FORM_DEFAULTS, type BuiltUser } from '../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';

const CONFLICT = /Someone else saved this (chapter|work) while you were editing\. Copy your changes, reload, and try again\./;

function chapterIdFrom(location: string | undefined, workId: number): number {
  const match = new RegExp(`^/works/${workId}/chapters/(\\d+)$`).exec(location ?? '');
  assert.ok(match, `expected a redirect to a chapter of work ${workId}, got ${location}`);
  return Number(match[1]);
}

function lockVersionOf(page: string): string {
  const version = /name="lock_version" value="(\d+)"/.exec(page)?.[1];
  assert.ok(version !== undefined, 'the edit form carries the version it was filled from');
  return version;
}

for (const engine of ENGINES) {
  describe(`chapters (${engine})`, () => {
    let t: TestApp;
    let owner: BuiltUser;
    let client: TestClient;
    before(async () => {
      t = await startTestApp(engine);
      owner = await buildUser(t.db);
      client = new TestClient(t.app);
      await logInThroughForm(client, owner.username);
    });
    after(() => t.close());

    const workRow = (id: number) =>
      t.db.selectFrom('works').select(['word_count', 'chapter_count', 'expected_chapters', 'revised_at', 'title']).where('id', '=', id).executeTakeFirstOrThrow();
    const chapterRows = (workId: number) =>
      t.db.selectFrom('chapters').select(['id', 'position', 'title', 'word_count', 'body', 'lock_version']).where('work_id', '=', workId).orderBy('position').execute();

    /** A work with `n` chapters whose texts have 5, 2, 3, 4… words; returns the work and chapter ids. */
    async function workWithChapters(n: number, user = owner) {
      const workId = await buildWork(t.db, user, { body: '<p>one two three four five</p>', notes: '<p>Work notes here.</p>', end_notes: '<p>Work end notes here.</p>' });
      const ids = (await chapterRows(workId)).map((c) => c.id);
      for (let i = 2; i <= n; i++) {
        ids.push(await buildChapter(t.db, user, workId, { title: `Part ${i}`, body: `<p>${'word '.repeat(i)}</p>`, notes: `<p>Notes for part ${i}.</p>` }));
      }
      return { workId, ids };
    }

    it('adds chapters through the form, keeping word count, chapter count, updated date and expected chapters right', async () => {
      const workId = await buildWork(t.db, owner, { body: '<p>one two three</p>' });
      const before = await workRow(workId);
      const form = await client.get(`/works/${workId}/chapters/new`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /<h1>Add a chapter to/);
      assert.match(form.body, /name="expected_chapters"[^>]*value="2"/, 'a 1/1 work expects one more chapter by default');

      const second = await client.post(`/works/${workId}/chapters`, {
        title: 'The Storm',
        summary: 'Rain & wind.',
        notes: 'Chapter notes.',
        end_notes: 'Chapter end notes.',
        format: 'plain',
        body: 'Four words right here.\n\nAnd three more.',
        expected_chapters: '',
      });
      assert.equal(second.statusCode, 303);
      const secondId = chapterIdFrom(second.headers.location, workId);
      let work = await workRow(workId);
      assert.deepEqual([work.word_count, work.chapter_count, work.expected_chapters], [10, 2, null]);
      assert.ok(work.revised_at.getTime() >= before.revised_at.getTime());
      const page = await client.get(`/works/${workId}/chapters/${secondId}`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<h2 id="chapter-2-heading" class="chapter-heading">Chapter 2: The Storm<\/h2>/);
      assert.match(page.body, /Rain &amp; wind\./);
      assert.match(page.body, /<p>Four words right here\.<\/p>\s*<p>And three more\.<\/p>/);
      assert.match(page.body, /Chapters:<\/dt><dd>2\/\?<\/dd><dt>Status:<\/dt><dd>Work in progress<\/dd>/);

      const third = await client.post(`/works/${workId}/chapters`, { format: 'html', body: '<p>Last one, really.</p>', expected_chapters: '3' });
      assert.equal(third.statusCode, 303);
      work = await workRow(workId);
      assert.deepEqual([work.word_count, work.chapter_count, work.expected_chapters], [13, 3, 3]);
      assert.deepEqual((await chapterRows(workId)).map((c) => c.position), [1, 2, 3]);
      const home = await new TestClient(t.app).get(`/users/${owner.username}`);
      assert.match(home.body, /Chapters:<\/dt><dd>3\/3<\/dd><dt>Status:<\/dt><dd>Complete<\/dd>/);
    });

    it('refuses an expected chapter count below the chapters posted, keeping what was typed', async () => {
      const { workId } = await workWithChapters(2);
      const onChapter = await client.post(`/works/${workId}/chapters`, { title: 'Kept title', format: 'plain', body: 'A third chapter body.', expected_chapters: '2' });
      assert.equal(onChapter.statusCode, 400);
      assert.match(onChapter.body, /Expected chapters can(&#39;|')t be fewer than the 3 chapters already posted\./);
      assert.match(onChapter.body, /value="Kept title"/);
      const onWork = await client.post(`/works/${workId}/edit`, { ...WORK_FORM_DEFAULTS, title: 'Still kept', pseud_id: String(owner.defaultPseudId), format: 'plain', body: 'Chapter one text here.', expected_chapters: '1' });
      assert.equal(onWork.statusCode, 400);
      assert.match(onWork.body, /Expected chapters can(&#39;|')t be fewer than the 2 chapters already posted\./);
      assert.match(onWork.body, />Chapter one text here\.<\/textarea>/);
      const nonsense = await client.post(`/works/${workId}/edit`, { ...WORK_FORM_DEFAULTS, title: 'T', pseud_id: String(owner.defaultPseudId), format: 'plain', body: 'Chapter one text here.', expected_chapters: 'many' });
      assert.equal(nonsense.statusCode, 400);
      assert.match(nonsense.body, /Expected chapters must be a whole number/);
      const work = await workRow(workId);
      assert.deepEqual([work.chapter_count, work.expected_chapters], [2, 2]);

      const blank = await client.post(`/works/${workId}/edit`, { ...WORK_FORM_DEFAULTS, title: 'Now unknown', pseud_id: String(owner.defaultPseudId), format: 'plain', body: 'Chapter one text here.', expected_chapters: '' });
      assert.equal(blank.statusCode, 303);
      const edited = await workRow(workId);
      assert.deepEqual([edited.title, edited.expected_chapters], ['Now unknown', null]);
      assert.equal(edited.word_count, 4 + 2, 'the word count is the sum over every chapter, not chapter 1 alone');
    });

    it('lets readers go chapter by chapter with previous/next links and the chapter index, without JavaScript', async () => {
      const { workId, ids } = await workWithChapters(3);
      const [first, second, third] = ids as [number, number, number];
      const guest = new TestClient(t.app);
      const opening = await guest.get(`/works/${workId}`);
      assert.equal(opening.statusCode, 200);
      assert.match(opening.body, /Chapter 1<\/h2>/);
      assert.match(opening.body, new RegExp(`<a rel="next" href="/works/${workId}/chapters/${second}">Next chapter →</a>`));
      assert.doesNotMatch(opening.body, /rel="prev"/);
      assert.match(opening.body, /Work notes here\./, 'work notes open the first chapter');
      assert.doesNotMatch(opening.body, /Work end notes here\./, 'work end notes wait for the last chapter');
      assert.match(opening.body, new RegExp(`<form method="get" action="/works/${workId}/chapters" class="chapter-jump">`));
      assert.match(opening.body, new RegExp(`<option value="${first}" selected>Chapter 1</option><option value="${second}">Chapter 2: Part 2</option>`));

      const middle = await guest.get(`/works/${workId}/chapters/${second}`);
      assert.match(middle.body, new RegExp(`<a rel="prev" href="/works/${workId}/chapters/${first}">← Previous chapter</a>`));
      assert.match(middle.body, new RegExp(`<a rel="next" href="/works/${workId}/chapters/${third}">Next chapter →</a>`));
      assert.match(middle.body, /Notes for part 2\./);
      assert.doesNotMatch(middle.body, /Work notes here\.|Work end notes here\./);
      assert.match(middle.body, /<title>.*, Chapter 2: Part 2 \| /);

      const last = await guest.get(`/works/${workId}/chapters/${third}`);
      assert.doesNotMatch(last.body, /rel="next"/);
      assert.match(last.body, /Work end notes here\./);

      const jump = await guest.get(`/works/${workId}/chapters?chapter_id=${third}`);
      assert.equal(jump.statusCode, 303);
      assert.equal(jump.headers.location, `/works/${workId}/chapters/${third}`);
      const index = await guest.get(`/works/${workId}/chapters`);
      assert.equal(index.statusCode, 200);
      assert.match(index.body, new RegExp(`<a href="/works/${workId}/chapters/${third}">Chapter 3: Part 3</a>`));

      const other = await workWithChapters(1);
      for (const url of [`/works/${workId}/chapters/${other.ids[0]}`, `/works/${workId}/chapters/abc`, `/works/${workId}/chapters?chapter_id=${other.ids[0]}`, `/works/${workId}/chapters?chapter_id=x`, `/works/${workId}/chapters/99999999/edit`]) {
        assert.equal((await client.get(url)).statusCode, 404, url);
      }
    });

    it('shows the entire work with every chapter, its title and notes, in order', async () => {
      const { workId } = await workWithChapters(3);
      const full = await new TestClient(t.app).get(`/works/${workId}?view=full`);
      assert.equal(full.statusCode, 200);
      assert.match(full.body, /Chapter 1<\/h2>[\s\S]*Chapter 2: Part 2<\/h2>[\s\S]*Notes for part 2\.[\s\S]*Chapter 3: Part 3<\/h2>[\s\S]*Notes for part 3\./);
      assert.match(full.body, /Work notes here\.[\s\S]*Work end notes here\./);
      assert.match(full.body, /<title>.*\(entire work\)/);
      assert.match(full.body, new RegExp(`<a href="/works/${workId}">Read chapter by chapter</a>`));
    });

    it('shows a one-chapter work as it always was: no chapter headings or navigation', async () => {
      const workId = await buildWork(t.db, owner, { body: '<p>Only the one chapter.</p>' });
      for (const url of [`/works/${workId}`, `/works/${workId}?view=full`]) {
        const page = await new TestClient(t.app).get(url);
        assert.match(page.body, /<section class="chapter" aria-label="Work text">/);
        assert.doesNotMatch(page.body, /chapter-heading|Next chapter|chapter-jump/);
      }
    });

    it('edits a chapter, recounting the work’s words', async () => {
      const { workId, ids } = await workWithChapters(2);
      const form = await client.get(`/works/${workId}/chapters/${ids[1]}/edit`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /value="Part 2"/);
      const response = await client.post(`/works/${workId}/chapters/${ids[1]}/edit`, {
        title: 'Renamed',
        format: 'plain',
        body: 'Now it has six words in it.',
        lock_version: lockVersionOf(form.body),
      });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, `/works/${workId}/chapters/${ids[1]}`);
      const chapter = (await chapterRows(workId))[1]!;
      assert.deepEqual([chapter.title, chapter.word_count, chapter.lock_version], ['Renamed', 7, 1]);
      assert.equal((await workRow(workId)).word_count, 5 + 7);
    });

    it('refuses the second of two saves made from the same version of a chapter, keeping the typed text', async () => {
      const { workId, ids } = await workWithChapters(2);
      const url = `/works/${workId}/chapters/${ids[1]}/edit`;
      const alice = client;
      const bob = client.clone();
      const aliceForm = await alice.get(url);
      const bobForm = await bob.get(url);
      const first = await alice.post(url, { format: 'plain', body: 'Alice wrote this version.', lock_version: lockVersionOf(aliceForm.body) });
      assert.equal(first.statusCode, 303);
      const second = await bob.post(url, { format: 'plain', body: 'Bob wrote this other version.', lock_version: lockVersionOf(bobForm.body) });
      assert.equal(second.statusCode, 409);
      assert.match(second.body, CONFLICT);
      assert.match(second.body, />Bob wrote this other version\.<\/textarea>/);
      assert.match((await chapterRows(workId))[1]!.body, /Alice wrote this version\./);
      // Submitting the same stale form again is still refused: only a reload picks up Alice's save.
      assert.equal((await bob.post(url, { format: 'plain', body: 'Bob again, still stale.', lock_version: lockVersionOf(second.body) })).statusCode, 409);
      const reloaded = await bob.get(url);
      assert.equal((await bob.post(url, { format: 'plain', body: 'Bob, after reloading.', lock_version: lockVersionOf(reloaded.body) })).statusCode, 303);
    });

    it('refuses a stale save of the work form too, which edits chapter 1', async () => {
      const workId = await buildWork(t.db, owner, { title: 'Shared Work' });
      const url = `/works/${workId}/edit`;
      const other = client.clone();
      const form = await client.get(url);
      const otherForm = await other.get(url);
      const fields = { ...WORK_FORM_DEFAULTS, pseud_id: String(owner.defaultPseudId), format: 'plain' };
      assert.equal((await client.post(url, { ...fields, title: 'First Save', body: 'The first save wins.', lock_version: lockVersionOf(form.body) })).statusCode, 303);
      const stale = await other.post(url, { ...fields, title: 'Second Save', body: 'The second save loses.', lock_version: lockVersionOf(otherForm.body) });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.body, CONFLICT);
      assert.match(stale.body, /value="Second Save"/);
      assert.equal((await workRow(workId)).title, 'First Save');

      // Editing chapter 1 through the chapter form also makes an open work form stale.
      const workForm = await client.get(url);
      const chapterId = (await chapterRows(workId))[0]!.id;
      const chapterForm = await other.get(`/works/${workId}/chapters/${chapterId}/edit`);
      assert.equal((await other.post(`/works/${workId}/chapters/${chapterId}/edit`, { format: 'plain', body: 'Chapter form save.', lock_version: lockVersionOf(chapterForm.body) })).statusCode, 303);
      assert.equal((await client.post(url, { ...fields, title: 'Late', body: 'Too late now.', lock_version: lockVersionOf(workForm.body) })).statusCode, 409);
    });

    it('reorders chapters with one number per chapter, keeping positions 1..n', async () => {
      const { workId, ids } = await workWithChapters(4);
      const [c1, c2, c3, c4] = ids as [number, number, number, number];
      const form = await client.get(`/works/${workId}/chapters/order`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, new RegExp(`<label for="field-position_${c3}">Number for Chapter 3: Part 3</label>`));
      const moved = await client.post(`/works/${workId}/chapters/order`, { [`position_${c1}`]: '1', [`position_${c2}`]: '2', [`position_${c3}`]: '2', [`position_${c4}`]: '4' });
      assert.equal(moved.statusCode, 303);
      assert.deepEqual((await chapterRows(workId)).map((c) => [c.id, c.position]), [[c1, 1], [c3, 2], [c2, 3], [c4, 4]]);

      const reversed = await client.post(`/works/${workId}/chapters/order`, { [`position_${c1}`]: '4', [`position_${c3}`]: '3', [`position_${c2}`]: '2', [`position_${c4}`]: '1' });
      assert.equal(reversed.statusCode, 303);
      assert.deepEqual((await chapterRows(workId)).map((c) => c.id), [c4, c2, c3, c1]);
      const page = await client.get(`/works/${workId}`);
      assert.match(page.body, /Chapter 1: Part 4<\/h2>/);

      const bad = await client.post(`/works/${workId}/chapters/order`, { [`position_${c1}`]: 'first', [`position_${c2}`]: '9' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Chapter numbers must be whole numbers from 1 to 4\./);
      assert.match(bad.body, new RegExp(`id="field-position_${c1}"[^>]*value="first"`));
      assert.deepEqual((await chapterRows(workId)).map((c) => c.id), [c4, c2, c3, c1], 'a refused order changes nothing');
    });

    it('deletes a chapter after confirmation, closing the gap and recounting', async () => {
      const { workId, ids } = await workWithChapters(3);
      const confirm = await client.get(`/works/${workId}/chapters/${ids[1]}/delete`);
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /Yes, delete this chapter/);
      assert.equal((await chapterRows(workId)).length, 3, 'the confirmation page deletes nothing');
      const response = await client.post(`/works/${workId}/chapters/${ids[1]}/delete`);
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, `/works/${workId}`);
      const rows = await chapterRows(workId);
      assert.deepEqual(rows.map((c) => [c.id, c.position]), [[ids[0], 1], [ids[2], 2]]);
      const work = await workRow(workId);
      assert.deepEqual([work.chapter_count, work.word_count, work.expected_chapters], [2, 5 + 3, 3]);
      const newest = await t.db.selectFrom('chapters').select(({ fn }) => fn.max('published_at').as('at')).where('work_id', '=', workId).executeTakeFirstOrThrow();
      assert.equal(work.revised_at.getTime(), new Date(newest.at as Date).getTime(), 'updated date is the newest remaining chapter');
      assert.match((await client.get(`/works/${workId}`)).body, /Chapters:<\/dt><dd>2\/3<\/dd>/);
    });

    it("refuses to delete a work's only chapter, with a clear message", async () => {
      const workId = await buildWork(t.db, owner);
      const [only] = await chapterRows(workId);
      const confirm = await client.get(`/works/${workId}/chapters/${only!.id}/delete`);
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /A work needs at least one chapter/);
      assert.doesNotMatch(confirm.body, /Yes, delete this chapter/);
      const response = await client.post(`/works/${workId}/chapters/${only!.id}/delete`);
      assert.equal(response.statusCode, 409);
      assert.match(response.body, /A work needs at least one chapter/);
      assert.equal((await chapterRows(workId)).length, 1);
      assert.equal((await workRow(workId)).chapter_count, 1);
    });

    it('refuses chapter changes from anyone but the creators, and changes nothing', async () => {
      const { workId, ids } = await workWithChapters(2);
      const before = { work: await workRow(workId), chapters: await chapterRows(workId) };
      const intruder = new TestClient(t.app);
      await signUpThroughForm(intruder);
      const chapter = `/works/${workId}/chapters/${ids[1]}`;
      for (const url of [`/works/${workId}/chapters/new`, `/works/${workId}/chapters/order`, `${chapter}/edit`, `${chapter}/delete`]) {
        assert.equal((await intruder.get(url)).statusCode, 403, `GET ${url}`);
      }
      const posts: [string, Record<string, string>][] = [
        [`/works/${workId}/chapters`, { format: 'plain', body: 'An intruder’s chapter.' }],
        [`/works/${workId}/chapters`, { format: 'plain', body: 'short' }],
        [`/works/${workId}/chapters/order`, { [`position_${ids[1]}`]: '1' }],
        [`${chapter}/edit`, { format: 'plain', body: 'Overwritten by an intruder.', lock_version: '0' }],
        [`${chapter}/delete`, {}],
      ];
      for (const [url, fields] of posts) assert.equal((await intruder.post(url, fields)).statusCode, 403, `POST ${url}`);
      const guest = new TestClient(t.app);
      for (const [url, fields] of posts) assert.equal((await guest.post(url, fields)).statusCode, 401, `guest POST ${url}`);
      const login = await guest.get(`/works/${workId}/chapters/new`);
      assert.equal(login.statusCode, 303);
      assert.match(login.headers.location ?? '', /^\/login\?return_to=/);
      assert.deepEqual({ work: await workRow(workId), chapters: await chapterRows(workId) }, before);
      const page = await intruder.get(chapter);
      assert.doesNotMatch(page.body, /Add chapter|Edit chapter|Delete chapter|Reorder chapters/);
      assert.match((await client.get(chapter)).body, /Edit chapter[\s\S]*Delete chapter/);
    });

    it('holds chapter and work text to 10 to 510,000 characters, keeping what was typed', async () => {
      const workId = await buildWork(t.db, owner);
      const cases = [
        { body: 'Too short', message: /Chapter text must be at least 10 characters\./ },
        { body: 'x'.repeat(510_001), message: /Chapter text must be at most 510,000 characters\./ },
      ];
      for (const { body, message } of cases) {
        const response = await client.post(`/works/${workId}/chapters`, { title: 'Kept chapter title', format: 'plain', body });
        assert.equal(response.statusCode, 400);
        assert.match(response.body, message);
        assert.match(response.body, /value="Kept chapter title"/);
        assert.ok(response.body.includes(`>${body}</textarea>`), 'the typed text is shown again');
      }
      const workForm = await client.get('/works/new');
      const pseud = /<option value="(\d+)" selected/.exec(workForm.body)?.[1] ?? '';
      const short = await client.post('/works', { ...WORK_FORM_DEFAULTS, title: 'Short', pseud_id: pseud, format: 'plain', body: 'Too short' });
      assert.equal(short.statusCode, 400);
      assert.match(short.body, /Work text must be at least 10 characters\./);
      const long = await client.post('/works', { ...WORK_FORM_DEFAULTS, title: 'Long', pseud_id: pseud, format: 'plain', body: 'y'.repeat(510_001) });
      assert.equal(long.statusCode, 400);
      assert.match(long.body, /Work text must be at most 510,000 characters\./);
      assert.equal((await chapterRows(workId)).length, 1);

      const justRight = await client.post(`/works/${workId}/chapters`, { format: 'plain', body: 'z'.repeat(510_000) });
      assert.equal(justRight.statusCode, 303);
      const tenChars = await client.post(`/works/${workId}/chapters`, { format: 'plain', body: 'Ten chars!' });
      assert.equal(tenChars.statusCode, 303);
      assert.equal((await workRow(workId)).chapter_count, 3);
    });

    it('runs a fixed number of queries for the work page, a chapter and the entire work, however many chapters there are', async () => {
      const small = await workWithChapters(2);
      const big = await workWithChapters(12);
      const guest = new TestClient(t.app);
      const pages = (w: { workId: number; ids: number[] }) => [`/works/${w.workId}`, `/works/${w.workId}/chapters/${w.ids[1]}`, `/works/${w.workId}?view=full`, `/works/${w.workId}/chapters`];
      const counts = async (w: { workId: number; ids: number[] }, reader: TestClient) => {
        const result: number[] = [];
        for (const url of pages(w)) {
          t.queries.reset();
          assert.equal((await reader.get(url)).statusCode, 200, url);
          result.push(t.queries.count);
        }
        return result;
      };
      const few = await counts(small, guest);
      assert.deepEqual(await counts(big, guest), few);
      // The work, the chapters being read, the work's places in series (prev/next parts), the
      // comments under it (counts and a page of threads in one query), one query for its kudos
      // list and counts (issue 7), plus the page cache's change-feed check (tests read the feed
      // before every guest page).
      assert.ok(few.every((n) => n <= 6), `a guest's work pages ran ${few.join(', ')} queries`);
      assert.deepEqual(await counts(big, client), await counts(small, client));
    });
  });
}
