/**
 * How long a big tag set import takes: `npm run bench:tags -- [--engine pglite|postgres]
 * [--tags 50000] [--links 100000] [--works 300] [--profile]`.
 *
 * Generates a deterministic, realistic tag set (fandoms with meta franchises, characters under
 * fandoms, relationships under fandoms and characters, freeforms with meta chains, synonyms
 * of each), posts a few works under its synonyms and sub-tags first so the import has filter
 * tags to recompute, then imports it into a fresh database twice and prints both times.
 * PostgreSQL uses DATABASE_URL when given, else a throwaway cluster like the test suite's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { COMMAND_LINE_ACTOR } from '../src/features/audit/audit.model.ts';
import { importTagSet } from '../src/features/tags/tag-sets/tag-set.service.ts';
import { PGlite } from '@electric-sql/pglite';
import { connectPglite, connectPostgres, type ConnectOptions, type DatabaseHandle } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';
import { buildUser, buildWork } from '../test/support/builders.ts';
import { withDatabase } from '../test/support/databases.ts';
import { startPostgresCluster } from '../test/support/postgres-cluster.ts';

type Entry = { type: 'fandom' | 'character' | 'relationship' | 'freeform'; name: string; synonyms: string[]; parents: string[]; meta: string[] };

/** A small seeded generator (mulberry32), so every run imports the same file. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['Silver', 'Harbor', 'Crimson', 'Academy', 'Hollow', 'Star', 'River', 'Iron', 'Garden', 'Night', 'Glass', 'Empire', 'Winter', 'Song', 'Ember', 'Tide'];

export function generateTagSet(totalTags: number, totalLinks: number): { tags: Entry[]; links: number } {
  const rand = random(42);
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)]!;
  const words = (i: number) => `${WORDS[i % WORDS.length]} ${WORDS[Math.floor(i / WORDS.length) % WORDS.length]}`;
  const canonicalCount = Math.round(totalTags * 0.8);
  const share = { fandom: 0.04, character: 0.4, relationship: 0.3 };
  const fandoms: Entry[] = [];
  const characters: Entry[] = [];
  const relationships: Entry[] = [];
  const freeforms: Entry[] = [];
  const entry = (type: Entry['type'], name: string): Entry => ({ type, name, synonyms: [], parents: [], meta: [] });
  for (let i = 0; i < Math.max(1, Math.round(canonicalCount * share.fandom)); i++) fandoms.push(entry('fandom', `${words(i)} (${i})`));
  for (let i = 0; i < Math.round(canonicalCount * share.character); i++) {
    const c = entry('character', `${WORDS[i % WORDS.length]} Character ${i}`);
    c.parents.push(pick(fandoms).name);
    if (rand() < 0.5) c.parents.push(pick(fandoms).name);
    characters.push(c);
  }
  for (let i = 0; i < Math.round(canonicalCount * share.relationship) && characters.length > 1; i++) {
    const a = pick(characters);
    const b = pick(characters);
    const r = entry('relationship', `${a.name}/${b.name} (${i})`.slice(-150));
    r.parents.push(a.parents[0]!, a.name, ...(a === b ? [] : [b.name]));
    relationships.push(r);
  }
  const freeformCount = canonicalCount - fandoms.length - characters.length - relationships.length;
  for (let i = 0; i < freeformCount; i++) {
    const f = entry('freeform', `${WORDS[(i * 7) % WORDS.length]} Trope ${i}`);
    if (rand() < 0.5) f.parents.push(pick(fandoms).name);
    freeforms.push(f);
  }
  const canonicals = [...fandoms, ...characters, ...relationships, ...freeforms];
  for (let i = 0; i < totalTags - canonicals.length; i++) {
    const owner = pick(canonicals);
    owner.synonyms.push(`${owner.name.slice(0, 130)} alt ${i}`);
  }
  let links = canonicals.reduce((n, e) => n + e.synonyms.length + e.parents.length, 0);
  // The rest of the links are meta links within families of eight tags of one type, always to
  // an earlier member: trees and chains up to seven deep (franchise over series over film), no cycle.
  const groups = [fandoms, freeforms, characters, relationships].filter((g) => g.length > 1);
  const seen = new Set<string>();
  for (let tries = 0; links < totalLinks && groups.length > 0 && tries < totalLinks * 4; tries++) {
    const group = pick(groups);
    const sub = Math.floor(rand() * group.length);
    const place = sub % 8;
    if (place === 0) continue;
    const meta = rand() < 0.6 ? sub - 1 : sub - place + Math.floor(rand() * place);
    const key = `${group[0]!.type}:${sub}>${meta}`;
    if (seen.has(key)) continue;
    seen.add(key);
    group[sub]!.meta.push(group[meta]!.name);
    links++;
  }
  return { tags: canonicals, links };
}

// --profile prints every statement slower than 100 ms, to find what an import waits on.
const profiler = (on: boolean): ConnectOptions =>
  on ? { log: (event) => void (event.queryDurationMillis > 100 && console.log(`  ${event.queryDurationMillis.toFixed(0)} ms: ${event.query.sql.replace(/\s+/g, ' ').slice(0, 110)}`)) } : {};

async function openEngine(engine: string, options: ConnectOptions): Promise<{ database: DatabaseHandle; cleanup: () => Promise<void> }> {
  if (engine === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-bench-'));
    const database = connectPglite(await PGlite.create(path.join(dir, 'pgdata')), async () => fs.rmSync(dir, { recursive: true, force: true }), options);
    return { database, cleanup: async () => {} };
  }
  if (engine !== 'postgres') throw new Error(`--engine must be pglite or postgres, not ${engine}`);
  if (process.env.DATABASE_URL) return { database: connectPostgres(process.env.DATABASE_URL, 2, options), cleanup: async () => {} };
  const cluster = await startPostgresCluster();
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  await admin.query('CREATE DATABASE quire_bench');
  await admin.end();
  return { database: connectPostgres(withDatabase(cluster.adminUrl, 'quire_bench'), 2, options), cleanup: async () => cluster.stop() };
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { engine: { type: 'string', default: 'pglite' }, tags: { type: 'string', default: '50000' }, links: { type: 'string', default: '100000' }, works: { type: 'string', default: '300' }, profile: { type: 'boolean', default: false } },
    strict: true,
  });
  const { tags, links } = generateTagSet(Number(values.tags), Number(values.links));
  const text = JSON.stringify({ tags });
  const synonymCount = tags.reduce((n, e) => n + e.synonyms.length, 0);
  console.log(`Tag set: ${tags.length + synonymCount} tags (${tags.length} canonical, ${synonymCount} synonyms), ${links} links, ${(text.length / 1e6).toFixed(1)} MB of JSON.`);

  const { database, cleanup } = await openEngine(values.engine, profiler(values.profile));
  try {
    await migrateToLatest(database.db);
    const writer = await buildUser(database.db);
    const withSynonyms = tags.filter((e) => e.synonyms.length > 0 && e.type !== 'relationship');
    for (let i = 0; i < Number(values.works); i++) {
      const e = withSynonyms[(i * 97) % withSynonyms.length]!;
      const freeform = tags[tags.length - 1 - ((i * 31) % 500)]!;
      await buildWork(database.db, writer, {
        title: `Bench work ${i}`,
        ...(e.type === 'fandom' ? { fandoms: [e.synonyms[0]!] } : { fandoms: ['Original Work'], [`${e.type}s`]: [e.synonyms[0]!] }),
        freeforms: [freeform.name],
      });
    }
    console.log(`Engine: ${values.engine}; ${values.works} works posted under synonyms and sub-tags before the import.`);
    for (const run of ['first import', 'second import (idempotent)']) {
      const started = performance.now();
      const result = await importTagSet(database.db, text, COMMAND_LINE_ACTOR);
      if (!result.ok) throw new Error(`import refused:\n${result.problems.slice(0, 20).join('\n')}`);
      console.log(`${run}: ${seconds(started)} (${result.created} created, ${result.changed} changed)`);
    }
  } finally {
    await database.close();
    await cleanup();
  }
}

if (process.argv[1]?.endsWith("tag-import.ts")) await main();
