import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ENGINES } from '../../../../test/support/databases.ts';
import { buildUser, buildWork, logInThroughForm, loggedInMember, uniqueName, type BuiltUser } from '../../../../test/support/builders.ts';
import { startTestApp, TestClient, type TestApp } from '../../../../test/support/test-app.ts';
import { listAudit } from '../../audit/audit.repository.ts';
import { tagPath } from '../tags.model.ts';

/** A multipart/form-data body as a browser sends the upload form: the CSRF field first, then the file. */
function multipart(fields: Record<string, string>, file?: { name: string; content: string | Buffer }): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----quire${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/json\r\n\r\n`));
    parts.push(Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function upload(client: TestClient, content: string | Buffer, options: { csrf?: boolean } = {}) {
  if (!client.csrfToken) await client.get('/admin/tag-sets');
  const { payload, headers } = multipart(options.csrf === false ? {} : { _csrf: client.csrfToken ?? '' }, { name: 'tags.json', content });
  return client.postRaw('/admin/tag-sets', payload, headers);
}

const problemLines = (html: string) => [...html.matchAll(/<li><code>([^<]*)<\/code><\/li>/g)].map((m) => m[1]!);

for (const engine of ENGINES) {
  describe(`admin tag set upload (${engine})`, () => {
    let t: TestApp;
    let admin: BuiltUser;
    let client: TestClient;

    before(async () => {
      t = await startTestApp(engine);
      admin = await buildUser(t.db, { roles: ['admin'] });
      client = new TestClient(t.app);
      await logInThroughForm(client, admin.username);
    });
    after(() => t.close());

    it('is for admins only: guests are sent to log in, members are refused', async () => {
      const guest = await new TestClient(t.app).get('/admin/tag-sets');
      assert.equal(guest.statusCode, 303);
      assert.equal(guest.headers.location, `/login?return_to=${encodeURIComponent('/admin/tag-sets')}`);
      assert.equal((await new TestClient(t.app).get('/admin/tag-sets/export.json')).statusCode, 303);

      const { client: member } = await loggedInMember(t);
      assert.equal((await member.get('/admin/tag-sets')).statusCode, 403);
      assert.equal((await member.get('/admin/tag-sets/export.json')).statusCode, 403);
      const name = uniqueName('Member Fandom');
      const posted = await upload(member, JSON.stringify({ tags: [{ type: 'fandom', name }] }));
      assert.equal(posted.statusCode, 403);
      assert.equal(await t.db.selectFrom('tags').select('id').where('name', '=', name).executeTakeFirst(), undefined);
    });

    it('shows the upload form with a JSON file input and the export link', async () => {
      const page = await client.get('/admin/tag-sets');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<form method="post" action="\/admin\/tag-sets" enctype="multipart\/form-data"/);
      assert.match(page.body, /<label for="field-file">/);
      assert.match(page.body, /<input type="file" id="field-file" name="file" accept=".json,application\/json"/);
      assert.match(page.body, /href="\/admin\/tag-sets\/export.json"/);
    });

    it('refuses an upload without the CSRF token and changes nothing', async () => {
      const name = uniqueName('Forged Fandom');
      const forged = await upload(client, JSON.stringify({ tags: [{ type: 'fandom', name }] }), { csrf: false });
      assert.equal(forged.statusCode, 403);
      assert.equal(await t.db.selectFrom('tags').select('id').where('name', '=', name).executeTakeFirst(), undefined);
    });

    it('imports a file, moves works under the canonical tag at once, shows the counts, and changes nothing the second time', async () => {
      const writer = await buildUser(t.db);
      const n = { fandom: uniqueName('Sherlock'), synonym: uniqueName('BBC Sherlock'), john: uniqueName('John Watson') };
      await buildWork(t.db, writer, { title: 'Under the synonym', fandoms: [n.synonym] });
      const text = JSON.stringify({ tags: [{ type: 'fandom', name: n.fandom, synonyms: [n.synonym] }, { type: 'character', name: n.john, parents: [n.fandom] }] });

      const first = await upload(client, text);
      assert.equal(first.statusCode, 303, first.body.slice(0, 500));
      assert.equal(first.headers.location, '/admin/tag-sets?imported=2.2.4');
      const done = await client.get(first.headers.location!);
      assert.match(done.body, /Imported 2 canonical tags: 2 created, 4 changed\./);
      const tagPage = await new TestClient(t.app).get(tagPath('fandom', n.fandom));
      assert.equal(tagPage.statusCode, 200);
      assert.match(tagPage.body, /Under the synonym/);

      const audit = await listAudit(t.db, { limit: 5 });
      assert.equal(audit[0]?.action, 'tag_set.imported');
      assert.equal(audit[0]?.actorName, admin.username);
      assert.match(audit[0]!.summary, /2 created, 4 changed/);

      const second = await upload(client, text);
      assert.equal(second.headers.location, '/admin/tag-sets?imported=2.0.0');
      assert.equal((await listAudit(t.db, { limit: 1 }))[0]?.id, audit[0]!.id, 'an import that changes nothing is not logged');
    });

    it('re-renders the page with status 400 and every problem, escaped, with its JSON path', async () => {
      const good = uniqueName('Fine Fandom');
      const bad = await upload(client, JSON.stringify({ tags: [{ type: 'fandom', name: good }, { type: 'media', name: 'Books' }, { type: 'freeform', name: '<b>bold</b>' }] }));
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /<title>Error: Tag sets/);
      const lines = problemLines(bad.body);
      assert.equal(lines.length, 2, lines.join('\n'));
      assert.match(lines[0]!, /^tags\[1\]\.type: &quot;media&quot; tags are fixed by the archive/);
      assert.match(lines[1]!, /^tags\[2\]\.name: .*&lt;b>bold&lt;\/b>/);
      assert.doesNotMatch(bad.body, /<b>bold/);
      assert.equal(await t.db.selectFrom('tags').select('id').where('name', '=', good).executeTakeFirst(), undefined);

      const notJson = await upload(client, '{"tags": [');
      assert.equal(notJson.statusCode, 400);
      assert.match(problemLines(notJson.body)[0]!, /^\(file\): not valid JSON/);
      const binary = await upload(client, Buffer.from([0xff, 0xfe, 0x00]));
      assert.equal(binary.statusCode, 400);
      assert.match(binary.body, /not UTF-8 text/);
      const empty = await upload(client, '');
      assert.equal(empty.statusCode, 400);
      assert.match(empty.body, /choose a tag set file/);
    });

    it('refuses a file over the size limit with 413 and a clear message', async () => {
      const huge = Buffer.alloc(21 * 1024 * 1024, 0x20);
      const response = await upload(client, huge);
      assert.equal(response.statusCode, 413);
      assert.match(response.body, /larger than 20 MB/);
    });

    it('downloads the export as a JSON attachment', async () => {
      const name = uniqueName('Exported Fandom');
      assert.equal((await upload(client, JSON.stringify({ tags: [{ type: 'fandom', name }] }))).statusCode, 303);
      const response = await client.get('/admin/tag-sets/export.json');
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /^application\/json/);
      assert.equal(response.headers['content-disposition'], 'attachment; filename="tag-set.json"');
      const set = JSON.parse(response.body) as { tags: { name: string }[] };
      assert.ok(set.tags.some((tag) => tag.name === name));
    });
  });
}
