/**
 * The benchmark suite: `npm run bench -- [--works 10000] [--seed 1] [--engine postgres|pglite]
 * [--reuse] [--duration 10] [--connections 32]`. Seeds (or, with --reuse, reuses) a corpus,
 * starts the real server, runs each scenario over HTTP with autocannon, measures a static
 * baseline answering the work page's bytes, and prints one table, also written as JSON to
 * bench/results/<date>-<engine>-<works>.json. See bench/README.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { SEED_PASSWORD } from '../src/features/seed/seed.service.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { prepareCorpus, type BenchEngine, type Corpus } from './lib/corpus.ts';
import { BROWSER_ACCEPT_ENCODING, IDENTITY, measure, type Row, type Scenario } from './lib/load.ts';
import { logIn, rawGet, startQuire, startStaticBaseline, type RawResponse } from './lib/server.ts';

const PAGE_SIZE = 20;
/** Members the signed-in scenario takes turns with (the log-in rate limit allows 10 a minute from one address). */
const SIGNED_IN_MEMBERS = 8;
const SEARCH_WORD = 'lighthouse';

function options() {
  const { values } = parseArgs({
    options: {
      works: { type: 'string', default: '10000' },
      seed: { type: 'string', default: '1' },
      engine: { type: 'string', default: 'postgres' },
      reuse: { type: 'boolean', default: false },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '32' },
    },
    strict: true,
  });
  const engine = values.engine;
  if (engine !== 'postgres' && engine !== 'pglite') throw new Error(`--engine must be postgres or pglite, not ${engine}`);
  const number = (name: string, value: string) => {
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`--${name} must be a whole number of at least 1 (got "${value}")`);
    return Number(value);
  };
  return { engine: engine as BenchEngine, works: number('works', values.works), seed: number('seed', values.seed), reuse: values.reuse, duration: number('duration', values.duration), connections: number('connections', values.connections) };
}

/**
 * Seeded members to sign in as: the seed record's sample member first, then the next by id
 * whose address follows the seed's rule (user-plan.ts: <username>@seed.invalid; every seeded
 * member has SEED_PASSWORD). Read-only, before the server starts (PGlite's folder is locked then).
 */
async function seededMembers(corpus: Corpus, count: number): Promise<string[]> {
  const handle = await openDatabase({ databaseUrl: corpus.env.DATABASE_URL, dataDir: corpus.env.QUIRE_DATA_DIR ?? '', poolSize: 1 });
  try {
    const { rows } = await sql<{ username: string }>`
      select username from users where email like '%@seed.invalid' and username <> ${corpus.record.sampleUsername} order by id limit ${count - 1}`.execute(handle.db);
    return [corpus.record.sampleUsername, ...rows.map((r) => r.username)];
  } finally {
    await handle.close();
  }
}

/** Session cookies for the members who can log in with the seed's password (at least the sample member). */
async function signIn(baseUrl: string, usernames: string[]): Promise<string[]> {
  const cookies: string[] = [];
  for (const username of usernames) {
    try {
      cookies.push(await logIn(baseUrl, username, SEED_PASSWORD));
    } catch (error) {
      if (cookies.length === 0) throw error;
      console.error(`Skipping ${username}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return cookies;
}

const listing = (params: [string, string][]) => `/works?${new URLSearchParams(params).toString()}`;

/**
 * The scenarios of issue 6, against the listing URL scheme of COMMON.md. Every request asks as a
 * browser does (Accept-Encoding: gzip, deflate, br); the "uncompressed" rows keep the old view
 * (identity), compared with an uncompressed baseline.
 */
function scenarios(corpus: Corpus, cookies: string[], connections: number): Scenario[] {
  const f = corpus.facts;
  const filters: [string, string][] = [['fandom', f.fandom], ['freeform', f.freeform], ['exclude_freeform', f.excludeFreeform], ...f.ratings.map((r): [string, string] => ['rating', r]), ['sort', 'kudos']];
  const lastPage = Math.max(1, Math.ceil(f.filteredCount / PAGE_SIZE));
  const deepPage = Math.min(50, lastPage);
  const work = `/works/${corpus.record.benchWorkId}`;
  const tag = `/tags/fandom/${encodeURIComponent(f.fandom)}`;
  return [
    { name: 'home page', path: '/', connections },
    { name: 'work page, guest (5,000 words)', path: work, connections },
    { name: 'work page, guest, uncompressed', path: work, connections, acceptEncoding: IDENTITY },
    { name: `work page, signed in (${cookies.length} member${cookies.length > 1 ? 's' : ''})`, path: work, connections, cookies },
    { name: 'popular tag listing', path: tag, connections },
    { name: 'popular tag listing, uncompressed', path: tag, connections, acceptEncoding: IDENTITY },
    { name: 'filtered listing p1', path: listing([...filters, ['page', '1']]), connections },
    { name: 'filtered listing p1, uncached', path: listing([...filters, ['page', '1']]), connections: 1, uncached: true },
    { name: `filtered listing p${deepPage}${deepPage < 50 ? ' (last)' : ''}, uncached`, path: listing([...filters, ['page', String(deepPage)]]), connections: 1, uncached: true },
    { name: `text search "${SEARCH_WORD}", uncached`, path: listing([['q', SEARCH_WORD]]), connections: 1, uncached: true },
    { name: `text search "${SEARCH_WORD}", uncached`, path: listing([['q', SEARCH_WORD]]), connections, uncached: true },
  ];
}

function printTable(rows: Row[]): void {
  const header = ['scenario', 'conns', 'encoding', 'kB', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', '% static', 'peak RSS MB', 'note'];
  const lines = rows.map((r) => [r.scenario, String(r.connections), r.contentEncoding, (r.bytesPerResponse / 1000).toFixed(1), String(r.reqPerSec), String(r.p50Ms), String(r.p95Ms), String(r.p99Ms), r.baselinePct === null ? '' : `${r.baselinePct}%`, String(r.peakRssMb), r.error ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const left = new Set([0, 2, header.length - 1]);
  const format = (cells: string[]) => cells.map((c, i) => (left.has(i) ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(format(line));
}

async function main(): Promise<void> {
  const opts = options();
  // Other work on the machine distorts every number: the report keeps the load average.
  const loadBefore = os.loadavg()[0]!;
  const corpus = await prepareCorpus(opts.engine, opts.works, opts.seed, opts.reuse);
  const rows: Row[] = [];
  let peakRssMb: number;
  /** The work page as Quire sends it to a browser, and to a client accepting no coding. */
  let workPage: RawResponse;
  let workPageIdentity: RawResponse;
  try {
    const members = await seededMembers(corpus, SIGNED_IN_MEMBERS);
    const server = await startQuire(corpus.env);
    try {
      const cookies = await signIn(server.baseUrl, members);
      const workUrl = `${server.baseUrl}/works/${corpus.record.benchWorkId}`;
      workPage = await rawGet(workUrl, { 'accept-encoding': BROWSER_ACCEPT_ENCODING });
      workPageIdentity = await rawGet(workUrl, { 'accept-encoding': IDENTITY });
      for (const scenario of scenarios(corpus, cookies, opts.connections)) {
        console.error(`Running: ${scenario.name} (${scenario.connections} connection${scenario.connections > 1 ? 's' : ''}, ${opts.duration} s)…`);
        rows.push(await measure(server, scenario, opts.duration));
      }
      peakRssMb = server.highWaterMb();
    } finally {
      await server.stop();
    }
  } finally {
    corpus.stop();
  }
  // The baseline answers the same bytes as the work page, in the same coding; the uncompressed
  // one answers its identity bytes, for the uncompressed rows.
  const baselines = [
    { name: 'static baseline (work page bytes)', page: workPage, acceptEncoding: BROWSER_ACCEPT_ENCODING, connections: [...new Set([opts.connections, 1])] },
    { name: 'static baseline, uncompressed', page: workPageIdentity, acceptEncoding: IDENTITY, connections: [opts.connections] },
  ];
  for (const { name, page, acceptEncoding, connections } of baselines) {
    const baseline = await startStaticBaseline(page.body, 'text/html; charset=utf-8', page.headers['content-encoding']);
    try {
      for (const c of connections) rows.push(await measure(baseline, { name, path: '/', connections: c, acceptEncoding }, opts.duration));
    } finally {
      await baseline.stop();
    }
  }
  for (const row of rows) {
    const base = rows.find((r) => r.scenario.startsWith('static baseline') && r.connections === row.connections && r.acceptEncoding === row.acceptEncoding);
    if (base && base !== row && !row.error && base.reqPerSec > 0) row.baselinePct = Math.round((row.reqPerSec / base.reqPerSec) * 100);
  }
  printTable(rows);
  console.log(`Server peak RSS (VmHWM): ${peakRssMb} MB. Seed: ${corpus.seedSeconds === null ? 'reused' : `${corpus.seedSeconds.toFixed(1)} s`}. Load average: ${loadBefore.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after (on ${os.cpus().length} cores).`);
  const date = new Date().toISOString().slice(0, 10);
  const file = path.join(import.meta.dirname, 'results', `${date}-${opts.engine}-${opts.works}.json`);
  const report = {
    date: new Date().toISOString(),
    engine: opts.engine,
    works: opts.works,
    seed: opts.seed,
    durationSeconds: opts.duration,
    acceptEncoding: { browser: BROWSER_ACCEPT_ENCODING, uncompressed: IDENTITY },
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, loadAverageBefore: loadBefore, loadAverageAfter: os.loadavg()[0]! },
    seedSeconds: corpus.seedSeconds,
    serverPeakRssMb: peakRssMb,
    facts: corpus.facts,
    rows,
  };
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`Wrote ${path.relative(process.cwd(), file)}.`);
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
