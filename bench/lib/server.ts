/**
 * The servers the benchmark measures: the real Quire (`bin/quire.js start`, a child process on a
 * free port) with its resident memory sampled from /proc, and the static baseline, a plain
 * node:http server answering fixed bytes, also a child process so it gets a thread of its own
 * as Quire does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  pid: number;
  /** Highest resident set size seen since the last reset, in MB. */
  peakRssMb(): number;
  resetPeak(): void;
  /** VmHWM: the process's own high-water mark of resident memory, in MB. */
  highWaterMb(): number;
  stop(): Promise<void>;
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // the process is gone
  }
}

async function waitUntilServing(child: ChildProcess, url: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before serving:\n${output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no answer from ${url} within two minutes:\n${output()}`);
}

function track(child: ChildProcess, baseUrl: string): RunningServer {
  const pid = child.pid!;
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, statusKb(pid, 'VmRSS'))), 100);
  return {
    baseUrl,
    pid,
    peakRssMb: () => Math.round(Math.max(peak, statusKb(pid, 'VmRSS')) / 1024),
    resetPeak: () => (peak = statusKb(pid, 'VmRSS')),
    highWaterMb: () => Math.round(statusKb(pid, 'VmHWM') / 1024),
    async stop() {
      clearInterval(sampler);
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** `quire start` on the corpus, logging only warnings, with log-in limits out of the benchmark's way. */
export async function startQuire(env: Record<string, string>): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, 'bin/quire.js'), 'start'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', QUIRE_LOGIN_RATE_LIMIT: '1000', QUIRE_DB_POOL_SIZE: '10' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-4_000)));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output = (output + chunk).slice(-4_000)));
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = track(child, baseUrl);
  try {
    await waitUntilServing(child, `${baseUrl}/healthz`, () => output);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** An answer as it came over the wire: fetch() would decode a compressed body and hide its size. */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export function rawGet(url: string, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, timeout: 60_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`no answer from ${url} within a minute`)));
    request.on('error', reject);
  });
}

/**
 * A plain node:http server answering `body` (the work page's bytes, as Quire sent them) to every
 * request, with the Content-Encoding they were sent with.
 */
export async function startStaticBaseline(body: Buffer, contentType: string, contentEncoding: string | undefined): Promise<RunningServer> {
  const port = await freePort();
  const headers = { 'content-type': contentType, ...(contentEncoding ? { 'content-encoding': contentEncoding } : {}) };
  const code = `
    const body = require('node:fs').readFileSync(0);
    require('node:http').createServer((req, res) => {
      res.writeHead(200, { ...${JSON.stringify(headers)}, 'content-length': body.length });
      res.end(body);
    }).listen(${port}, '127.0.0.1', () => console.log('ready'));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin!.end(body);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once('data', () => resolve());
    child.once('exit', (exitCode) => reject(new Error(`the static baseline server exited (${exitCode})`)));
  });
  return track(child, `http://127.0.0.1:${port}`);
}

/**
 * Logs in over HTTP as a browser does and returns the Cookie header. A guest's form carries no
 * token: the server checks that the post comes from its own origin (ARCHITECTURE.md, "CSRF"),
 * so the request says so as a browser would.
 */
export async function logIn(baseUrl: string, login: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const header = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const response = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl, 'sec-fetch-site': 'same-origin' },
    body: new URLSearchParams({ login, password, return_to: '/' }).toString(),
  });
  keep(response);
  if (response.status !== 303) throw new Error(`logging in as ${login} answered ${response.status}`);
  return header();
}
