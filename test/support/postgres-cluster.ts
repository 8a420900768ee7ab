import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A throwaway PostgreSQL cluster in a temporary folder, for tests. */
export interface PostgresCluster {
  /** Connection URL for the `postgres` superuser's maintenance database. */
  adminUrl: string;
  stop(): void;
}

const MIN_MAJOR = 15;

export class MissingPostgresError extends Error {}

function findBinDir(): string {
  const candidates: string[] = [];
  if (process.env.QUIRE_TEST_PG_BIN) candidates.push(process.env.QUIRE_TEST_PG_BIN);
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    for (const version of fs.readdirSync(root).sort((a, b) => Number(b) - Number(a))) {
      if (Number(version) >= MIN_MAJOR) candidates.push(path.join(root, version, 'bin'));
    }
  }
  const which = spawnSync('sh', ['-c', 'command -v pg_ctl'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) candidates.push(path.dirname(fs.realpathSync(which.stdout.trim())));
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl')));
  if (!found) {
    throw new MissingPostgresError(
      `PostgreSQL ${MIN_MAJOR}+ server binaries (initdb, pg_ctl) were not found in /usr/lib/postgresql/*/bin or on PATH. ` +
        'Install them (Debian: apt-get install postgresql) or set QUIRE_TEST_PG_BIN.',
    );
  }
  return found;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** PostgreSQL refuses to run as root; sessions and CI are root, so it runs as the `postgres` user there. */
function runAsOwner(isRoot: boolean, command: string, args: string[]): void {
  const [file, argv] = isRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
  execFileSync(file, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
}

export interface ClusterOptions {
  /**
   * Keep the cluster in this folder and start it again from there next time (the benchmark
   * reuses a seeded corpus this way). By default the cluster lives in a temporary folder that
   * stop() removes.
   */
  dir?: string;
  /** More `-c name=value` server settings, after the defaults (so they win). */
  settings?: string[];
}

export async function startPostgresCluster(clusterOptions: ClusterOptions = {}): Promise<PostgresCluster> {
  const binDir = findBinDir();
  const isRoot = process.getuid?.() === 0;
  const keep = clusterOptions.dir !== undefined;
  const dir = clusterOptions.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'quire-pg-'));
  const dataDir = path.join(dir, 'data');
  const socketDir = path.join(dir, 'socket');
  fs.mkdirSync(socketDir, { recursive: true });
  if (isRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const port = await freePort();
  // A kept cluster whose last user was killed before stopping it may still be running.
  if (keep && fs.existsSync(path.join(dataDir, 'postmaster.pid'))) {
    try {
      runAsOwner(isRoot, path.join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    } catch {
      // Not running: a stale pid file, which pg_ctl start clears.
    }
  }
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    runAsOwner(isRoot, path.join(binDir, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8', '--no-sync']);
  }
  const extra = (clusterOptions.settings ?? []).map((setting) => ` -c ${setting}`).join('');
  const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c max_connections=100 -c shared_buffers=128MB -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_parallel_workers_per_gather=0${extra}`;
  runAsOwner(isRoot, path.join(binDir, 'pg_ctl'), ['-D', dataDir, '-l', path.join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
  let stopped = false;
  return {
    adminUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        // A kept cluster stops cleanly, so its next start needs no crash recovery.
        runAsOwner(isRoot, path.join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', keep ? 'fast' : 'immediate', '-w', 'stop']);
      } finally {
        if (!keep) fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
