import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/config.ts';
import type { DatabaseHandle, Engine } from '../../src/platform/db/database.ts';
import type { Db } from '../../src/platform/db/schema.ts';
import { buildApp } from '../../src/platform/http/app.ts';
import { createTestDatabase } from './databases.ts';
import type { Mailer } from '../../src/platform/mail/mailer.ts';

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  engine: Engine;
  config: Config;
  queries: QueryCounter;
  /** Writes buffered hits, then runs every queued job and the drains the schedule would soon start (notices, email delivery). */
  runPendingJobs(): Promise<void>;
  /** Runs one scheduled job now, by name (email-digest, session-cleanup, daily-cleanup, …). */
  runJob(name: string): Promise<void>;
  close(): Promise<void>;
}

/** The real app on a fresh database of the given engine, driven through inject(). */
export interface TestAppOptions {
  /** Runs before the app is ready, to add routes that only tests need. */
  beforeReady?: (app: FastifyInstance) => void;
  /** Delivers email through this instead of leaving it in the outbox (see SMTP_URL). */
  mailer?: Mailer;
}

/** Counts the SQL queries the app runs; reset it before the request you measure. */
export class QueryCounter {
  count = 0;
  readonly statements: string[] = [];
  reset(): void {
    this.count = 0;
    this.statements.length = 0;
  }
}

/**
 * The queries one page costs once warm: it is requested once (so one-time work such as a first
 * cache fill is not counted), then again with the counter reset. The page must answer 200.
 */
export async function queriesOfWarmPage(t: Pick<TestApp, 'queries'>, client: Pick<TestClient, 'get'>, url: string): Promise<number> {
  await client.get(url);
  t.queries.reset();
  const response = await client.get(url);
  if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}, not 200`);
  return t.queries.count;
}

export async function startTestApp(engine: Engine, overrides: Partial<Config> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const queries = new QueryCounter();
  const database: DatabaseHandle = await createTestDatabase(engine, {
    log: (event) => {
      queries.count++;
      queries.statements.push(event.query.sql);
    },
  });
  const config: Config = {
    ...loadConfig({}),
    // Tests sign up many accounts from one address; the rate-limit tests lower these again.
    loginRateLimitPerMinute: 10_000,
    signupRateLimitPerHour: 10_000,
    commentLimitPerAccount: 10_000,
    commentLimitPerAddress: 10_000,
    // No workers, schedules or flush timers: tests run jobs and flush hits with runPendingJobs().
    jobs: false,
    hitsFlushSeconds: 0,
    // Tests write through the database directly too: read the page cache's change feed before
    // every cached answer, so no test depends on the background poll's timing.
    pageCachePollMs: 0,
    ...overrides,
  };
  const app = await buildApp({ config, db: database.db, secret: TEST_SECRET, logger: false, ...(options.mailer ? { mailer: options.mailer } : {}) });
  options.beforeReady?.(app);
  await app.ready();
  return {
    app,
    db: database.db,
    engine,
    config,
    queries,
    async runPendingJobs() {
      await app.hits.flush();
      await app.jobs.runPending();
    },
    runJob: (name) => app.jobs.run(name),
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** What a browser sends with a form posted from one of our pages (inject()'s host is localhost). */
export const SAME_ORIGIN: Readonly<Record<string, string>> = { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' };

const TEST_SECRET = 'test-secret-that-is-long-enough-0123456789';

/** Another app server on the same database (a big archive runs several); the caller closes it. */
export async function startPeerApp(t: TestApp, overrides: Partial<Config> = {}): Promise<FastifyInstance> {
  const app = await buildApp({ config: { ...t.config, ...overrides }, db: t.db, secret: TEST_SECRET, logger: false });
  await app.ready();
  return app;
}

export type FormFields = Record<string, string | string[]>;

function encodeForm(fields: FormFields): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  return params.toString();
}

/** A browser-like client: keeps cookies, and picks up CSRF tokens from the pages it reads. */
export class TestClient {
  private cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(readonly app: FastifyInstance) {}

  private cookieHeader(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now()) || cookie.value === '';
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrfToken = token;
    return response;
  }

  /** A second client holding copies of this one's cookies, like a stolen or shared cookie jar. */
  clone(): TestClient {
    const copy = new TestClient(this.app);
    copy.cookies = new Map(this.cookies);
    copy.csrfToken = this.csrfToken;
    return copy;
  }

  hasCookie(name: string): boolean {
    return this.cookies.has(name);
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const cookie = this.cookieHeader();
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { ...headers, ...(cookie ? { cookie } : {}) } }));
  }

  /**
   * Posts a form the way a browser does: from our own origin (Origin and Sec-Fetch-Site, which
   * guests' posts are checked by), with the CSRF token from the last page read (a member's pages
   * carry one; fetching the log-in form first if none).
   */
  async post(url: string, fields: FormFields = {}, options: { csrf?: boolean; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
    if (options.csrf !== false && !this.csrfToken && this.cookies.has('quire_session')) await this.get('/login');
    const body = encodeForm(options.csrf === false ? fields : { _csrf: this.csrfToken ?? '', ...fields });
    return this.postRaw(url, body, options.headers);
  }

  async postRaw(url: string, payload: string | Buffer, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const cookie = this.cookieHeader();
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        payload,
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...SAME_ORIGIN, ...headers, ...(cookie ? { cookie } : {}) },
      }),
    );
  }
}
