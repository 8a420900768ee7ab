/**
 * `quire import`, spawned as a writer or an admin runs it: bad input is refused with exit 2 and
 * one line on stderr before any database is opened; a dry run prints the ImportedWork JSON and
 * nothing else; --as creates a draft, on PGlite and on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { buildDocx, buildZip } from '../../src/features/importing/detector/docx-builder.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import { createEmptyPostgresDatabase } from '../support/databases.ts';

const root = path.resolve(import.meta.dirname, '../..');
const QUIRE_BIN = path.join(root, 'bin/quire.js');
const tmpRoot = fs.mkdtempSync(path.join(process.env.QUIRE_TEST_TMP ?? os.tmpdir(), 'quire-import-'));
after(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!['PORT', 'HOST', 'DATABASE_URL', 'LOG_LEVEL', 'NODE_TEST_CONTEXT'].includes(key) && !key.startsWith('QUIRE_')) env[key] = value;
  }
  return env;
}

function runQuire(args: string[], env: Record<string, string>, input?: string | Buffer): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [QUIRE_BIN, ...args], { cwd: tmpRoot, env: { ...baseEnv(), ...env }, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdin?.on('error', () => undefined); // the CLI may stop reading early (too large)
    if (input !== undefined) child.stdin?.end(input);
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const describeRun = (r: RunResult) => `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;

function file(name: string, content: string | Buffer): string {
  const full = path.join(tmpRoot, name);
  fs.writeFileSync(full, content);
  return full;
}

/** A songfic written for these tests: notes, a disclaimer naming a fandom synonym and a song, lyrics, a break. */
const STORY = [
  'A/N: My first try at one of these, be gentle.',
  '',
  'Disclaimer: I don\'t own Harbour Lights, and the song "Paper Boats" is by The Lantern Choir.',
  '',
  'Low Tide',
  '',
  'Nell Okafor walked the length of the pier twice before she let herself look at the water. The boats were all in, tied up and knocking together like teeth, and the gulls had given up for the night.',
  '',
  'Nell had promised Tomas she would be there by six. It was nearly seven.',
  '',
  '',
  'Fold me a boat out of yesterday',
  '',
  'Set it down where the river runs',
  '',
  '',
  'She found Tomas Vey at the end of the pier. Nell sat down beside him and said nothing at all.',
  '',
  '* * *',
  '',
  'In the morning the harbour was white with fog, and Tomas was gone.',
  '',
  '',
  'Fold me a boat out of yesterday',
  '',
  'Set it down where the river runs',
  '',
  '',
  'Please review!',
].join('\n');

const TAG_SET = {
  tags: [
    { type: 'fandom', name: 'Harbour Lights (TV 2019)', synonyms: ['Harbour Lights'] },
    { type: 'character', name: 'Nell Okafor', parents: ['Harbour Lights (TV 2019)'] },
    { type: 'character', name: 'Tomas Vey', parents: ['Harbour Lights (TV 2019)'] },
    { type: 'relationship', name: 'Nell Okafor/Tomas Vey', parents: ['Harbour Lights (TV 2019)', 'Nell Okafor', 'Tomas Vey'] },
  ],
};

describe('quire import: bad input is exit 2, one line, and never opens the database', { concurrency: true }, () => {
  const dataDir = path.join(tmpRoot, 'never-created');
  const env = { QUIRE_DATA_DIR: dataDir };
  after(() => assert.ok(!fs.existsSync(dataDir), 'no refused import touches the data folder'));

  const zeros = Buffer.alloc(20 * 1024 * 1024);
  const cases: { name: string; args: () => string[]; input?: Buffer; env?: Record<string, string>; message: RegExp }[] = [
    { name: 'an empty file', args: () => [file('empty.txt', ''), '--as', 'someone'], message: /^Error: The file is empty/ },
    { name: 'a binary that is not a Word document', args: () => [file('image.bin', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 3, 0, 0, 255, 254])), '--dry-run'], message: /^Error: This file is not text, HTML, Markdown or a Word/ },
    { name: 'text given as DOCX', args: () => [file('story.txt', STORY), '--format', 'docx', '--dry-run'], message: /^Error: This file is not a Word \(\.docx\) document\./ },
    { name: 'a zip bomb', args: () => [file('bomb.docx', buildZip([{ name: 'word/document.xml', data: zeros }])), '--dry-run'], message: /^Error: This Word document unpacks to far more data than a story needs, so it was not opened\.$/ },
    { name: 'a file over QUIRE_IMPORT_MAX_BYTES', args: () => [file('big.txt', 'word '.repeat(1000)), '--dry-run'], env: { QUIRE_IMPORT_MAX_BYTES: '2048' }, message: /^Error: .*big\.txt is larger than 2 KB, the import limit \(QUIRE_IMPORT_MAX_BYTES\)\.$/ },
    { name: 'standard input over the limit', args: () => ['-', '--dry-run'], input: Buffer.from('word '.repeat(1000)), env: { QUIRE_IMPORT_MAX_BYTES: '2048' }, message: /^Error: Standard input is larger than/ },
    { name: 'invalid UTF-8', args: () => [file('latin1.txt', Buffer.from('Caf\xe9 au lait, and a long story after it.', 'latin1')), '--dry-run'], message: /^Error: This file is not valid UTF-8 text\./ },
    { name: 'an unknown format', args: () => [file('story2.txt', STORY), '--format', 'pdf', '--dry-run'], message: /^Error: Unknown format "pdf"\. Choose one of: text, html, docx, md\.$/ },
    { name: 'a file that does not exist', args: () => [path.join(tmpRoot, 'missing.txt'), '--dry-run'], message: /^Error: Can't read .*missing\.txt: no such file\.$/ },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}`, { timeout: 120_000 }, async () => {
      const result = await runQuire(['import', ...c.args()], { ...env, ...c.env }, c.input);
      assert.equal(result.code, 2, describeRun(result));
      assert.equal(result.stdout, '');
      assert.equal(result.stderr.trimEnd().split('\n').length, 1, `one line: ${result.stderr}`);
      assert.match(result.stderr.trimEnd(), c.message);
    });
  }

  it('without --dry-run needs --as, and says so with the usage (exit 2)', { timeout: 120_000 }, async () => {
    const result = await runQuire(['import', file('story3.txt', STORY)], env);
    assert.equal(result.code, 2, describeRun(result));
    assert.match(result.stderr, /^quire import needs --as USERNAME to create a draft, or --dry-run/);
    const help = await runQuire(['--help'], env);
    assert.match(help.stdout, /import FILE \[--format text\|html\|docx\|md\] \[--dry-run\] \[--json\] \[--as USERNAME\]/);
    assert.match(help.stdout, /QUIRE_IMPORT_MAX_BYTES/);
  });
});

for (const engine of ['pglite', 'postgres'] as const) {
  describe(`quire import on ${engine}`, { concurrency: false }, () => {
    let env: Record<string, string>;
    let drop: (() => Promise<void>) | undefined;
    const storyFile = () => file(`story-${engine}.txt`, STORY);
    const open = () => openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.QUIRE_DATA_DIR!, poolSize: 1 });
    const countWorks = async () => {
      const database = await open();
      try {
        return Number((await database.db.selectFrom('works').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      } finally {
        await database.close();
      }
    };
    after(() => drop?.());

    it('sets up an archive with tags and a writer', { timeout: 180_000 }, async () => {
      env = { QUIRE_DATA_DIR: path.join(tmpRoot, `data-${engine}`) };
      if (engine === 'postgres') {
        const database = await createEmptyPostgresDatabase();
        drop = () => database.drop();
        env.DATABASE_URL = database.url;
      }
      const tags = await runQuire(['tags', 'import', file(`tags-${engine}.json`, JSON.stringify(TAG_SET))], env);
      assert.equal(tags.code, 0, describeRun(tags));
      const admin = await runQuire(['admin', 'create', '--email', 'writer@example.org', '--name', 'writer'], env, 'a long enough password\n');
      assert.equal(admin.code, 0, describeRun(admin));
    });

    it('--dry-run --json prints exactly the ImportedWork JSON, the same from a file and from stdin, and writes nothing', { timeout: 180_000 }, async () => {
      const fromFile = await runQuire(['import', storyFile(), '--dry-run', '--json'], env);
      assert.equal(fromFile.code, 0, describeRun(fromFile));
      const work = JSON.parse(fromFile.stdout) as Record<string, unknown>;
      assert.deepEqual(Object.keys(work).sort(), ['chapters', 'disclaimer', 'notes', 'songs', 'suggestedTags', 'suggestedWarnings', 'summary', 'title', 'wordCount']);
      assert.equal(work.title, 'Low Tide');
      assert.deepEqual(work.songs, [{ title: 'Paper Boats', artist: 'The Lantern Choir' }]);
      assert.deepEqual(work.notes, { beginning: 'A/N: My first try at one of these, be gentle.', end: 'Please review!' });
      const chapters = work.chapters as { title: string | null; blocks: { kind: string; lines?: string[] }[] }[];
      assert.equal(chapters.length, 1);
      assert.deepEqual(chapters[0]!.blocks.map((b) => b.kind), ['prose', 'prose', 'lyrics', 'prose', 'break', 'prose', 'lyrics']);
      assert.deepEqual(chapters[0]!.blocks[2]!.lines, ['Fold me a boat out of yesterday', 'Set it down where the river runs']);
      assert.equal(typeof work.wordCount, 'number');
      assert.deepEqual(work.suggestedTags, [
        { type: 'fandom', name: 'Harbour Lights (TV 2019)', evidence: 'Disclaimer: I don\'t own Harbour Lights, and the song "Paper Boats" is by The Lantern Choir.' },
        { type: 'character', name: 'Nell Okafor', evidence: 'Nell Okafor walked the length of the pier twice before she let herself look at the water.' },
        { type: 'character', name: 'Tomas Vey', evidence: 'Nell had promised Tomas she would be there by six.' },
        { type: 'relationship', name: 'Nell Okafor/Tomas Vey', evidence: 'Nell had promised Tomas she would be there by six.' },
      ]);
      assert.deepEqual(work.suggestedWarnings, []);
      const fromStdin = await runQuire(['import', '-', '--dry-run', '--json'], env, STORY);
      assert.equal(fromStdin.code, 0, describeRun(fromStdin));
      assert.equal(fromStdin.stdout, fromFile.stdout);
      const docx = await runQuire(['import', file(`story-${engine}.docx`, buildDocx([[{ text: 'A/N: short one.' }], [{ text: "Disclaimer: I don't own Harbour Lights." }], [{ text: 'The harbour was quiet that night, and nobody came down to the water.' }]])), '--dry-run', '--json'], env);
      assert.equal(docx.code, 0, describeRun(docx));
      assert.deepEqual((JSON.parse(docx.stdout) as { suggestedTags: { name: string }[] }).suggestedTags.map((t) => t.name), ['Harbour Lights (TV 2019)']);
      assert.equal(await countWorks(), 0);
    });

    it('--as creates a draft and prints its address; the draft has its text, lyrics, song credit and tags', { timeout: 180_000 }, async () => {
      const result = await runQuire(['import', storyFile(), '--as', 'writer'], env);
      assert.equal(result.code, 0, describeRun(result));
      const match = /^\/works\/(\d+)\n$/.exec(result.stdout);
      assert.ok(match, result.stdout);
      const workId = Number(match[1]);
      const database = await open();
      try {
        const { db } = database;
        const work = await db.selectFrom('works').select(['title', 'posted', 'notes', 'end_notes']).where('id', '=', workId).executeTakeFirstOrThrow();
        assert.deepEqual({ title: work.title, posted: work.posted }, { title: 'Low Tide', posted: false });
        assert.match(work.notes, /My first try at one of these[\s\S]*I don&#39;t own Harbour Lights|My first try at one of these[\s\S]*I don't own Harbour Lights/);
        assert.match(work.end_notes, /Please review!/);
        const chapters = await db.selectFrom('chapters').select('body').where('work_id', '=', workId).execute();
        assert.equal(chapters.length, 1);
        assert.match(chapters[0]!.body, /<blockquote class="lyrics">\s*<p>Fold me a boat out of yesterday<br \/>\s*Set it down where the river runs<\/p>\s*<\/blockquote>/);
        assert.match(chapters[0]!.body, /<hr \/>/);
        const songs = await db.selectFrom('song_credits').select(['title', 'artist']).where('work_id', '=', workId).execute();
        assert.deepEqual(songs, [{ title: 'Paper Boats', artist: 'The Lantern Choir' }]);
        const tags = await db.selectFrom('work_tags').innerJoin('tags', 'tags.id', 'work_tags.tag_id').select(['tags.type', 'tags.name']).where('work_id', '=', workId).orderBy('work_tags.position').execute();
        assert.deepEqual(tags.map((t) => `${t.type}:${t.name}`), [
          'rating:Not Rated',
          'warning:Creator Chose Not To Use Archive Warnings',
          'fandom:Harbour Lights (TV 2019)',
          'relationship:Nell Okafor/Tomas Vey',
          'character:Nell Okafor',
          'character:Tomas Vey',
        ]);
        const owner = await db.selectFrom('creatorships').innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id').select(['pseuds.name', 'pseuds.is_default']).where('work_id', '=', workId).execute();
        assert.deepEqual(owner, [{ name: 'writer', is_default: true }]);
      } finally {
        await database.close();
      }
    });

    it('refuses an unknown member, and a story with no fandom of the archive, with exit 2 and nothing written', { timeout: 180_000 }, async () => {
      const before = await countWorks();
      const nobody = await runQuire(['import', storyFile(), '--as', 'nobody_here'], env);
      assert.equal(nobody.code, 2, describeRun(nobody));
      assert.equal(nobody.stderr.trimEnd(), 'Error: There is no member named nobody_here.');
      const noFandom = await runQuire(['import', '-', '--as', 'writer'], env, 'A story about a lighthouse keeper who climbed the stairs every night to light the lamp.');
      assert.equal(noFandom.code, 2, describeRun(noFandom));
      assert.match(noFandom.stderr, /^Error: The draft was not created: No fandom of the archive was found in the text/);
      assert.equal(noFandom.stdout, '');
      assert.equal(await countWorks(), before);
      const withFandom = await runQuire(['import', '-', '--as', 'writer', '--fandom', 'Original Work'], env, 'A story about a lighthouse keeper who climbed the stairs every night to light the lamp.');
      assert.equal(withFandom.code, 0, describeRun(withFandom));
      assert.equal(await countWorks(), before + 1);
    });
  });
}
