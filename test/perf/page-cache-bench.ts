/**
 * A rough measure of the guest page cache (not the official bench in bench/): a ~5,000-word
 * work page for a guest, from a real `quire start` on a throwaway PostgreSQL, with the page cache
 * on and off, against a plain Node server answering the same bytes.
 *
 *   node --import tsx test/perf/page-cache-bench.ts [--seconds 10] [--connections 32]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { startPostgresCluster } from '../support/postgres-cluster.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '32' } } });
const root = path.resolve(import.meta.dirname, '../..');
const PORT = 3917;
const STATIC_PORT = 3918;
const base = `http://127.0.0.1:${PORT}`;

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} never answered`);
}

async function startQuire(databaseUrl: string, cacheMb: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['bin/quire.js', 'start'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(PORT), QUIRE_PAGE_CACHE_MB: String(cacheMb), LOG_LEVEL: 'warn', QUIRE_SIGNUP_RATE_LIMIT: '1000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(`${base}/healthz`);
  return child;
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Signs up and posts one ~5,000-word work through the forms, as a browser would; returns its URL. */
async function seed(): Promise<string> {
  const cookies: string[] = [];
  const post = async (url: string, form: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    const response = await fetch(`${base}${url}`, { method: 'POST', redirect: 'manual', body, headers: { origin: base, cookie: cookies.join('; '), 'content-type': 'application/x-www-form-urlencoded' } });
    for (const c of response.headers.getSetCookie()) cookies.push(c.split(';')[0]!);
    return response;
  };
  const password = 'correct horse battery staple';
  await post('/signup', { username: 'benchwriter', email: 'bench@example.org', password, password_confirmation: password });
  const formResponse = await fetch(`${base}/works/new`, { headers: { cookie: cookies.join('; ') } });
  for (const c of formResponse.headers.getSetCookie()) cookies.push(c.split(';')[0]!);
  const form = await formResponse.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(form)![1]!;
  const pseudId = /<option value="(\d+)"/.exec(form)![1]!;
  const paragraph = 'The lanterns swung in the wind above the harbour while the two of them argued about the tide tables. ';
  const text = Array.from({ length: 260 }, () => paragraph.repeat(1)).join('\n\n');
  const response = await post('/works', {
    _csrf: csrf, title: 'A Bench Work', pseud_id: pseudId, rating: 'General Audiences', warnings: ['No Archive Warnings Apply'],
    categories: ['Gen'], fandoms: 'Original Work', freeforms: 'Harbours, Lanterns, Slow Burn', language: 'en', format: 'plain', body: text,
  });
  const location = response.headers.get('location');
  if (!location) throw new Error(`posting the work failed: ${response.status}`);
  return location;
}

async function measure(name: string, url: string) {
  const result = await autocannon({ url, connections: Number(values.connections), duration: Number(values.seconds) });
  const row = { scenario: name, 'req/s': Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, non2xx: result.non2xx };
  console.log(JSON.stringify(row));
  return row;
}

const cluster = await startPostgresCluster();
try {
  const admin = new pg.Client({ connectionString: cluster.adminUrl });
  await admin.connect();
  await admin.query('create database quire_cache_bench');
  await admin.end();
  const databaseUrl = cluster.adminUrl.replace(/\/postgres$/, '/quire_cache_bench');

  const rows = [];
  let server = await startQuire(databaseUrl, 64);
  let workUrl: string;
  let bytes: string;
  try {
    workUrl = await seed();
    bytes = await (await fetch(`${base}${workUrl}`)).text();
    console.log(`work page: ${workUrl}, ${bytes.length} bytes`);
    rows.push(await measure('guest work page, cached', `${base}${workUrl}`));
  } finally {
    await stop(server);
  }
  server = await startQuire(databaseUrl, 0);
  try {
    rows.push(await measure('guest work page, uncached (QUIRE_PAGE_CACHE_MB=0)', `${base}${workUrl}`));
  } finally {
    await stop(server);
  }

  // The same bytes from a plain Node server, in its own process like Quire.
  const staticServer = spawn(process.execPath, ['-e', `
    const body = Buffer.from(${JSON.stringify(bytes)});
    require('node:http').createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length }); res.end(body); }).listen(${STATIC_PORT}, '127.0.0.1');
  `], { stdio: 'inherit' });
  await waitFor(`http://127.0.0.1:${STATIC_PORT}/`);
  rows.push(await measure('static Node server, same bytes', `http://127.0.0.1:${STATIC_PORT}/`));
  await stop(staticServer);
  console.table(rows);
} finally {
  cluster.stop();
}
