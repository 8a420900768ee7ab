/**
 * The benchmark's corpus: a PostgreSQL 15 cluster (test/support/postgres-cluster.ts, kept in a
 * folder so a seeded corpus is reused across runs) or a PGlite data folder, seeded with
 * `quire dev seed`, and the facts the scenarios need, read from it before the server starts.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { findSeedRecord, type SeedRecord } from '../../src/features/seed/seed.repository.ts';
import { openDatabase } from '../../src/platform/db/database.ts';
import type { Db } from '../../src/platform/db/schema.ts';
import { withDatabase } from '../../test/support/databases.ts';
import { startPostgresCluster, type PostgresCluster } from '../../test/support/postgres-cluster.ts';

export type BenchEngine = 'postgres' | 'pglite';

export interface Corpus {
  engine: BenchEngine;
  /** Environment for `quire` commands: DATABASE_URL or QUIRE_DATA_DIR. */
  env: Record<string, string>;
  record: SeedRecord;
  /** Seconds `quire dev seed` took in this run; null when an existing corpus was reused. */
  seedSeconds: number | null;
  facts: CorpusFacts;
  stop(): void;
}

export interface CorpusFacts {
  /** The most used canonical fandom that has synonyms (works tagged with either are found under it). */
  fandom: string;
  /** The most used canonical additional tag, and one to exclude. */
  freeform: string;
  excludeFreeform: string;
  ratings: string[];
  /** Public works the filtered listing finds (from filter_tag_ids), to know its last page. */
  filteredCount: number;
}

const root = path.resolve(import.meta.dirname, '../..');
const DB_NAME = 'quire_bench';

/** Settings for the benchmark's PostgreSQL: room for a 1M-work corpus, and a quick load (fsync off: a throwaway cluster). */
const PG_SETTINGS = ['shared_buffers=1GB', 'effective_cache_size=4GB', 'max_wal_size=8GB', 'maintenance_work_mem=512MB', 'work_mem=16MB', 'checkpoint_timeout=30min'];

export function corpusDir(engine: BenchEngine, works: number, seed: number): string {
  return path.join(os.tmpdir(), 'quire-bench', `${engine}-${works}-seed${seed}`);
}

async function withDb<T>(env: Record<string, string>, run: (db: Db) => Promise<T>): Promise<T> {
  const handle = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.QUIRE_DATA_DIR ?? '', poolSize: 1 });
  try {
    return await run(handle.db);
  } finally {
    await handle.close();
  }
}

async function existingRecord(env: Record<string, string>): Promise<SeedRecord | undefined> {
  try {
    return await withDb(env, async (db) => findSeedRecord(db));
  } catch {
    return undefined; // no database, or not migrated yet
  }
}

function runSeed(env: Record<string, string>, works: number, seed: number): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [path.join(root, 'bin/quire.js'), 'dev', 'seed', '--works', String(works), '--seed', String(seed)], {
    cwd: root,
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`quire dev seed failed (exit ${result.status}).`);
  return (performance.now() - started) / 1000;
}

async function recreatePostgresDatabase(cluster: PostgresCluster): Promise<void> {
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DB_NAME}`);
  } finally {
    await admin.end();
  }
}

export async function prepareCorpus(engine: BenchEngine, works: number, seed: number, reuse: boolean): Promise<Corpus> {
  const dir = corpusDir(engine, works, seed);
  fs.mkdirSync(dir, { recursive: true });
  let cluster: PostgresCluster | undefined;
  let env: Record<string, string>;
  if (engine === 'postgres') {
    cluster = await startPostgresCluster({ dir, settings: PG_SETTINGS });
    env = { DATABASE_URL: withDatabase(cluster.adminUrl, DB_NAME) };
  } else {
    env = { QUIRE_DATA_DIR: path.join(dir, 'data') };
  }
  try {
    const found = reuse ? await existingRecord(env) : undefined;
    let seedSeconds: number | null = null;
    if (found?.works === works && found.seed === seed) {
      console.error(`Reusing the ${works.toLocaleString('en-US')}-work corpus (seed ${seed}) in ${dir}.`);
    } else {
      if (cluster) await recreatePostgresDatabase(cluster);
      else fs.rmSync(env.QUIRE_DATA_DIR!, { recursive: true, force: true });
      console.error(`Seeding ${works.toLocaleString('en-US')} works (seed ${seed}) on ${engine} in ${dir}…`);
      seedSeconds = runSeed(env, works, seed);
    }
    const { record, facts } = await withDb(env, async (db) => ({ record: (await findSeedRecord(db))!, facts: await readFacts(db) }));
    return { engine, env, record, seedSeconds, facts, stop: () => cluster?.stop() };
  } catch (error) {
    cluster?.stop();
    throw error;
  }
}

const RATINGS = ['General Audiences', 'Teen And Up Audiences'];

async function readFacts(db: Db): Promise<CorpusFacts> {
  const fandom = await sql<{ id: number; name: string }>`
    select t.id, t.name from tags t
    where t.type = 'fandom' and t.canonical and exists (select 1 from tags s where s.synonym_of = t.id)
    order by t.taggings_count + coalesce((select sum(s.taggings_count) from tags s where s.synonym_of = t.id), 0) desc, t.id limit 1`.execute(db);
  const freeforms = await sql<{ id: number; name: string }>`
    select id, name from tags where type = 'freeform' and canonical order by taggings_count desc, id limit 10`.execute(db);
  const [f, ff, ex] = [fandom.rows[0]!, freeforms.rows[0]!, freeforms.rows[9] ?? freeforms.rows[1]!];
  const count = await sql<{ n: number }>`
    select count(*) as n from works
    where posted and not restricted and filter_tag_ids @> ${sql`cast(${`{${f.id},${ff.id}}`} as bigint[])`}
      and not filter_tag_ids && ${sql`cast(${`{${ex.id}}`} as bigint[])`}
      and filter_tag_ids && (select array_agg(id) from tags where type = 'rating' and name in (${sql.join(RATINGS)}))`.execute(db);
  return { fandom: f.name, freeform: ff.name, excludeFreeform: ex.name, ratings: RATINGS, filteredCount: Number(count.rows[0]!.n) };
}
