import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { loggedInMember } from '../../../test/support/builders.ts';
import { ENGINES } from '../../../test/support/databases.ts';
import { startTestApp, TestClient, type TestApp } from '../../../test/support/test-app.ts';
import { canonicalTag, synonymTag } from '../../../test/support/wrangling-builders.ts';
import { buildDocx, buildZip } from './detector/docx-builder.ts';

/** A songfic written for this test: a note, a disclaimer naming a fandom synonym and a song, prose, a stanza, a scene break. */
const STORY = [
  'A/N: Hi all, this one has been sitting in my drafts forever. Be nice!',
  '',
  'Disclaimer: I don\'t own Harbour Lights, and the song "Paper Boats" is by The Lantern Choir.',
  '',
  'Fog Over The Pier',
  '',
  'Nell Okafor walked the length of the pier twice before she let herself look at the water. The boats were all in, tied up and knocking together like teeth.',
  '',
  'Nell had promised Tomas Vey she would be there by six. It was nearly seven, and the light was going.',
  '',
  '',
  'Fold me a boat out of yesterday',
  '',
  'Set it down where the river runs',
  '',
  '',
  'She found Tomas Vey at the end of the pier, sitting on an upturned crate with his coat collar up, and Nell sat beside him.',
  '',
  '* * *',
  '',
  'In the morning the harbour was white with fog, and Nell could not see the far wall at all.',
  '',
  'Please review and tell me what you think!',
].join('\n');

type Fields = Record<string, string | string[]>;
type Upload = { name: string; content: Buffer; type?: string };

/** A multipart/form-data body as a browser sends the import forms: the CSRF field first. */
function multipart(fields: Fields, file?: Upload): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----quire${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    for (const one of Array.isArray(value) ? value : [value]) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${one}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function postMultipart(client: TestClient, url: string, fields: Fields, file?: Upload, options: { csrf?: boolean } = {}) {
  if (!client.csrfToken) await client.get('/works/import');
  const { payload, headers } = multipart(options.csrf === false ? fields : { _csrf: client.csrfToken ?? '', ...fields }, file);
  return client.postRaw(url, payload, headers);
}

const unescape = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** The preview's hidden carried structure, as the browser would send it back. */
function carriedWork(html: string): string {
  const match = /<input type="hidden" name="work" value="([^"]*)"/.exec(html);
  assert.ok(match, 'the preview carries the structure');
  return unescape(match[1]!);
}

/** The value and label of each checkbox named `name` on the preview, and whether it is ticked. */
function checkboxes(html: string, name: string): { value: string; checked: boolean; label: string }[] {
  const pattern = new RegExp(`<input type="checkbox" id="[^"]+" name="${name}" value="([^"]+)"( checked)?\\s*/?>([^<]*)`, 'g');
  return [...html.matchAll(pattern)].map((m) => ({ value: m[1]!, checked: Boolean(m[2]), label: unescape(m[3]!).trim() }));
}

const KB = 1024;

for (const engine of ENGINES) {
  describe(`import a work page (${engine})`, () => {
    let t: TestApp;
    let client: TestClient;

    before(async () => {
      t = await startTestApp(engine, { importMaxBytes: 64 * KB });
      const fandom = await canonicalTag(t.db, 'fandom', 'Harbour Lights (TV 2019)');
      await synonymTag(t.db, 'fandom', 'Harbour Lights', fandom);
      const nell = await canonicalTag(t.db, 'character', 'Nell Okafor', [fandom]);
      const tomas = await canonicalTag(t.db, 'character', 'Tomas Vey', [fandom]);
      await canonicalTag(t.db, 'relationship', 'Nell Okafor/Tomas Vey', [fandom, nell, tomas]);
      ({ client } = await loggedInMember(t));
    });
    after(() => t.close());

    const countWorks = async () => Number((await t.db.selectFrom('works').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

    it('is for members: guests are sent to log in, and their posts refused', async () => {
      const guest = new TestClient(t.app);
      const page = await guest.get('/works/import');
      assert.equal(page.statusCode, 303);
      assert.equal(page.headers.location, `/login?return_to=${encodeURIComponent('/works/import')}`);
      await guest.get('/login');
      assert.equal((await postMultipart(guest, '/works/import', { text: STORY })).statusCode, 401);
      assert.equal((await postMultipart(guest, '/works/import/draft', { work: '{}' })).statusCode, 401);
    });

    it('shows the form: a labelled textarea, file input and format select; "Post a work" links to it', async () => {
      const page = await client.get('/works/import');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<form method="post" action="\/works\/import" enctype="multipart\/form-data"/);
      assert.match(page.body, /<label for="field-text">/);
      assert.match(page.body, /<input type="file" id="field-file" name="file" accept=".txt,.html,.htm,.docx,.md/);
      assert.match(page.body, /<option value="docx"[^>]*>Word \(.docx\)<\/option>/);
      assert.match((await client.get('/works/new')).body, /<a href="\/works\/import">Import a work<\/a>/);
    });

    it('previews a pasted songfic: title, notes, song, lyrics marked, suggestions ticked with evidence', async () => {
      const before = await countWorks();
      const page = await postMultipart(client, '/works/import', { text: STORY, format: '' });
      assert.equal(page.statusCode, 200, page.body);
      const html = page.body;
      assert.match(html, /<h1>Check the import<\/h1>/);
      assert.match(html, /<input type="text" id="field-title" name="title" maxLength="255" value="Fog Over The Pier"/i);
      assert.match(html, /Hi all, this one has been sitting/);
      assert.match(html, /Paper Boats by The Lantern Choir/);
      assert.match(html, /<blockquote class="lyrics"><p class="import-lines">Fold me a boat out of yesterday\nSet it down where the river runs<\/p><\/blockquote>/);
      const lyrics = checkboxes(html, 'lyrics');
      assert.equal(lyrics.filter((c) => c.checked).length, 1, 'one stanza ticked as lyrics');
      const tags = checkboxes(html, 'tag');
      assert.deepEqual(tags.map((c) => c.label), ['Fandom: Harbour Lights (TV 2019)', 'Character: Nell Okafor']);
      assert.ok(tags.every((c) => c.checked));
      assert.match(html, /Found in: <q>[^<]*Harbour Lights/);
      assert.equal(await countWorks(), before, 'a preview writes nothing');
    });

    it('previews an uploaded Word document', async () => {
      const docx = buildDocx([
        [{ text: 'Lanterns' }],
        [{ text: 'Nell Okafor lit the lanterns along the harbour wall one by one while the tide came in, as she had every night that winter in Harbour Lights.' }],
        [{ text: 'Fold me a boat out of yesterday', italic: true }],
        [{ text: 'Set it down where the river runs', italic: true }],
        [{ text: 'Tomas Vey watched her from the boathouse door and did not say a word until she reached the end of the wall.' }],
      ]);
      const page = await postMultipart(client, '/works/import', { text: '', format: '' }, { name: 'story.docx', content: docx });
      assert.equal(page.statusCode, 200, page.body);
      assert.match(page.body, /<h1>Check the import<\/h1>/);
      assert.match(page.body, /Nell Okafor lit the lanterns/);
      assert.match(page.body, /<blockquote class="lyrics">/);
      assert.ok(checkboxes(page.body, 'tag').some((c) => c.label === 'Fandom: Harbour Lights (TV 2019)'));
    });

    it('creates the draft as the writer fixed it: a block switched to lyrics, a suggestion unticked, a new title', async () => {
      const preview = (await postMultipart(client, '/works/import', { text: STORY })).body;
      const lyrics = checkboxes(preview, 'lyrics');
      const promised = lyrics[1]!; // "Nell had promised…", detected as prose
      assert.equal(promised.checked, false);
      const tags = checkboxes(preview, 'tag').filter((c) => c.label !== 'Character: Nell Okafor');
      const posted = await postMultipart(client, '/works/import/draft', {
        work: carriedWork(preview),
        title: 'Fog on the Pier',
        fandoms: '',
        lyrics: [...lyrics.filter((c) => c.checked).map((c) => c.value), promised.value],
        tag: tags.map((c) => c.value),
      });
      assert.equal(posted.statusCode, 303, posted.body);
      const location = posted.headers.location!;
      assert.match(location, /^\/works\/\d+$/);
      const html = (await client.get(`${location}?view=full`)).body;
      assert.match(html, /This is a draft\./);
      assert.match(html, />Fog on the Pier</);
      // The switched paragraph and the stanza after it share one lyric block.
      assert.match(html, /<blockquote class="lyrics">\s*<p>Nell had promised Tomas Vey she would be there by six[^<]*<\/p>\s*<p>Fold me a boat out of yesterday<br \/>/);
      assert.ok(!html.includes('>Nell Okafor<'), 'the unticked character is not tagged');
      assert.ok(html.includes('Harbour Lights (TV 2019)'));
    });

    it('moves the title: the detected title back into the story, a paragraph of the story out as the title', async () => {
      const preview = (await postMultipart(client, '/works/import', { text: STORY })).body;
      assert.match(preview, /<input type="checkbox" id="field-title-to-story" name="title_to_story" value="yes"\/> Put “Fog Over The Pier” back/);
      const option = /<option value="(0\.\d+)">Paragraph \d+: Nell had promised/.exec(preview);
      assert.ok(option, 'a short paragraph near the start is offered as the title');
      const lyrics = checkboxes(preview, 'lyrics').filter((c) => c.checked).map((c) => c.value);
      const posted = await postMultipart(client, '/works/import/draft', {
        work: carriedWork(preview),
        title: 'Fog Over The Pier',
        title_to_story: 'yes',
        title_from: option[1]!,
        fandoms: '',
        lyrics,
        tag: checkboxes(preview, 'tag').map((c) => c.value),
      });
      assert.equal(posted.statusCode, 303, posted.body);
      const html = (await client.get(`${posted.headers.location!}?view=full`)).body;
      assert.match(html, /<h1 lang="en">Nell had promised Tomas Vey/);
      // The old title is now the story's first paragraph, and the paragraph used as the title is gone from it.
      assert.match(html, /<p>Fog Over The Pier<\/p>\s*<p>Nell Okafor walked the length of the pier/);
      assert.ok(!/<p>Nell had promised/.test(html), 'the paragraph moved to the title is not also in the story');
    });

    it('refuses bad input with a 4xx and a clear message, and writes nothing', async () => {
      const before = await countWorks();
      const cases: { fields: Fields; file?: Upload; status: number; message: RegExp }[] = [
        { fields: { text: '   ' }, status: 400, message: /Paste a story or choose a file/ },
        { fields: { text: '' }, file: { name: 'empty.txt', content: Buffer.alloc(0) }, status: 400, message: /Paste a story or choose a file/ },
        { fields: { text: '' }, file: { name: 'photo.txt', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]) }, status: 400, message: /not text, HTML, Markdown or a Word/ },
        { fields: { text: '' }, file: { name: 'bad.txt', content: Buffer.from([0x48, 0x69, 0x20, 0xc3, 0x28, 0x21]) }, status: 400, message: /UTF-8/ },
        { fields: { text: '' }, file: { name: 'bomb.docx', content: buildZip([{ name: 'word/document.xml', data: Buffer.alloc(1024 * 1024), declaredSize: 1000 }]) }, status: 400, message: /./ },
        { fields: { text: 'Hello there, a story.', format: 'pdf' }, status: 400, message: /format/i },
        { fields: { text: '' }, file: { name: 'huge.txt', content: Buffer.alloc(65 * KB, 'a') }, status: 413, message: /larger than 0\.1 MB, the import limit/ },
        { fields: { text: 'a'.repeat(65 * KB) }, status: 413, message: /pasted text is larger than 0\.1 MB/ },
      ];
      for (const { fields, file, status, message } of cases) {
        const page = await postMultipart(client, '/works/import', fields, file);
        assert.equal(page.statusCode, status, `${JSON.stringify(fields).slice(0, 60)} ${file?.name ?? ''}: ${page.body.slice(0, 200)}`);
        assert.match(page.body, /The story was not imported\. Nothing was saved\./);
        assert.match(page.body, message);
      }
      assert.equal(await countWorks(), before);
    });

    it('refuses a tampered or invalid preview with 400, re-rendering the preview with the reason', async () => {
      const before = await countWorks();
      const preview = (await postMultipart(client, '/works/import', { text: STORY })).body;
      const work = JSON.parse(carriedWork(preview)) as Record<string, unknown>;
      for (const forged of ['not json', '{}', JSON.stringify({ ...work, chapters: [] }), JSON.stringify({ ...work, extra: 1 }), JSON.stringify({ ...work, chapters: [{ title: null, blocks: [{ kind: 'script', text: 'x' }] }] })]) {
        const page = await postMultipart(client, '/works/import/draft', { work: forged, title: 'x' });
        assert.equal(page.statusCode, 400, forged.slice(0, 40));
        assert.match(page.body, /The preview could not be read back/);
      }
      // Every suggestion unticked: no fandom, so the preview comes back with the message and the choices kept.
      const noFandom = await postMultipart(client, '/works/import/draft', { work: carriedWork(preview), title: 'Kept title' });
      assert.equal(noFandom.statusCode, 400);
      assert.match(noFandom.body, /The draft was not created/);
      assert.match(noFandom.body, /No fandom of the archive was found in the text/);
      assert.match(noFandom.body, /value="Kept title"/);
      assert.equal(checkboxes(noFandom.body, 'tag').filter((c) => c.checked).length, 0);
      assert.equal(await countWorks(), before);
    });

    it('refuses both posts without the CSRF token', async () => {
      const before = await countWorks();
      assert.equal((await postMultipart(client, '/works/import', { text: STORY }, undefined, { csrf: false })).statusCode, 403);
      const preview = (await postMultipart(client, '/works/import', { text: STORY })).body;
      const forged = await postMultipart(client, '/works/import/draft', { work: carriedWork(preview), tag: '0' }, undefined, { csrf: false });
      assert.equal(forged.statusCode, 403);
      assert.equal(await countWorks(), before);
    });
  });
}
