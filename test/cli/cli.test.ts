/**
 * The real `quire` CLI, spawned as a child process exactly as an admin runs it:
 * `node bin/quire.js <command>` with configuration in environment variables.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openDatabase } from '../../src/platform/db/database.ts';
import { createEmptyPostgresDatabase } from '../support/databases.ts';

const root = path.resolve(import.meta.dirname, '../..');
const QUIRE_BIN = path.join(root, 'bin/quire.js');
const WAIT_MS = 60_000;
const IN_USE = /The data folder .* is in use by another Quire process/;
const STACK_LINE = /^\s+at /m;

const tmpRoot = fs.mkdtempSync(path.join(process.env.QUIRE_TEST_TMP ?? os.tmpdir(), 'quire-cli-'));
const children = new Set<ChildProcess>();

after(() => {
  for (const child of children) child.kill('SIGKILL');
  fs.rmSync(tmpRoot, { recursive: true, force: true });
});

function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(tmpRoot, `${name}-`));
}

/** The parent's environment minus every setting Quire reads, so each test states its own configuration. */
function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  const quireSettings = new Set(['PORT', 'HOST', 'DATABASE_URL', 'LOG_LEVEL', 'NODE_TEST_CONTEXT']);
  for (const [key, value] of Object.entries(process.env)) {
    if (!quireSettings.has(key) && !key.startsWith('QUIRE_')) env[key] = value;
  }
  return env;
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Spawned {
  child: ChildProcess;
  startedAt: number;
  stdout(): string;
  stderr(): string;
  exited: Promise<Exit>;
}

/** Starts `node bin/quire.js ...args` in a scratch working directory, so a default ./data never lands in the repo. */
function spawnQuire(args: string[], env: Record<string, string>, input?: string): Spawned {
  const startedAt = Date.now();
  const child = spawn(process.execPath, [QUIRE_BIN, ...args], {
    cwd: tmpRoot,
    env: { ...baseEnv(), ...env },
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  if (input !== undefined) child.stdin?.end(input);
  const exited = new Promise<Exit>((resolve) => {
    child.on('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });
  return { child, startedAt, stdout: () => stdout, stderr: () => stderr, exited };
}

async function waitForExit(spawned: Spawned, timeoutMs = WAIT_MS): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      spawned.child.kill('SIGKILL');
      reject(new Error(`quire did not exit within ${timeoutMs} ms.\nstdout: ${spawned.stdout()}\nstderr: ${spawned.stderr()}`));
    }, timeoutMs);
  });
  try {
    return await Promise.race([spawned.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

interface RunResult extends Exit {
  stdout: string;
  stderr: string;
}

/** Runs a command that should finish on its own (anything but `start`). */
async function runQuire(args: string[], env: Record<string, string>, input?: string): Promise<RunResult> {
  const spawned = spawnQuire(args, env, input);
  const exit = await waitForExit(spawned);
  return { ...exit, stdout: spawned.stdout(), stderr: spawned.stderr() };
}

function describeRun(result: RunResult): string {
  return `exit ${result.code} (signal ${result.signal})\nstdout: ${result.stdout}\nstderr: ${result.stderr}`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls GET / until it answers 200; returns the milliseconds from spawn to that first 200. */
async function waitForHomePage(server: Spawned, baseUrl: string): Promise<number> {
  const deadline = Date.now() + WAIT_MS;
  let exit: Exit | undefined;
  void server.exited.then((e) => (exit = e));
  while (Date.now() < deadline) {
    if (exit) throw new Error(`quire start exited before serving: exit ${exit.code}\nstdout: ${server.stdout()}\nstderr: ${server.stderr()}`);
    try {
      const response = await fetch(`${baseUrl}/`, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status === 200) return Date.now() - server.startedAt;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  server.child.kill('SIGKILL');
  throw new Error(`no 200 from ${baseUrl}/ within ${WAIT_MS} ms\nstdout: ${server.stdout()}\nstderr: ${server.stderr()}`);
}

/** Sends a signal and expects a clean stop: exit 0 within a few seconds and "stopped cleanly" in the log. */
async function stopCleanly(server: Spawned, signal: NodeJS.Signals): Promise<void> {
  const sentAt = Date.now();
  server.child.kill(signal);
  const exit = await waitForExit(server, 15_000);
  const tookMs = Date.now() - sentAt;
  assert.deepEqual(exit, { code: 0, signal: null }, `after ${signal}: stdout ${server.stdout()}\nstderr ${server.stderr()}`);
  assert.ok(tookMs < 5_000, `stopping on ${signal} took ${tookMs} ms`);
  assert.match(server.stdout(), new RegExp(`"signal":"${signal}".*"msg":"shutting down"`));
  assert.match(server.stdout(), /"msg":"stopped cleanly"/);
  assert.equal(server.stderr(), '');
}

/** A minimal browser: keeps cookies and remembers the last CSRF token it saw. */
class Browser {
  private cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(private readonly baseUrl: string) {}

  async request(pathname: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<{ status: number; location: string | null; body: string }> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      // As a browser does: a guest's post is accepted only from our own origin.
      headers.origin = new URL(this.baseUrl).origin;
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(`${this.baseUrl}${pathname}`, { method: init.method ?? 'GET', headers, body, redirect: 'manual' });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    if (token) this.csrfToken = token;
    return { status: response.status, location: response.headers.get('location'), body: text };
  }
}

// Phase 1: checks that measure nothing run side by side, to keep the suite short.
describe('quire CLI without a running PGlite server', { concurrency: true }, () => {
  describe('usage, configuration and input errors (no database needed)', { concurrency: true }, () => {
    const dataDir = path.join(tmpRoot, 'never-created');
    const env = { QUIRE_DATA_DIR: dataDir };
    after(() => assert.ok(!fs.existsSync(dataDir), 'none of these commands should touch the data folder'));

    for (const args of [['--help'], ['help']]) {
      it(`quire ${args.join(' ')} prints the usage and exits 0`, async () => {
        const result = await runQuire(args, env);
        assert.equal(result.code, 0, describeRun(result));
        assert.match(result.stdout, /^Usage: quire <command>/);
        for (const command of ['start', 'migrate', 'admin create --email E --name N', 'admin grant --name N --role ROLE', 'admin revoke --name N --role ROLE']) assert.ok(result.stdout.includes(command), `usage mentions ${command}`);
        assert.equal(result.stderr, '');
      });
    }

    it('an unknown command exits 2 and says so, with the usage', async () => {
      const result = await runQuire(['frobnicate'], env);
      assert.equal(result.code, 2, describeRun(result));
      assert.match(result.stderr, /^Unknown command: frobnicate\n/);
      assert.match(result.stderr, /Usage: quire <command>/);
      assert.doesNotMatch(result.stderr, STACK_LINE);
    });

    const badSettings: { name: string; value: string; message: RegExp }[] = [
      { name: 'PORT', value: 'abc', message: /^Invalid configuration: PORT must be a whole number from 1 to 65535 \(got "abc"\)$/ },
      { name: 'QUIRE_TRUST_PROXY', value: 'maybe', message: /^Invalid configuration: QUIRE_TRUST_PROXY must be true or false \(got "maybe"\)$/ },
      { name: 'DATABASE_URL', value: 'mysql://quire:hunter2@db.example.org/quire', message: /^Invalid configuration: DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL$/ },
    ];
    for (const setting of badSettings) {
      it(`${setting.name}=${setting.value} stops quire start with one line naming the variable and exit 1`, async () => {
        const result = await runQuire(['start'], { ...env, [setting.name]: setting.value });
        assert.equal(result.code, 1, describeRun(result));
        const lines = result.stderr.trimEnd().split('\n');
        assert.equal(lines.length, 1, `one line only, got:\n${result.stderr}`);
        assert.match(lines[0]!, setting.message);
        assert.equal(result.stdout, '');
        // The URL may hold a password, so it is never echoed.
        assert.doesNotMatch(result.stderr, /hunter2|mysql:|db\.example\.org/);
      });
    }

    it('admin create with a too-short password from stdin fails with a clear message and exit 1', async () => {
      const result = await runQuire(['admin', 'create', '--email', 'short@example.org', '--name', 'shorty'], env, 'short\n');
      assert.equal(result.code, 1, describeRun(result));
      assert.equal(result.stderr.trimEnd(), 'Error: Password must be at least 8 characters.');
      assert.equal(result.stdout, '');
    });

    it('admin create without --email exits 2 and says what is missing', async () => {
      const result = await runQuire(['admin', 'create', '--name', 'nomail'], env, 'a long enough password\n');
      assert.equal(result.code, 2, describeRun(result));
      assert.match(result.stderr, /^quire admin create needs --email and --name\./);
    });

    it('admin grant without --role, or with a role that does not exist, exits 2 and says so', async () => {
      const [missing, unknown] = await Promise.all([runQuire(['admin', 'grant', '--name', 'someone'], env), runQuire(['admin', 'revoke', '--name', 'someone', '--role', 'overlord'], env)]);
      assert.equal(missing.code, 2, describeRun(missing));
      assert.match(missing.stderr, /^quire admin grant needs --name and --role\./);
      assert.equal(unknown.code, 2, describeRun(unknown));
      assert.match(unknown.stderr, /^Unknown role: overlord\. Roles: tag_wrangler, admin\./);
    });
  });

  describe('quire migrate on a fresh PGlite data folder', { concurrency: false }, () => {
    it('applies the migrations, and a second run says the database is up to date', { timeout: 120_000 }, async () => {
      const env = { QUIRE_DATA_DIR: path.join(tempDir('migrate'), 'data') };
      const first = await runQuire(['migrate'], env);
      assert.equal(first.code, 0, describeRun(first));
      assert.match(first.stdout, /^Applied \d+ migration\(s\): 0001_foundation/);
      assert.ok(!fs.existsSync(path.join(env.QUIRE_DATA_DIR, '.quire.lock')), 'the lock is released on exit');
      const second = await runQuire(['migrate'], env);
      assert.equal(second.code, 0, describeRun(second));
      assert.equal(second.stdout.trim(), 'The database is up to date.');
    });
  });

  describe('quire tags import and export on a fresh PGlite data folder', { concurrency: false }, () => {
    const env = () => ({ QUIRE_DATA_DIR: path.join(tmpRoot, 'tags-data') });

    it('imports a good file with exit 0 and a one-line summary, twice without changes, and exports it', { timeout: 120_000 }, async () => {
      const file = path.join(tempDir('tags'), 'good.json');
      const tags = [
        { type: 'fandom', name: 'Star Trek', synonyms: ['ST'] },
        { type: 'character', name: 'Spock', parents: ['Star Trek'] },
      ];
      fs.writeFileSync(file, JSON.stringify({ tags }));
      const first = await runQuire(['tags', 'import', file], env());
      assert.equal(first.code, 0, describeRun(first));
      assert.equal(first.stdout.trim(), `Imported 2 tag(s) from ${file}: 3 created, 4 changed.`);
      const second = await runQuire(['tags', 'import', file], env());
      assert.equal(second.code, 0, describeRun(second));
      assert.equal(second.stdout.trim(), `Imported 2 tag(s) from ${file}: 0 created, 0 changed.`);
      const exported = await runQuire(['tags', 'export'], env());
      assert.equal(exported.code, 0, describeRun(exported));
      assert.deepEqual(JSON.parse(exported.stdout), { tags: tags.map((tag) => ({ synonyms: [], parents: [], meta: [], ...tag })) });
    });

    it('refuses a bad file with exit 1, every problem on stderr with its JSON path, and no stack trace', { timeout: 120_000 }, async () => {
      const file = path.join(tempDir('tags'), 'bad.json');
      fs.writeFileSync(file, JSON.stringify({ tags: [{ type: 'warning', name: 'X' }, { type: 'fandom', name: 'A, B' }] }));
      const result = await runQuire(['tags', 'import', file], env());
      assert.equal(result.code, 1, describeRun(result));
      assert.match(result.stderr, /tags\[0\]\.type: "warning" tags are fixed/);
      assert.match(result.stderr, /tags\[1\]\.name: "A, B" contains a comma/);
      assert.ok(!STACK_LINE.test(result.stderr), result.stderr);
    });
  });

  // Its steps share one server, so they run in order (suites inherit concurrency otherwise).
  describe('quire on PostgreSQL (DATABASE_URL)', { concurrency: false }, () => {
    const databases: { drop(): Promise<void> }[] = [];
    let server: Spawned | undefined;
    let env: Record<string, string>;
    const dataDir = path.join(tmpRoot, 'unused-with-postgres');

    async function emptyDatabase(): Promise<string> {
      const database = await createEmptyPostgresDatabase();
      databases.push(database);
      return database.url;
    }

    after(async () => {
      server?.child.kill('SIGKILL');
      await server?.exited;
      await Promise.all(databases.map((database) => database.drop()));
    });

    it('quire migrate applies the migrations to an empty database, and a second run says it is up to date', { timeout: 120_000 }, async () => {
      const migrateEnv = { DATABASE_URL: await emptyDatabase(), QUIRE_DATA_DIR: dataDir };
      const first = await runQuire(['migrate'], migrateEnv);
      assert.equal(first.code, 0, describeRun(first));
      assert.match(first.stdout, /^Applied \d+ migration\(s\): 0001_foundation/);
      const second = await runQuire(['migrate'], migrateEnv);
      assert.equal(second.code, 0, describeRun(second));
      assert.equal(second.stdout.trim(), 'The database is up to date.');
    });

    it('quire start migrates an empty database and serves the home page', { timeout: 120_000 }, async () => {
      env = { DATABASE_URL: await emptyDatabase(), QUIRE_DATA_DIR: dataDir, PORT: String(await freePort()), LOG_LEVEL: 'info' };
      server = spawnQuire(['start'], env);
      const ms = await waitForHomePage(server, `http://127.0.0.1:${env.PORT}`);
      console.log(`first page after ${ms} ms on an empty PostgreSQL database (other CLI checks running alongside)`);
      assert.match(server.stdout(), /"msg":"applied migrations"/);
      assert.match(server.stdout(), /"engine":"postgres".*Quire is listening on/);
      assert.ok(!fs.existsSync(dataDir), 'no PGlite data folder is made when DATABASE_URL is set');
    });

    it(
      'a second quire start on a port in use exits 1 with one line naming the port',
      { timeout: 120_000 },
      async () => {
        assert.ok(server, 'the server from the previous step is running');
        const result = await runQuire(['start'], env);
        assert.equal(result.code, 1, describeRun(result));
        assert.ok(!STACK_LINE.test(result.stderr), `expected one line, got a stack trace starting: ${result.stderr.split('\n').find((line) => line.startsWith('Error'))}`);
        assert.match(result.stderr, new RegExp(`\\b${env.PORT}\\b`));
      },
    );

    it('SIGTERM stops it cleanly with exit 0', { timeout: 120_000 }, async () => {
      assert.ok(server, 'the server from the previous step is running');
      await stopCleanly(server, 'SIGTERM');
      server = undefined;
    });
  });
});

// Phase 2: alone, so the first-page times mean something. The steps build on each other as an
// admin's would: a new folder is started, stopped, given an admin, inspected and started again.
describe('quire start on a PGlite data folder', () => {
  let port: number;
  let baseUrl: string;
  let dataDir: string;
  let server: Spawned | undefined;
  const admin = { name: 'site_admin', email: 'admin@example.org', password: 'a long admin password' };
  const env = () => ({ QUIRE_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'info' });

  before(async () => {
    port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    dataDir = path.join(tempDir('pglite'), 'data');
  });
  after(async () => {
    server?.child.kill('SIGKILL');
    await server?.exited;
  });

  it('serves the home page on a new, empty data folder', { timeout: 120_000 }, async () => {
    server = spawnQuire(['start'], env());
    const ms = await waitForHomePage(server, baseUrl);
    console.log(`first page after ${ms} ms on a new data folder`);
    assert.match(server.stdout(), /"msg":"applied migrations"/);
    assert.match(server.stdout(), /"engine":"pglite".*Quire is listening on/);
  });

  it('a second quire start or a quire migrate on the same folder exits 1: the folder is in use', { timeout: 120_000 }, async () => {
    assert.ok(server, 'the server from the previous step is running');
    const [secondStart, migrate] = await Promise.all([runQuire(['start'], { ...env(), PORT: String(await freePort()) }), runQuire(['migrate'], env())]);
    for (const result of [secondStart, migrate]) {
      assert.equal(result.code, 1, describeRun(result));
      assert.match(result.stderr, IN_USE);
      assert.ok(result.stderr.includes(dataDir), 'names the folder');
      assert.doesNotMatch(result.stderr, STACK_LINE);
    }
    const stillServing = await fetch(`${baseUrl}/`);
    await stillServing.arrayBuffer();
    assert.equal(stillServing.status, 200, 'the first server keeps running');
  });

  it('SIGTERM stops it cleanly with exit 0 and releases the lock', { timeout: 120_000 }, async () => {
    assert.ok(server, 'the server from the previous step is running');
    await stopCleanly(server, 'SIGTERM');
    server = undefined;
    assert.ok(!fs.existsSync(path.join(dataDir, '.quire.lock')), 'the lock is released');
  });

  it('quire admin create then opens the freed folder, reads the password from piped stdin and creates an admin', { timeout: 120_000 }, async () => {
    const result = await runQuire(['admin', 'create', '--email', admin.email, '--name', admin.name], env(), `${admin.password}\n`);
    assert.equal(result.code, 0, describeRun(result));
    assert.equal(result.stdout.trim(), `Created admin ${admin.name} <${admin.email}>.`);
    assert.equal(result.stderr, '');
  });

  it('quire admin create with a name that is already taken exits 1', { timeout: 120_000 }, async () => {
    const result = await runQuire(['admin', 'create', '--email', 'other@example.org', '--name', admin.name], env(), 'another long password\n');
    assert.equal(result.code, 1, describeRun(result));
    assert.equal(result.stderr.trimEnd(), 'Error: That username is already taken.');
  });

  it('the admin is in the database: admin role, default pseud named after them, argon2id hash', { timeout: 120_000 }, async () => {
    // Every CLI process has exited, so the folder is free to open here.
    const database = await openDatabase({ databaseUrl: undefined, dataDir, poolSize: 1 });
    try {
      // Every database also holds orphan_account (migration 0004), which owns orphaned works.
      const users = await database.db.selectFrom('users').select(['id', 'username', 'email', 'password_hash']).where('username', '<>', 'orphan_account').execute();
      assert.equal(users.length, 1, 'the duplicate was not created');
      const user = users[0]!;
      assert.equal(user.username, admin.name);
      assert.equal(user.email, admin.email);
      assert.match(user.password_hash, /^\$argon2id\$/);
      assert.ok(!user.password_hash.includes(admin.password));
      const roles = await database.db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute();
      assert.deepEqual(roles, [{ role: 'admin' }]);
      const pseuds = await database.db.selectFrom('pseuds').select(['name', 'is_default']).where('user_id', '=', user.id).execute();
      assert.deepEqual(pseuds, [{ name: admin.name, is_default: true }]);
    } finally {
      await database.close();
    }
  });

  it('quire admin grant and revoke change roles, keep the last admin, and are audited as the command line', { timeout: 120_000 }, async () => {
    const granted = await runQuire(['admin', 'grant', '--name', admin.name, '--role', 'tag_wrangler'], env());
    assert.equal(granted.code, 0, describeRun(granted));
    assert.equal(granted.stdout.trim(), `Made ${admin.name} a tag wrangler.`);
    const lastAdmin = await runQuire(['admin', 'revoke', '--name', admin.name, '--role', 'admin'], env());
    assert.equal(lastAdmin.code, 1, describeRun(lastAdmin));
    assert.equal(lastAdmin.stderr.trimEnd(), `Error: ${admin.name} is the only admin: grant the admin role to someone else first.`);
    const nobody = await runQuire(['admin', 'grant', '--name', 'nobody_here', '--role', 'admin'], env());
    assert.equal(nobody.code, 1, describeRun(nobody));
    assert.equal(nobody.stderr.trimEnd(), 'Error: there is no member named nobody_here.');
    assert.doesNotMatch(nobody.stderr, STACK_LINE);

    const database = await openDatabase({ databaseUrl: undefined, dataDir, poolSize: 1 });
    try {
      const roles = await database.db.selectFrom('user_roles').innerJoin('users', 'users.id', 'user_roles.user_id').select('role').where('username', '=', admin.name).orderBy('role').execute();
      assert.deepEqual(roles, [{ role: 'admin' }, { role: 'tag_wrangler' }]);
      const audit = await database.db.selectFrom('audit_log').select(['actor_id', 'actor_name', 'action', 'summary']).execute();
      assert.deepEqual(audit, [{ actor_id: null, actor_name: 'command line', action: 'role.granted', summary: `Made ${admin.name} a tag wrangler.` }]);
    } finally {
      await database.close();
    }
  });

  it('a restart on the existing folder serves again, the admin logs in, and SIGINT stops it cleanly', { timeout: 120_000 }, async () => {
    server = spawnQuire(['start'], env());
    const ms = await waitForHomePage(server, baseUrl);
    console.log(`first page after ${ms} ms on restart (existing data folder)`);
    assert.doesNotMatch(server.stdout(), /applied migrations/, 'nothing left to migrate');

    const browser = new Browser(baseUrl);
    await browser.request('/login');
    assert.equal(browser.csrfToken, undefined, "a guest's page carries no token: the post is checked by its Origin");
    const login = await browser.request('/login', { method: 'POST', form: { login: admin.name, password: admin.password, return_to: '/' } });
    assert.equal(login.status, 303, login.body);
    assert.equal(login.location, '/');
    const home = await browser.request('/');
    assert.equal(home.status, 200);
    assert.match(home.body, /Log out/);
    assert.match(home.body, new RegExp(`href="/users/${admin.name}"`));

    await stopCleanly(server, 'SIGINT');
    server = undefined;
    assert.ok(!fs.existsSync(path.join(dataDir, '.quire.lock')), 'the lock is released');
  });
});
