import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import nodemailer from 'nodemailer';
import { sql } from 'kysely';
import { ENGINES } from '../../../test/support/databases.ts';
import { buildChapter, buildSubscription, buildUser, buildWork, logInThroughForm, loggedInMember } from '../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';
import { toMailOptions, type Mailer } from '../../platform/mail/mailer.ts';
import { signUnsubscribeToken, unsubscribeKey } from './unsubscribe-token.ts';

const SECRET = 'test-secret-that-is-long-enough-0123456789';

/** A mailer over nodemailer's stream transport: builds each real MIME message and keeps it. */
function recordingMailer(): Mailer & { messages: string[] } {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const messages: string[] = [];
  return {
    messages,
    async send(email) {
      const info = await transport.sendMail(toMailOptions('Quire <noreply@example.org>', email));
      // Unfold long headers (RFC 5322 folding) so tests can read them line by line.
      messages.push((info.message as Buffer).toString('utf8').replace(/\n[ \t]+/g, ' '));
    },
    close: () => transport.close(),
  };
}

for (const engine of ENGINES) {
  describe(`notices and email (${engine})`, () => {
    let t: TestApp;
    const mailer = recordingMailer();
    before(async () => {
      t = await startTestApp(engine, { smtpUrl: 'smtp://mail.example.org:25', publicUrl: 'https://archive.example.org' }, { mailer });
    });
    after(() => t.close());

    const inboxOf = (userId: number) => t.db.selectFrom('inbox_items').selectAll().where('user_id', '=', userId).orderBy('id').execute();
    const outboxTo = (address: string) => t.db.selectFrom('email_outbox').selectAll().where('to_address', '=', address).orderBy('id').execute();

    it('turns a posted chapter into an inbox notice and an email whose one-click link works without a session', async () => {
      const author = await buildUser(t.db);
      const workId = await buildWork(t.db, author, { title: 'Paper Lanterns' });
      const { user: reader, client } = await loggedInMember(t);
      await client.get(`/works/${workId}`);
      assert.equal((await client.post('/subscriptions', { target_type: 'work', target_id: String(workId) })).statusCode, 303);

      const writer = new TestClient(t.app);
      await logInThroughForm(writer, author.username);
      await writer.get(`/works/${workId}/chapters/new`);
      const posted = await writer.post(`/works/${workId}/chapters`, { title: 'The Festival', body: 'Lanterns rose.', format: 'plain' });
      assert.equal(posted.statusCode, 303);
      assert.equal((await inboxOf(reader.id)).length, 0, 'nothing before the job runs');

      await t.runPendingJobs();
      const inbox = await inboxOf(reader.id);
      assert.equal(inbox.length, 1);
      assert.equal(inbox[0]!.kind, 'new_chapter');
      assert.equal(inbox[0]!.url, posted.headers.location);
      assert.match(inbox[0]!.summary, /Chapter 2 \(The Festival\) of “Paper Lanterns”/);

      const [email] = await outboxTo(reader.email);
      assert.ok(email);
      assert.equal(email.subject, '[Quire] New chapter of “Paper Lanterns”');
      assert.ok(email.sent_at, 'delivered through the mailer');
      assert.ok(email.body_text.includes(`https://archive.example.org${posted.headers.location}`));
      assert.ok(email.unsubscribe_path && email.body_text.includes(`https://archive.example.org${email.unsubscribe_path}`));
      const message = mailer.messages.find((m) => m.includes(`To: ${reader.email}`));
      assert.ok(message);
      assert.match(message, new RegExp(`^List-Unsubscribe: <https://archive\\.example\\.org${email.unsubscribe_path.replace(/[.]/g, '\\.')}>$`, 'm'));
      assert.match(message, /^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);

      // A stranger's browser: no session, no CSRF token. GET only asks; POST unsubscribes.
      const stranger = new TestClient(t.app);
      const confirm = await stranger.get(email.unsubscribe_path);
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /Stop getting notices about the work “Paper Lanterns”/);
      assert.equal((await t.db.selectFrom('subscriptions').select('id').where('user_id', '=', reader.id).execute()).length, 1);
      const done = await stranger.postRaw(email.unsubscribe_path, 'List-Unsubscribe=One-Click');
      assert.equal(done.statusCode, 200);
      assert.match(done.body, /you won't get notices about the work “Paper Lanterns” any more/);
      assert.equal((await t.db.selectFrom('subscriptions').select('id').where('user_id', '=', reader.id).execute()).length, 0);
      const again = await stranger.postRaw(email.unsubscribe_path, 'List-Unsubscribe=One-Click');
      assert.equal(again.statusCode, 200);
      assert.match(again.body, /Already unsubscribed/);
    });

    it('accepts the one-click POST as multipart/form-data, as RFC 8058 prefers', async () => {
      const author = await buildUser(t.db);
      const reader = await buildUser(t.db);
      const subscriptionId = await buildSubscription(t.db, reader, { type: 'user', id: author.id });
      const token = signUnsubscribeToken(unsubscribeKey(SECRET), { kind: 'subscription', subscriptionId, userId: reader.id });
      const boundary = 'xyzBOUNDARY';
      const body = `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`;
      const response = await new TestClient(t.app).postRaw(`/unsubscribe/${token}`, body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
      assert.equal(response.statusCode, 200);
      assert.equal((await t.db.selectFrom('subscriptions').select('id').where('id', '=', subscriptionId).execute()).length, 0);
    });

    it('answers a tampered, forged or expired link with 400 and changes nothing', async () => {
      const author = await buildUser(t.db);
      const reader = await buildUser(t.db);
      const subscriptionId = await buildSubscription(t.db, reader, { type: 'user', id: author.id });
      const key = unsubscribeKey(SECRET);
      const good = signUnsubscribeToken(key, { kind: 'subscription', subscriptionId, userId: reader.id });
      const otherSubscription = signUnsubscribeToken(key, { kind: 'subscription', subscriptionId: subscriptionId + 1, userId: reader.id }).split('.');
      const tampered = [...good.split('.').slice(0, 4), otherSubscription[4]].join('.');
      const forged = signUnsubscribeToken(unsubscribeKey('some-other-secret-that-is-long-enough-0000'), { kind: 'subscription', subscriptionId, userId: reader.id });
      const expired = signUnsubscribeToken(key, { kind: 'subscription', subscriptionId, userId: reader.id }, new Date(Date.now() - 91 * 86_400_000));
      const client = new TestClient(t.app);
      for (const token of [tampered, forged, 'not-a-token', `${good}x`]) {
        const shown = await client.get(`/unsubscribe/${encodeURIComponent(token)}`);
        assert.equal(shown.statusCode, 400, token);
        assert.match(shown.body, /This unsubscribe link is not valid/);
        assert.equal((await client.postRaw(`/unsubscribe/${encodeURIComponent(token)}`, 'List-Unsubscribe=One-Click')).statusCode, 400);
      }
      const old = await client.postRaw(`/unsubscribe/${expired}`, 'List-Unsubscribe=One-Click');
      assert.equal(old.statusCode, 400);
      assert.match(old.body, /This unsubscribe link has expired/);
      assert.equal((await t.db.selectFrom('subscriptions').select('id').where('id', '=', subscriptionId).execute()).length, 1);
    });

    it('announces nothing for a post that rolls back', async () => {
      const author = await buildUser(t.db);
      const workId = await buildWork(t.db, author, { title: 'Fails on save' });
      const reader = await buildUser(t.db);
      await buildSubscription(t.db, reader, { type: 'work', id: workId });
      await t.runPendingJobs();
      // Make the work-row update at the end of adding a chapter fail, after the chapter and its announcement were written.
      await sql`create function test_refuse_update() returns trigger language plpgsql as $$ begin raise exception 'refused for the test'; end $$`.execute(t.db);
      await sql.raw(`create trigger test_refuse before update on works for each row when (new.id = ${workId}) execute function test_refuse_update()`).execute(t.db);
      try {
        await assert.rejects(buildChapter(t.db, author, workId), /refused for the test/);
      } finally {
        await sql`drop trigger test_refuse on works`.execute(t.db);
        await sql`drop function test_refuse_update()`.execute(t.db);
      }
      assert.equal((await t.db.selectFrom('notification_events').select('id').where('work_id', '=', workId).execute()).length, 0);
      await t.runPendingJobs();
      assert.equal((await inboxOf(reader.id)).length, 0);
      assert.equal((await outboxTo(reader.email)).length, 0);
      // The committed chapter after it is announced.
      await buildChapter(t.db, author, workId);
      await t.runPendingJobs();
      assert.equal((await inboxOf(reader.id)).length, 1);
    });

    it('announces no draft, and a new work when the draft is posted, to author and series subscribers once each', async () => {
      const author = await buildUser(t.db);
      const { user: reader } = await loggedInMember(t);
      const bothWays = await buildUser(t.db);
      const draftId = await buildWork(t.db, author, { title: 'Still Drafting', action: 'draft' });
      const seriesId = (await t.db.insertInto('series').values({ title: 'The Cycle', summary: '', notes: '', complete: false }).returning('id').executeTakeFirstOrThrow()).id;
      await t.db.insertInto('series_creatorships').values({ series_id: seriesId, pseud_id: author.defaultPseudId, position: 1 }).execute();
      await t.db.insertInto('serial_works').values({ series_id: seriesId, work_id: draftId, position: 1 }).execute();
      await buildSubscription(t.db, reader, { type: 'user', id: author.id });
      await buildSubscription(t.db, bothWays, { type: 'user', id: author.id });
      await buildSubscription(t.db, bothWays, { type: 'series', id: seriesId });
      await buildChapter(t.db, author, draftId);
      await t.runPendingJobs();
      assert.equal((await inboxOf(reader.id)).length, 0, 'drafts and their chapters announce nothing');

      const writer = new TestClient(t.app);
      await logInThroughForm(writer, author.username);
      await writer.get(`/works/${draftId}`);
      assert.equal((await writer.post(`/works/${draftId}/post`)).statusCode, 303);
      await t.runPendingJobs();
      const [notice] = await inboxOf(reader.id);
      assert.equal(notice?.kind, 'new_work');
      assert.match(notice.summary, /posted a new work: “Still Drafting”/);
      const both = await inboxOf(bothWays.id);
      assert.equal(both.length, 1, 'one notice for a member following the author and the series');
      assert.equal((await inboxOf(author.id)).length, 0);
    });

    it('tells series subscribers when a posted work joins the series, members-only works included', async () => {
      const author = await buildUser(t.db);
      const reader = await buildUser(t.db);
      const workId = await buildWork(t.db, author, { title: 'Members Only Piece', restricted: true });
      const writer = new TestClient(t.app);
      await logInThroughForm(writer, author.username);
      await writer.get(`/works/${workId}/series`);
      const created = await writer.post(`/works/${workId}/series`, { series_id: 'new', new_series_title: 'Quiet Cycle', position: '' });
      assert.equal(created.statusCode, 303, created.body.slice(0, 300));
      const seriesId = Number(/\/series\/(\d+)/.exec(created.headers.location ?? '')?.[1]);
      await t.runPendingJobs();
      await buildSubscription(t.db, reader, { type: 'series', id: seriesId });
      const second = await buildWork(t.db, author, { title: 'Second Piece' });
      await writer.get(`/works/${second}/series`);
      assert.equal((await writer.post(`/works/${second}/series`, { series_id: String(seriesId), new_series_title: '', position: '' })).statusCode, 303);
      await t.runPendingJobs();
      const inbox = await inboxOf(reader.id);
      assert.equal(inbox.length, 1);
      assert.equal(inbox[0]!.kind, 'series_update');
      assert.match(inbox[0]!.summary, /“Second Piece” .* the series “Quiet Cycle”/);
    });

    it('collects digest-mode notices into one daily email, and sends none with email off', async () => {
      const author = await buildUser(t.db);
      const workId = await buildWork(t.db, author, { title: 'Slow Burn' });
      const digestReader = await buildUser(t.db);
      const quietReader = await buildUser(t.db);
      await t.db.insertInto('email_settings').values([{ user_id: digestReader.id, mode: 'digest' }, { user_id: quietReader.id, mode: 'off' }]).execute();
      await buildSubscription(t.db, digestReader, { type: 'work', id: workId });
      await buildSubscription(t.db, quietReader, { type: 'work', id: workId });
      await buildChapter(t.db, author, workId, { title: 'Two' });
      await buildChapter(t.db, author, workId, { title: 'Three' });
      await t.runPendingJobs();
      assert.equal((await inboxOf(digestReader.id)).length, 2);
      assert.equal((await inboxOf(quietReader.id)).length, 2);
      assert.equal((await outboxTo(digestReader.email)).length, 0, 'no email before the digest');
      assert.equal((await t.db.selectFrom('email_digest_items').select('id').where('user_id', '=', digestReader.id).execute()).length, 2);

      await t.runJob('email-digest');
      const [digest, ...more] = await outboxTo(digestReader.email);
      assert.equal(more.length, 0);
      assert.equal(digest?.subject, '[Quire] Your daily digest: 2 updates');
      assert.match(digest.body_text, /Chapter 2 \(Two\) of “Slow Burn”[\s\S]*Chapter 3 \(Three\) of “Slow Burn”/);
      assert.equal((await t.db.selectFrom('email_digest_items').select('id').where('user_id', '=', digestReader.id).execute()).length, 0);
      assert.equal((await outboxTo(quietReader.email)).length, 0);

      // The digest's one-click link turns notice email off.
      await new TestClient(t.app).postRaw(digest.unsubscribe_path ?? '', 'List-Unsubscribe=One-Click');
      assert.equal((await t.db.selectFrom('email_settings').select('mode').where('user_id', '=', digestReader.id).executeTakeFirstOrThrow()).mode, 'off');
    });

    it('never lets a title, pen name or address break an email header', async () => {
      const author = await buildUser(t.db);
      const workId = await buildWork(t.db, author);
      // Form validation keeps these out; the mail path must hold even if something slips past it.
      await t.db.updateTable('works').set({ title: 'Evil\r\nBcc: victim@example.org\r\n\r\nbody' }).where('id', '=', workId).execute();
      await t.db.updateTable('pseuds').set({ name: 'Odd\u2028Name\tX\u0085' }).where('id', '=', author.defaultPseudId).execute();
      const reader = await buildUser(t.db);
      const badAddress = await buildUser(t.db);
      await t.db.updateTable('users').set({ email: `${badAddress.username}@example.org\r\nBcc: victim@example.org` }).where('id', '=', badAddress.id).execute();
      await buildSubscription(t.db, reader, { type: 'work', id: workId });
      await buildSubscription(t.db, badAddress, { type: 'work', id: workId });
      const before = mailer.messages.length;
      await buildChapter(t.db, author, workId);
      await t.runPendingJobs();

      const [email] = await outboxTo(reader.email);
      assert.ok(email);
      assert.doesNotMatch(email.subject, /[\r\n\u2028\u0085\t]/);
      assert.equal(email.subject, '[Quire] New chapter of “Evil Bcc: victim@example.org body”');
      const sent = mailer.messages.slice(before).filter((m) => m.includes(reader.username) || m.includes(badAddress.username));
      assert.equal(sent.length, 1, 'only the safe address got mail');
      assert.doesNotMatch(sent[0]!, /^Bcc:/im);
      assert.match(sent[0]!, /^Subject: .*Evil/m);
      assert.equal((await inboxOf(badAddress.id)).length, 1, 'the inbox notice still arrives');
      assert.equal((await t.db.selectFrom('email_outbox').select('id').where('user_id', '=', badAddress.id).execute()).length, 0);
      // And the database itself refuses a header with a line break.
      await assert.rejects(t.db.insertInto('email_outbox').values({ user_id: null, to_address: 'a@example.org', subject: 'Hi\r\nBcc: x@example.org', body_text: '', unsubscribe_path: null }).execute());
      assert.throws(() => toMailOptions('Quire <q@example.org>', { to: 'a@example.org', subject: 'Hi\nBcc: x@example.org', text: '' }));
    });

    it('shows the outbox to admins only, paged', async () => {
      const guest = new TestClient(t.app);
      assert.equal((await guest.get('/admin/outbox')).headers.location, '/login?return_to=%2Fadmin%2Foutbox');
      const { client: member } = await loggedInMember(t);
      assert.equal((await member.get('/admin/outbox')).statusCode, 403);
      const admin = await buildUser(t.db, { roles: ['admin'] });
      const client = new TestClient(t.app);
      await logInThroughForm(client, admin.username);
      await t.db.insertInto('email_outbox').values({ user_id: null, to_address: 'someone@example.org', subject: 'Hello <there>', body_text: 'Line one\nLine two', unsubscribe_path: null }).execute();
      const page = await client.get('/admin/outbox');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /someone@example\.org/);
      assert.match(page.body, /Hello &lt;there>/);
      assert.match(page.body, /Line one\nLine two/);
      assert.equal((await client.get('/admin/outbox?page=0')).statusCode, 400);
      assert.equal((await client.get('/admin/outbox?page=999')).statusCode, 404);
    });
  });
}
