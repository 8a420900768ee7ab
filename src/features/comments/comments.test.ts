import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildChapter, buildComment, buildUser, buildWork, loggedInMember, logInThroughForm } from '../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';

const GUEST = { name: 'Wren', email: 'wren@example.org' };

for (const engine of ENGINES) {
  describe(`comments (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    const member = () => loggedInMember(t);

    async function writerWithWork(settings: { comment_permission?: 'everyone' | 'members' | 'nobody'; moderate_comments?: boolean } = {}) {
      const writer = await member();
      const workId = await buildWork(t.db, writer.user, { title: 'Paper Lanterns' });
      if (Object.keys(settings).length > 0) await t.db.updateTable('works').set(settings).where('id', '=', workId).execute();
      return { ...writer, workId };
    }

    async function guestOn(workId: number): Promise<TestClient> {
      const guest = new TestClient(t.app);
      await guest.get(`/works/${workId}`);
      return guest;
    }

    const commentCount = async (workId: number) =>
      Number((await t.db.selectFrom('comments').select((eb) => eb.fn.countAll<string>().as('n')).where('work_id', '=', workId).executeTakeFirstOrThrow()).n);
    const counter = async (workId: number) => (await t.db.selectFrom('works').select('comments_count').where('id', '=', workId).executeTakeFirstOrThrow()).comments_count;
    const inboxOf = (userId: number) => t.db.selectFrom('inbox_items').selectAll().where('user_id', '=', userId).orderBy('id').execute();

    it('takes a guest review: shown with the name, never the email, counted, and the creator is told', async () => {
      const { user: writer, workId } = await writerWithWork();
      const guest = await guestOn(workId);
      const response = await guest.post(`/works/${workId}/comments`, { ...GUEST, body: 'Please keep going!\n\nI cried at the end.' });
      assert.equal(response.statusCode, 303);
      const comment = await t.db.selectFrom('comments').selectAll().where('work_id', '=', workId).executeTakeFirstOrThrow();
      assert.equal(response.headers.location, `/works/${workId}#comment-${comment.id}`);
      assert.equal(comment.body, '<p>Please keep going!</p>\n<p>I cried at the end.</p>');
      assert.equal(await counter(workId), 1);

      const page = await new TestClient(t.app).get(`/works/${workId}`);
      assert.match(page.body, /Comments \(1\)/);
      assert.match(page.body, new RegExp(`id="comment-${comment.id}"`));
      assert.match(page.body, /Wren<\/span> <span class="comment-tag">Guest<\/span>/);
      assert.doesNotMatch(page.body, /wren@example\.org/);
      // The honeypot is hidden from people: off-screen, aria-hidden, out of the tab order, labelled.
      assert.match(page.body, /<div class="comment-honeypot" aria-hidden="true"><label for="comment-homepage">Leave this field empty<\/label><input type="text" id="comment-homepage" name="homepage" tabindex="-1" autocomplete="off" value(="")?\/?><\/div>/);

      const inbox = await inboxOf(writer.id);
      assert.equal(inbox.length, 1);
      assert.equal(inbox[0]!.kind, 'comment');
      assert.equal(inbox[0]!.summary, 'Wren (guest) commented on “Paper Lanterns”.');
      assert.equal(inbox[0]!.url, `/comments/${comment.id}/context`);
    });

    it('lets members comment under a chosen pen name, the default preselected, and refuses someone else’s', async () => {
      const { workId } = await writerWithWork();
      const { user, client } = await member();
      const second = await t.db.insertInto('pseuds').values({ user_id: user.id, name: 'Moth', is_default: false }).returning('id').executeTakeFirstOrThrow();
      const page = await client.get(`/works/${workId}`);
      assert.match(page.body, new RegExp(`<option value="${user.defaultPseudId}" selected`));
      assert.doesNotMatch(page.body, /name="email"/);

      const other = await buildUser(t.db);
      const refused = await client.post(`/works/${workId}/comments`, { pseud_id: String(other.defaultPseudId), body: 'Not me' });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /Choose one of your own pen names/);
      assert.match(refused.body, /Not me/, 'the typed comment is kept');
      assert.equal(await commentCount(workId), 0);

      const posted = await client.post(`/works/${workId}/comments`, { pseud_id: String(second.id), body: 'As Moth' });
      assert.equal(posted.statusCode, 303);
      const shown = await client.get(`/works/${workId}`);
      assert.match(shown.body, new RegExp(`>Moth \\(${user.username}\\)</a>`));
    });

    it('threads replies to depth 5, then links to a page that continues the thread', async () => {
      const { user: writer, workId } = await writerWithWork();
      const reader = await buildUser(t.db);
      const ids: number[] = [];
      for (let depth = 1; depth <= 7; depth++) {
        const author = depth % 2 === 1 ? reader : writer;
        ids.push(await buildComment(t.db, author, workId, { body: `Level ${depth}`, ...(depth > 1 ? { parentId: ids.at(-1)! } : {}) }));
      }
      const page = await new TestClient(t.app).get(`/works/${workId}`);
      for (let depth = 1; depth <= 5; depth++) assert.match(page.body, new RegExp(`Level ${depth}<`));
      assert.doesNotMatch(page.body, /Level 6</);
      assert.match(page.body, new RegExp(`<a href="/comments/${ids[4]}">Continue this thread</a>`));
      assert.match(page.body, /Creator<\/span>/, "the writer's replies are marked as the creator's");

      const thread = await new TestClient(t.app).get(`/comments/${ids[4]}`);
      assert.equal(thread.statusCode, 200);
      assert.match(thread.body, /Level 5</);
      assert.match(thread.body, /Level 7</);
      assert.doesNotMatch(thread.body, /Level 4</);

      const deep = await new TestClient(t.app).get(`/comments/${ids[6]}/context`);
      assert.equal(deep.statusCode, 303);
      assert.equal(deep.headers.location, `/comments/${ids[4]}#comment-${ids[6]}`);
      const shallow = await new TestClient(t.app).get(`/comments/${ids[2]}/context`);
      assert.equal(shallow.headers.location, `/works/${workId}#comment-${ids[2]}`);
    });

    it('tells the author of the comment replied to (a member, not themselves), and the creators', async () => {
      const { user: writer, client: writerClient, workId } = await writerWithWork();
      const { user: reader, client: readerClient } = await member();
      const first = await buildComment(t.db, reader, workId, { body: 'First!' });
      await writerClient.get(`/comments/${first}/reply`);
      const reply = await writerClient.post(`/comments/${first}/replies`, { pseud_id: String(writer.defaultPseudId), body: 'Thank you!' });
      assert.equal(reply.statusCode, 303);
      const readerInbox = await inboxOf(reader.id);
      assert.deepEqual(readerInbox.map((item) => item.kind), ['reply']);
      assert.match(readerInbox[0]!.summary, /replied to your comment on “Paper Lanterns”/);

      await readerClient.get(`/works/${workId}`);
      await readerClient.post(`/comments/${first}/replies`, { pseud_id: String(reader.defaultPseudId), body: 'Talking to myself' });
      assert.equal((await inboxOf(reader.id)).length, 1, 'nobody is told about their own reply');
      const writerInbox = await inboxOf(writer.id);
      assert.deepEqual(writerInbox.map((item) => item.kind), ['comment', 'comment'], 'the creator hears of comments, not of their own reply');
    });

    it('edits your own comment (marked edited) and refuses anyone else’s with a 403', async () => {
      const { workId } = await writerWithWork();
      const { user, client } = await member();
      const id = await buildComment(t.db, user, workId, { body: 'Tpyo' });
      const form = await client.get(`/comments/${id}/edit`);
      assert.equal(form.statusCode, 200);
      const edited = await client.post(`/comments/${id}/edit`, { body: 'Typo fixed' });
      assert.equal(edited.statusCode, 303);
      const page = await client.get(`/works/${workId}`);
      assert.match(page.body, /Typo fixed/);
      assert.match(page.body, /edited <time/);

      const { client: other } = await member();
      await other.get(`/works/${workId}`);
      const refused = await other.post(`/comments/${id}/edit`, { body: 'Hijacked' });
      assert.equal(refused.statusCode, 403);
      const guest = await guestOn(workId);
      assert.equal((await guest.post(`/comments/${id}/edit`, { body: 'Hijacked' })).statusCode, 401);
      const stored = await t.db.selectFrom('comments').select('body').where('id', '=', id).executeTakeFirstOrThrow();
      assert.equal(stored.body, '<p>Typo fixed</p>');
    });

    it('deletes a comment to a placeholder that keeps its replies; creators may delete, others may not', async () => {
      const { user: writer, client: writerClient, workId } = await writerWithWork();
      const { user: reader, client: readerClient } = await member();
      const parent = await buildComment(t.db, reader, workId, { body: 'Parent words' });
      const child = await buildComment(t.db, writer, workId, { parentId: parent, body: 'Child words' });
      const spam = await buildComment(t.db, reader, workId, { body: 'Spam words' });
      assert.equal(await counter(workId), 3);

      const { client: stranger } = await member();
      await stranger.get(`/works/${workId}`);
      assert.equal((await stranger.post(`/comments/${spam}/delete`)).statusCode, 403);

      await readerClient.get(`/comments/${parent}/delete`);
      assert.equal((await readerClient.post(`/comments/${parent}/delete`)).statusCode, 303);
      await writerClient.get(`/works/${workId}`);
      assert.equal((await writerClient.post(`/comments/${spam}/delete`)).statusCode, 303);

      const page = await new TestClient(t.app).get(`/works/${workId}`);
      assert.match(page.body, /This comment was deleted/);
      assert.match(page.body, /Child words/);
      assert.doesNotMatch(page.body, /Parent words|Spam words/);
      assert.equal(await counter(workId), 1);
      assert.match(page.body, /Comments \(1\)/);
      void child;

      // A reply to the deleted comment is refused and writes nothing.
      await readerClient.get(`/works/${workId}`);
      const refused = await readerClient.post(`/comments/${parent}/replies`, { pseud_id: String(reader.defaultPseudId), body: 'Hello?' });
      assert.equal(refused.statusCode, 409);
      assert.match(refused.body, /deleted, so it can’t take replies/);
      assert.equal(await commentCount(workId), 3);
    });

    it('freezes a thread: no replies, no edits, until a creator unfreezes it; others cannot freeze', async () => {
      const { client: writerClient, workId } = await writerWithWork();
      const { user: reader, client: readerClient } = await member();
      const root = await buildComment(t.db, reader, workId, { body: 'Root' });
      const reply = await buildComment(t.db, reader, workId, { parentId: root, body: 'Reply' });

      await readerClient.get(`/works/${workId}`);
      assert.equal((await readerClient.post(`/comments/${root}/freeze`)).statusCode, 403);
      await writerClient.get(`/works/${workId}`);
      assert.equal((await writerClient.post(`/comments/${root}/freeze`)).statusCode, 303);
      const page = await readerClient.get(`/works/${workId}`);
      assert.match(page.body, /Frozen<\/span>/);
      assert.doesNotMatch(page.body, new RegExp(`/comments/${reply}/reply`));

      const refused = await readerClient.post(`/comments/${reply}/replies`, { pseud_id: String(reader.defaultPseudId), body: 'Cold' });
      assert.equal(refused.statusCode, 409);
      assert.match(refused.body, /This thread is frozen/);
      const noEdit = await readerClient.post(`/comments/${reply}/edit`, { body: 'Changed' });
      assert.equal(noEdit.statusCode, 409);
      assert.equal(await commentCount(workId), 2);
      assert.equal((await t.db.selectFrom('comments').select('body').where('id', '=', reply).executeTakeFirstOrThrow()).body, '<p>Reply</p>');

      await writerClient.get(`/works/${workId}`);
      assert.equal((await writerClient.post(`/comments/${root}/unfreeze`)).statusCode, 303);
      await readerClient.get(`/works/${workId}`);
      assert.equal((await readerClient.post(`/comments/${reply}/replies`, { pseud_id: String(reader.defaultPseudId), body: 'Thawed' })).statusCode, 303);
    });

    it('refuses comments where they are off, and guests where they are members-only', async () => {
      const off = await writerWithWork({ comment_permission: 'nobody' });
      const guest = await guestOn(off.workId);
      const page = await guest.get(`/works/${off.workId}`);
      assert.match(page.body, /Comments are turned off on this work/);
      assert.doesNotMatch(page.body, /action="\/works\/\d+\/comments"/);
      const refused = await guest.post(`/works/${off.workId}/comments`, { ...GUEST, body: 'Hello' });
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /Comments are turned off on this work/);
      const { user, client } = await member();
      await client.get(`/works/${off.workId}`);
      assert.equal((await client.post(`/works/${off.workId}/comments`, { pseud_id: String(user.defaultPseudId), body: 'Hello' })).statusCode, 403);
      assert.equal(await commentCount(off.workId), 0);

      const membersOnly = await writerWithWork({ comment_permission: 'members' });
      const guest2 = await guestOn(membersOnly.workId);
      const page2 = await guest2.get(`/works/${membersOnly.workId}`);
      assert.match(page2.body, /Only members of the archive can comment on this work/);
      const refused2 = await guest2.post(`/works/${membersOnly.workId}/comments`, { ...GUEST, body: 'Hello' });
      assert.equal(refused2.statusCode, 401);
      assert.equal(await commentCount(membersOnly.workId), 0);
      await client.get(`/works/${membersOnly.workId}`);
      assert.equal((await client.post(`/works/${membersOnly.workId}/comments`, { pseud_id: String(user.defaultPseudId), body: 'Hello' })).statusCode, 303);
    });

    it('holds comments on a moderated work until a creator approves them', async () => {
      const { user: writer, client: writerClient, workId } = await writerWithWork({ moderate_comments: true });
      const guest = await guestOn(workId);
      const posted = await guest.post(`/works/${workId}/comments`, { ...GUEST, body: 'Held back' });
      assert.equal(posted.statusCode, 303);
      assert.equal(posted.headers.location, `/works/${workId}?comment=held#comments`);
      assert.match((await guest.get(posted.headers.location!)).body, /will appear once a creator of this work approves it/);
      const id = (await t.db.selectFrom('comments').select('id').where('work_id', '=', workId).executeTakeFirstOrThrow()).id;
      assert.equal(await counter(workId), 0);
      assert.doesNotMatch((await new TestClient(t.app).get(`/works/${workId}`)).body, /Held back/);
      assert.equal((await new TestClient(t.app).get(`/comments/${id}`)).statusCode, 404);
      assert.match((await inboxOf(writer.id))[0]!.summary, /waits for your approval/);

      const workPage = await writerClient.get(`/works/${workId}`);
      assert.match(workPage.body, /1 comment waits for your approval/);
      const queue = await writerClient.get(`/works/${workId}/comments/held`);
      assert.match(queue.body, /Held back/);
      const { client: stranger } = await member();
      assert.equal((await stranger.get(`/works/${workId}/comments/held`)).statusCode, 403);
      await stranger.get('/');
      assert.equal((await stranger.post(`/comments/${id}/approve`)).statusCode, 404, 'a held comment is not there for others');

      await writerClient.get(`/works/${workId}/comments/held`);
      assert.equal((await writerClient.post(`/comments/${id}/approve`)).statusCode, 303);
      assert.equal(await counter(workId), 1);
      assert.match((await new TestClient(t.app).get(`/works/${workId}`)).body, /Held back/);

      const { user: creatorReplyCheck } = { user: writer };
      await buildComment(t.db, creatorReplyCheck, workId, { body: 'Creators are never held' });
      assert.equal(await counter(workId), 2);
    });

    it('deletes a held comment from the moderation queue', async () => {
      const { client: writerClient, workId } = await writerWithWork({ moderate_comments: true });
      const guest = await guestOn(workId);
      await guest.post(`/works/${workId}/comments`, { ...GUEST, body: 'Buy pills' });
      const id = (await t.db.selectFrom('comments').select('id').where('work_id', '=', workId).executeTakeFirstOrThrow()).id;
      await writerClient.get(`/works/${workId}/comments/held`);
      const deleted = await writerClient.post(`/comments/${id}/delete`, { return_to: 'queue' });
      assert.equal(deleted.headers.location, `/works/${workId}/comments/held`);
      assert.doesNotMatch((await writerClient.get(`/works/${workId}/comments/held`)).body, /Buy pills/);
      assert.equal(await counter(workId), 0);
    });

    describe('bad input: a clear message, a 4xx, and nothing written', () => {
      const cases: { name: string; fields: Record<string, string>; status: number; message: RegExp }[] = [
        { name: 'an empty body', fields: { ...GUEST, body: '   ' }, status: 400, message: /Comment can&#39;t be blank|Comment can't be blank/ },
        { name: 'a body over 10,000 characters', fields: { ...GUEST, body: 'a'.repeat(10_001) }, status: 400, message: /Comment must be at most 10,000 characters/ },
        { name: 'a body with nothing left after sanitizing', fields: { ...GUEST, body: '<script>alert(1)</script>' }, status: 400, message: /nothing left to show/ },
        { name: 'a filled honeypot', fields: { ...GUEST, body: 'Nice', homepage: 'http://spam.example' }, status: 400, message: /asked to leave empty/ },
        { name: 'three links from a guest', fields: { ...GUEST, body: 'see http://a.example and https://b.example and www.c.example' }, status: 400, message: /at most 2 links/ },
        { name: 'a line break in the guest name', fields: { ...GUEST, name: 'Wren\r\nBcc: victim@example.org', body: 'Hi' }, status: 400, message: /Name can&#39;t contain line breaks|Name can't contain line breaks/ },
        { name: 'a trailing line feed in the guest name', fields: { ...GUEST, name: 'Wren\n', body: 'Hi' }, status: 400, message: /line breaks or other control characters/ },
        { name: 'a control character in the guest name', fields: { ...GUEST, name: 'Wr\u0007en', body: 'Hi' }, status: 400, message: /control characters/ },
        { name: 'a bad email', fields: { ...GUEST, email: 'not-an-email', body: 'Hi' }, status: 400, message: /Enter an email address/ },
        { name: 'a missing email', fields: { name: 'Wren', body: 'Hi' }, status: 400, message: /Email/ },
        { name: 'a chapter of another work', fields: { ...GUEST, body: 'Hi', chapter_id: '999999999' }, status: 400, message: /not part of this work/ },
      ];
      for (const testCase of cases) {
        it(`refuses ${testCase.name}`, async () => {
          const { workId } = await writerWithWork();
          const guest = await guestOn(workId);
          const response = await guest.post(`/works/${workId}/comments`, testCase.fields);
          assert.equal(response.statusCode, testCase.status, response.body.slice(0, 300));
          assert.match(response.body, testCase.message);
          assert.equal(await commentCount(workId), 0);
          assert.equal(await counter(workId), 0);
        });
      }

      it('takes exactly 10,000 characters, counted as typed, and links from members', async () => {
        const { workId } = await writerWithWork();
        const guest = await guestOn(workId);
        assert.equal((await guest.post(`/works/${workId}/comments`, { ...GUEST, body: 'é'.repeat(10_000) })).statusCode, 303);
        const { user, client } = await member();
        await client.get(`/works/${workId}`);
        const links = await client.post(`/works/${workId}/comments`, { pseud_id: String(user.defaultPseudId), body: 'http://a.example http://b.example http://c.example' });
        assert.equal(links.statusCode, 303);
      });

      it('refuses every comment POST without a CSRF token', async () => {
        const { user, workId } = await writerWithWork();
        const id = await buildComment(t.db, user, workId);
        const { client } = await member();
        await client.get(`/works/${workId}`);
        for (const path of [`/works/${workId}/comments`, `/comments/${id}/replies`, `/comments/${id}/edit`, `/comments/${id}/delete`, `/comments/${id}/freeze`, `/comments/${id}/approve`]) {
          const response = await client.post(path, { ...GUEST, pseud_id: String(user.defaultPseudId), body: 'Forged' }, { csrf: false });
          assert.equal(response.statusCode, 403, path);
        }
        assert.equal(await commentCount(workId), 1);
      });
    });

    it('saves who may comment and moderation from the work form', async () => {
      const { client, workId } = await writerWithWork();
      const form = await client.get(`/works/${workId}/edit`);
      assert.match(form.body, /name="comment_permission" value="everyone" checked/);
      const fields: Record<string, string | string[]> = {};
      for (const match of form.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields[match[1]!] = match[2]!;
      const response = await client.post(`/works/${workId}/edit`, {
        ...fields,
        title: 'Paper Lanterns', rating: 'General Audiences', warnings: ['No Archive Warnings Apply'], fandoms: 'Original Work', language: 'en',
        body: '<p>Once upon a time there was a story.</p>', comment_permission: 'members', moderate_comments: '1',
      });
      assert.equal(response.statusCode, 303, response.body.slice(0, 500));
      const row = await t.db.selectFrom('works').select(['comment_permission', 'moderate_comments']).where('id', '=', workId).executeTakeFirstOrThrow();
      assert.deepEqual(row, { comment_permission: 'members', moderate_comments: true });
      const again = await client.get(`/works/${workId}/edit`);
      assert.match(again.body, /value="members" checked/);
      assert.match(again.body, /name="moderate_comments" value="1" checked/);
    });

    it('keeps chapter comments on their chapter, and lists them all on the work page', async () => {
      const { user: writer, workId } = await writerWithWork();
      const second = await buildChapter(t.db, writer, workId, { title: 'Storm' });
      const guest = await guestOn(workId);
      await guest.get(`/works/${workId}/chapters/${second}`);
      assert.equal((await guest.post(`/works/${workId}/comments`, { ...GUEST, body: 'On chapter two', chapter_id: String(second) })).statusCode, 303);
      const chapterPage = await guest.get(`/works/${workId}/chapters/${second}`);
      assert.match(chapterPage.body, /On chapter two/);
      assert.match(chapterPage.body, /name="chapter_id" value=/);
      const first = (await t.db.selectFrom('chapters').select('id').where('work_id', '=', workId).where('position', '=', 1).executeTakeFirstOrThrow()).id;
      assert.doesNotMatch((await guest.get(`/works/${workId}/chapters/${first}`)).body, /On chapter two/);
      const workPage = await guest.get(`/works/${workId}`);
      assert.match(workPage.body, /on Chapter 2/);
    });

    it('pages top-level comments 20 at a time and finds a comment’s page', async () => {
      const { workId } = await writerWithWork();
      const reader = await buildUser(t.db);
      const ids: number[] = [];
      for (let i = 1; i <= 21; i++) ids.push(await buildComment(t.db, reader, workId, { body: `Number ${i}.` }));
      const first = await new TestClient(t.app).get(`/works/${workId}`);
      assert.match(first.body, /Number 20\./);
      assert.doesNotMatch(first.body, /Number 21\./);
      assert.match(first.body, /Comments \(21\)/);
      const second = await new TestClient(t.app).get(`/works/${workId}?comments_page=2`);
      assert.match(second.body, /Number 21\./);
      const context = await new TestClient(t.app).get(`/comments/${ids[20]}/context`);
      assert.equal(context.headers.location, `/works/${workId}?comments_page=2#comment-${ids[20]}`);
      assert.equal((await new TestClient(t.app).get(`/works/${workId}?comments_page=3`)).statusCode, 404);
      assert.equal((await new TestClient(t.app).get(`/works/${workId}?comments_page=x`)).statusCode, 400);
    });

    it('runs a fixed number of queries for the work page, with one comment or many threads', async () => {
      const { workId } = await writerWithWork();
      const reader = await buildUser(t.db);
      const { client } = await member();
      const firstId = await buildComment(t.db, reader, workId, { body: 'Only one' });
      t.queries.reset();
      assert.equal((await client.get(`/works/${workId}`)).statusCode, 200);
      const few = t.queries.count;

      for (let i = 0; i < 12; i++) {
        const root = await buildComment(t.db, reader, workId, { body: `Root ${i}` });
        let parent = root;
        for (let depth = 0; depth < 6; depth++) parent = await buildComment(t.db, reader, workId, { parentId: parent, body: `Reply ${i}.${depth}` });
      }
      await buildComment(t.db, reader, workId, { parentId: firstId, body: 'And another' });
      t.queries.reset();
      const many = await client.get(`/works/${workId}`);
      assert.match(many.body, /Reply 11\.3/);
      assert.equal(t.queries.count, few, t.queries.statements.join('\n'));
    });

    describe('rate limits', () => {
      let limited: TestApp;
      before(async () => {
        limited = await startTestApp(engine, { commentLimitPerAccount: 2, commentLimitPerAddress: 3, commentLimitMinutes: 10 });
      });
      after(() => limited.close());

      it('answers 429 with a readable page past the per-account and per-address limits, keeping only hashed addresses', async () => {
        const writer = await buildUser(limited.db);
        const workId = await buildWork(limited.db, writer);
        const user = await buildUser(limited.db);
        const client = new TestClient(limited.app);
        await logInThroughForm(client, user.username);
        await client.get(`/works/${workId}`);
        const post = (c: TestClient, fields: Record<string, string>) => c.post(`/works/${workId}/comments`, fields);
        assert.equal((await post(client, { pseud_id: String(user.defaultPseudId), body: 'One' })).statusCode, 303);
        assert.equal((await post(client, { pseud_id: String(user.defaultPseudId), body: 'Two' })).statusCode, 303);
        const third = await post(client, { pseud_id: String(user.defaultPseudId), body: 'Three' });
        assert.equal(third.statusCode, 429);
        assert.match(third.headers['content-type'] as string, /text\/html/);
        assert.match(third.body, /Try again in 10 minutes\./);
        const wait = Number(third.headers['retry-after']);
        assert.ok(wait > 540 && wait <= 600, `Retry-After: ${third.headers['retry-after']} (seconds)`);

        // The address (127.0.0.1) has one comment left, then guests from it are refused too.
        const guest = new TestClient(limited.app);
        await guest.get(`/works/${workId}`);
        assert.equal((await post(guest, { ...GUEST, body: 'Guest one' })).statusCode, 303);
        const refused = await post(guest, { ...GUEST, body: 'Guest two' });
        assert.equal(refused.statusCode, 429);
        assert.match(refused.body, /Try again in \d+ minutes?\./);
        assert.match(String(refused.headers['retry-after']), /^[1-9]\d*$/);
        assert.equal(Math.ceil(Number(refused.headers['retry-after']) / 60), Number(/Try again in (\d+) minute/.exec(refused.body)![1]), 'the page and the header agree');

        const bodies = (await limited.db.selectFrom('comments').select('body').where('work_id', '=', workId).execute()).map((row) => row.body);
        assert.deepEqual(bodies.sort(), ['<p>Guest one</p>', '<p>One</p>', '<p>Two</p>']);
        const keys = (await limited.db.selectFrom('comment_attempts').select('key').execute()).map((row) => row.key);
        assert.ok(keys.length > 0);
        assert.ok(keys.every((key) => !key.includes('127.0.0.1')), keys.join(', '));
      });

      it('counts concurrent posts one after another: 8 at once from a fresh account make exactly 2', async () => {
        const burst = await startTestApp(engine, { commentLimitPerAccount: 2, commentLimitPerAddress: 100 });
        try {
          const writer = await buildUser(burst.db);
          const workId = await buildWork(burst.db, writer);
          const user = await buildUser(burst.db);
          const client = new TestClient(burst.app);
          await logInThroughForm(client, user.username);
          await client.get(`/works/${workId}`);
          const responses = await Promise.all(
            Array.from({ length: 8 }, (_, i) => client.post(`/works/${workId}/comments`, { pseud_id: String(user.defaultPseudId), body: `Burst ${i}` })),
          );
          assert.deepEqual(responses.map((r) => r.statusCode).sort(), [303, 303, 429, 429, 429, 429, 429, 429]);
          assert.ok(responses.filter((r) => r.statusCode === 429).every((r) => Number(r.headers['retry-after']) > 0), 'every 429 says when');
          const rows = await burst.db.selectFrom('comments').select('id').where('work_id', '=', workId).execute();
          assert.equal(rows.length, 2);
          assert.equal((await burst.db.selectFrom('works').select('comments_count').where('id', '=', workId).executeTakeFirstOrThrow()).comments_count, 2);
        } finally {
          await burst.close();
        }
      });
    });
  });
}
