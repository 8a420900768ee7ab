/**
 * `quire dev seed`, spawned as a developer runs it, on PGlite and on PostgreSQL: the same seed
 * makes the same archive (on either engine), every derived column agrees with what the app
 * itself computes, the seeded works read over HTTP, and bad arguments or a non-empty archive
 * are exit 2 with one clear message and nothing written.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config.ts';
import { countWordsInHtml } from '../../src/features/works/word-count.ts';
import { recomputeFilterTagsOfWorkRange } from '../../src/features/tags/tag-graph.repository.ts';
import { searchDocumentSql } from '../../src/features/search/search.repository.ts';
import { openDatabase, type DatabaseHandle, type Engine } from '../../src/platform/db/database.ts';
import type { Db } from '../../src/platform/db/schema.ts';
import { buildApp } from '../../src/platform/http/app.ts';
import { createEmptyPostgresDatabase, ENGINES } from '../support/databases.ts';

const root = path.resolve(import.meta.dirname, '../..');
const QUIRE_BIN = path.join(root, 'bin/quire.js');
const tmpRoot = fs.mkdtempSync(path.join(process.env.QUIRE_TEST_TMP ?? os.tmpdir(), 'quire-seed-'));
const WORKS = 200;

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

function runQuire(args: string[], env: Record<string, string>): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [QUIRE_BIN, ...args], { cwd: tmpRoot, env: { ...baseEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const describeRun = (r: RunResult) => `exit ${r.code}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;

/** A place to seed into: a fresh PGlite data folder or an empty PostgreSQL database. */
interface Target {
  env: Record<string, string>;
  open(): Promise<DatabaseHandle>;
  drop(): Promise<void>;
}

let folders = 0;
async function newTarget(engine: Engine): Promise<Target> {
  if (engine === 'pglite') {
    const dataDir = path.join(tmpRoot, `data-${++folders}`);
    return {
      env: { QUIRE_DATA_DIR: dataDir },
      open: () => openDatabase({ databaseUrl: undefined, dataDir, poolSize: 1 }),
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const database = await createEmptyPostgresDatabase();
  return { env: { DATABASE_URL: database.url }, open: () => openDatabase({ databaseUrl: database.url, dataDir: '', poolSize: 2 }), drop: database.drop };
}

async function withOpen<T>(target: Target, run: (db: Db) => Promise<T>): Promise<T> {
  const handle = await target.open();
  try {
    return await run(handle.db);
  } finally {
    await handle.close();
  }
}

/** Everything the seed decides, as one hash: works, chapters, tags on works, the tag graph, creators. */
async function fingerprint(db: Db): Promise<string> {
  const result = await sql<{ f: string }>`
    select md5(concat_ws('#',
      (select string_agg(concat_ws('|', id, title, summary, notes, word_count, chapter_count, expected_chapters, extract(epoch from published_at),
         extract(epoch from revised_at), language, posted, restricted, filter_tag_ids, hits_count, kudos_count, comments_count, bookmarks_count), ';' order by id) from works),
      (select string_agg(concat_ws('|', work_id, position, title, md5(body), word_count), ';' order by work_id, position) from chapters),
      (select string_agg(concat_ws('|', work_id, tag_id, position), ';' order by work_id, tag_id) from work_tags),
      (select string_agg(concat_ws('|', id, type, name, canonical, synonym_of, taggings_count), ';' order by id) from tags),
      (select string_agg(concat_ws('|', parent_id, child_id), ';' order by parent_id, child_id) from tag_parents),
      (select string_agg(concat_ws('|', meta_id, sub_id), ';' order by meta_id, sub_id) from meta_tags),
      (select string_agg(concat_ws('|', c.work_id, p.name, u.username), ';' order by c.work_id, p.id) from creatorships c join pseuds p on p.id = c.pseud_id join users u on u.id = p.user_id),
      (select string_agg(concat_ws('|', series_id, work_id, position), ';' order by series_id, position) from serial_works),
      (select string_agg(concat_ws('|', work_id, position, title, artist), ';' order by work_id, position) from song_credits)
    )) as f
  `.execute(db);
  return result.rows[0]!.f;
}

/** Thrown to roll a checking transaction back. */
class Rollback extends Error {}

const count = async (db: Db, query: ReturnType<typeof sql<{ n: number }>>) => Number((await query.execute(db)).rows[0]!.n);

after(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

describe('quire dev seed: bad arguments are exit 2, one message, and never open the database', { concurrency: true }, () => {
  const dataDir = path.join(tmpRoot, 'never-created');
  after(() => assert.ok(!fs.existsSync(dataDir), 'no refused seed touches the data folder'));
  const cases: { args: string[]; message: RegExp }[] = [
    { args: [], message: /^quire dev seed needs --works N/ },
    { args: ['--works', '0'], message: /^--works must be a whole number from 1 to 10,000,000 \(got "0"\)\./ },
    { args: ['--works', 'many'], message: /^--works must be a whole number/ },
    { args: ['--works', '1e3'], message: /^--works must be a whole number/ },
    { args: ['--works', '20000000'], message: /^--works must be a whole number from 1 to 10,000,000/ },
    { args: ['--works', '10', '--seed', '4294967296'], message: /^--seed must be a whole number from 0 to 2,147,483,647 \(got "4294967296"\)\./ },
    { args: ['--works', '10', '--force'], message: /Unknown option '--force'/ },
    { args: ['--works', '10', 'extra'], message: /^quire dev seed takes no argument \(got "extra"\)\./ },
  ];
  for (const c of cases) {
    it(`refuses dev seed ${c.args.join(' ') || '(no arguments)'}`, async () => {
      const result = await runQuire(['dev', 'seed', ...c.args], { QUIRE_DATA_DIR: dataDir });
      assert.equal(result.code, 2, describeRun(result));
      assert.match(result.stderr, c.message);
      assert.equal(result.stdout, '');
    });
  }
  it('refuses an unknown dev command', async () => {
    const result = await runQuire(['dev', 'reset'], { QUIRE_DATA_DIR: dataDir });
    assert.equal(result.code, 2, describeRun(result));
    assert.match(result.stderr, /^Unknown dev command: reset\. Try: quire dev seed --works 1000/);
  });
});

// Filled by the PostgreSQL run, compared with by the PGlite run: the engines agree.
const fingerprints = new Map<Engine, string>();

for (const engine of ENGINES) {
  describe(`quire dev seed on ${engine}`, () => {
    let target: Target;
    let seeded: RunResult;

    before(async () => {
      target = await newTarget(engine);
      seeded = await runQuire(['dev', 'seed', '--works', String(WORKS), '--seed', '5'], target.env);
    });
    after(() => target.drop());

    it('seeds the archive and says what it made, with progress on stderr', async () => {
      assert.equal(seeded.code, 0, describeRun(seeded));
      assert.match(seeded.stdout, /^Seeded 200 works \(ids \d+–\d+, seed 5\) on \w+ in [\d.]+ s\. A 5,000-word work: \/works\/\d+\. Log in as \w+ /);
      assert.match(seeded.stderr, /Works 200 \/ 200 \(100%\)/);
      assert.match(seeded.stderr, /Rebuilt works_filter_tag_ids_idx/);
      const fp = await withOpen(target, fingerprint);
      fingerprints.set(engine, fp);
      const other = fingerprints.get(engine === 'pglite' ? 'postgres' : 'pglite');
      if (other) assert.equal(fp, other, 'the same seed makes the same archive on both engines');
    });

    it('makes a realistic archive: drafts, members-only works, songfics, series, synonyms and unwrangled tags in use, co-creators, pseuds', async () => {
      await withOpen(target, async (db) => {
        assert.equal(await count(db, sql`select count(*) as n from works`), WORKS);
        assert.ok((await count(db, sql`select count(*) as n from works where not posted`)) > 0, 'some drafts');
        assert.ok((await count(db, sql`select count(*) as n from works where restricted`)) > 0, 'some members-only works');
        assert.ok((await count(db, sql`select count(*) as n from chapters where body like '%<blockquote class="lyrics">%'`)) > 0, 'some lyric blocks');
        assert.ok((await count(db, sql`select count(*) as n from song_credits`)) > 0, 'some song credits');
        assert.ok((await count(db, sql`select count(*) as n from serial_works`)) > 1, 'some series');
        assert.ok((await count(db, sql`select count(*) as n from works where chapter_count > 1`)) > 20, 'multi-chapter works');
        assert.ok((await count(db, sql`select count(*) as n from work_tags wt join tags t on t.id = wt.tag_id where t.synonym_of is not null`)) > 0, 'synonyms in use');
        assert.ok((await count(db, sql`select count(*) as n from work_tags wt join tags t on t.id = wt.tag_id where not t.canonical and t.synonym_of is null`)) > 0, 'unwrangled tags in use');
        assert.ok((await count(db, sql`select count(*) as n from meta_tags m join meta_tags m2 on m2.sub_id = m.meta_id`)) > 0, 'a meta chain three deep');
        assert.ok((await count(db, sql`select count(*) as n from tag_parents p join tags m on m.id = p.parent_id where m.type = 'media'`)) > 0, 'fandoms under media');
        assert.ok((await count(db, sql`select count(*) as n from (select work_id from creatorships group by work_id having count(*) > 1) x`)) > 0, 'co-created works');
        assert.ok((await count(db, sql`select count(*) as n from (select user_id from pseuds group by user_id having count(*) > 1) x`)) > 0, 'members with several pseuds');
        assert.ok((await count(db, sql`select count(*) as n from works where hits_count > 0 and kudos_count > 0 and kudos_count < hits_count`)) > 100, 'response counters');
        const bench = await sql<{ word_count: number; chapter_count: number; posted: boolean; restricted: boolean }>`
          select w.word_count, w.chapter_count, w.posted, w.restricted from works w
          where w.id = (select (value::json->>'benchWorkId')::bigint from site_settings where key = 'dev_seed')`.execute(db);
        assert.ok(bench.rows[0], 'the seed records its benchmark work');
        assert.ok(bench.rows[0].word_count >= 5_000 && bench.rows[0].word_count < 5_200 && bench.rows[0].posted && !bench.rows[0].restricted && bench.rows[0].chapter_count === 1);
      });
    });

    it('gets every derived column right: word and chapter counts, filter tags, tag use counts, tag words; indexes and triggers are back', async () => {
      await withOpen(target, async (db) => {
        const chapters = await sql<{ body: string; word_count: number }>`select body, word_count from chapters`.execute(db);
        for (const c of chapters.rows) assert.equal(c.word_count, countWordsInHtml(c.body));
        assert.equal(await count(db, sql`select count(*) as n from works w where w.word_count <> (select sum(word_count) from chapters c where c.work_id = w.id)`), 0);
        assert.equal(await count(db, sql`select count(*) as n from works w where w.chapter_count <> (select count(*) from chapters c where c.work_id = w.id)`), 0);
        assert.equal(await count(db, sql`select count(*) as n from tags t where t.taggings_count <> (select count(*) from work_tags wt where wt.tag_id = t.id) and t.type in ('fandom', 'character', 'relationship', 'freeform')`), 0);
        assert.equal(await count(db, sql`select count(*) as n from tags t where not exists (select 1 from tag_words w where w.tag_id = t.id)`), 0);
        const before = await sql<{ id: number; f: number[] }>`select id, filter_tag_ids as f from works order by id`.execute(db);
        await db
          .transaction()
          .execute(async (trx) => {
            await recomputeFilterTagsOfWorkRange(trx, 0, Number.MAX_SAFE_INTEGER);
            const recomputed = await sql<{ id: number; f: number[] }>`select id, filter_tag_ids as f from works order by id`.execute(trx);
            assert.deepEqual(recomputed.rows, before.rows, 'filter tags as the tag graph computes them');
            throw new Rollback();
          })
          .catch((error: unknown) => {
            if (!(error instanceof Rollback)) throw error;
          });
        const indexes = await sql<{ indexname: string }>`select indexname from pg_indexes where tablename in ('works', 'work_tags')`.execute(db);
        for (const name of ['works_filter_tag_ids_idx', 'works_posted_revised_at_idx', 'work_tags_tag_id_idx']) assert.ok(indexes.rows.some((r) => r.indexname === name), name);
        const triggers = await sql<{ tgname: string; tgenabled: string }>`select tgname, tgenabled from pg_trigger where tgrelid = 'work_tags'::regclass and not tgisinternal`.execute(db);
        assert.ok(triggers.rows.length >= 4);
        for (const t of triggers.rows) assert.equal(t.tgenabled, 'O', `${t.tgname} is enabled again`);
        assert.ok((await count(db, sql`select count(*) as n from works where filter_tag_ids @> array[(select id from tags where type = 'rating' and name = 'Explicit')]::bigint[]`)) > 0);
        // The page cache's statement triggers were off during the load: the seed marks every cached page stale instead.
        assert.ok((await count(db, sql`select count(*) as n from page_cache_changes where keys = array['all']`)) > 0, 'every cached page marked stale');
        const cacheTriggers = await sql<{ tgenabled: string }>`select tgenabled from pg_trigger where tgrelid in ('works'::regclass, 'chapters'::regclass) and tgname like 'page_cache%'`.execute(db);
        assert.ok(cacheTriggers.rows.length >= 6 && cacheTriggers.rows.every((t) => t.tgenabled === 'O'), 'page-cache triggers are back');
        // Columns whose triggers were off during the load, computed in the inserts as the triggers and the search repository would.
        assert.equal(await count(db, sql`select count(*) as n from works where crossover <> works_crossover(filter_tag_ids) or creator_sort <> works_creator_sort(id)`), 0);
        assert.ok((await count(db, sql`select count(*) as n from works where crossover`)) > 0, 'some crossovers');
        assert.ok((await count(db, sql`select count(*) as n from works where creator_sort like '%, %'`)) > 0, 'some works with two creators');
        assert.equal(await count(db, sql`select count(*) as n from works where search_document is distinct from ${searchDocumentSql(sql`works.filter_tag_ids`)}`), 0);
        assert.equal(await count(db, sql`select count(*) as n from works where search_document = ''::tsvector`), 0);
        // Chapters copy a pooled text's vector, computed from that very text.
        assert.equal(await count(db, sql`select count(*) as n from chapters where search_text <> quire_chapter_search_text(body)`), 0);
      });
    });

    it('serves the seeded works: a synonym’s work is found under its canonical tag, and a chapter with lyrics renders', async () => {
      await withOpen(target, async (db) => {
        const app = await buildApp({ config: loadConfig({}), db, secret: 'test-secret-that-is-long-enough-0123456789', logger: false });
        try {
          const synonymUse = await sql<{ work_id: number; title: string; canonical: string }>`
            select w.id as work_id, w.title, c.name as canonical from work_tags wt
            join tags s on s.id = wt.tag_id and s.synonym_of is not null and s.type = 'fandom'
            join tags c on c.id = s.synonym_of
            join works w on w.id = wt.work_id and w.posted and not w.restricted
            order by w.revised_at desc limit 1`.execute(db);
          const use = synonymUse.rows[0];
          assert.ok(use, 'a public work tagged with a fandom synonym');
          // The tag page lists 20 a page, newest first: find the work on whichever page it is.
          let found = false;
          for (let page = 1; page <= 20 && !found; page++) {
            const response: LightMyRequestResponse = await app.inject({ url: `/tags/fandom/${encodeURIComponent(use.canonical)}?page=${page}` });
            if (response.statusCode === 404) break;
            assert.equal(response.statusCode, 200);
            found = response.body.includes(`/works/${use.work_id}"`);
          }
          assert.ok(found, `work ${use.work_id} listed under ${use.canonical}`);
          const lyric = await sql<{ work_id: number }>`
            select c.work_id from chapters c join works w on w.id = c.work_id and w.posted and not w.restricted
            where c.body like '%class="lyrics"%' and c.position = 1 order by c.work_id limit 1`.execute(db);
          if (lyric.rows[0]) {
            const page = await app.inject({ url: `/works/${lyric.rows[0].work_id}` });
            assert.equal(page.statusCode, 200);
            assert.match(page.body, /<blockquote class="lyrics">/);
          }
          const home = await app.inject({ url: '/' });
          assert.equal(home.statusCode, 200);
        } finally {
          await app.close();
        }
      });
    });

    it('refuses a second seed into the now non-empty archive (exit 2, nothing written), and --append adds to it', async () => {
      const before = await withOpen(target, fingerprint);
      const refused = await runQuire(['dev', 'seed', '--works', '10', '--seed', '5'], target.env);
      assert.equal(refused.code, 2, describeRun(refused));
      assert.match(refused.stderr, /^Error: The archive already has 200 works; quire dev seed fills an empty archive\. Add --append to add to it anyway\.$/m);
      assert.equal(await withOpen(target, fingerprint), before);
      const appended = await runQuire(['dev', 'seed', '--works', '20', '--seed', '9', '--append'], target.env);
      assert.equal(appended.code, 0, describeRun(appended));
      await withOpen(target, async (db) => {
        assert.equal(await count(db, sql`select count(*) as n from works`), WORKS + 20);
        assert.equal(await count(db, sql`select count(*) as n from tags t where t.taggings_count <> (select count(*) from work_tags wt where wt.tag_id = t.id) and t.type in ('fandom', 'character', 'relationship', 'freeform')`), 0);
        // New rows get ids after the seeded ones: the sequences moved past them.
        const row = await db.insertInto('series').values({ title: 'After the seed' }).returning('id').executeTakeFirstOrThrow();
        assert.ok(row.id > (await count(db, sql`select max(series_id) as n from serial_works`)));
      });
    });
  });
}

describe('quire dev seed: another seed makes another archive', () => {
  it('differs from seed 5', async () => {
    const target = await newTarget('postgres');
    try {
      const result = await runQuire(['dev', 'seed', '--works', String(WORKS), '--seed', '6'], target.env);
      assert.equal(result.code, 0, describeRun(result));
      const fp = await withOpen(target, fingerprint);
      assert.ok(fingerprints.size > 0);
      for (const other of fingerprints.values()) assert.notEqual(fp, other);
    } finally {
      await target.drop();
    }
  });
});
