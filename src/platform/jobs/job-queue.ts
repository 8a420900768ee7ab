import { CompiledQuery, sql } from 'kysely';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { Db } from '../db/schema.ts';

/** One kind of background job. Handlers must be safe to run again: pg-boss retries a failed job. */
export interface JobDefinition {
  /** The pg-boss queue name: lowercase letters, digits and dashes. */
  name: string;
  run(data: Record<string, unknown>): Promise<void>;
  /** Five-field cron expression, in UTC, when the job runs on a schedule. */
  cron?: string;
  /**
   * Tests: runPendingJobs() triggers this job as its schedule soon would (the notices and
   * email drains); other scheduled jobs run only when a test asks by name (runJob).
   */
  runWithPending?: boolean;
}

/** Seconds between a worker's polls of its queue: every poll is a query, and PGlite has one connection. */
const POLL_SECONDS = 5;

/**
 * pg-boss's database access, through our own Kysely pool instead of a pool of its own: PGlite
 * has exactly one connection (platform/db/database.ts), and on PostgreSQL this keeps one pool
 * size to tune. pg-boss sends its multi-statement plans (BEGIN … COMMIT, for installing and
 * maintenance) without parameters, so pg uses the simple protocol and they run as one message.
 *
 * When a statement inside such a plan fails — as it is MEANT to for every server but one when
 * several install pg-boss at once ("already exists", which pg-boss then ignores) — the server
 * skips the rest of the message, COMMIT included, and the connection is left inside an aborted
 * transaction: every later query on it fails. On PGlite that is the only connection. So a
 * failed call is followed by a ROLLBACK on the same connection (a harmless warning when no
 * transaction is open) before the connection goes back to the pool.
 */
export function pgBossAdapter(db: Db): PgBoss.Db {
  return {
    executeSql(text: string, values: unknown[] = []) {
      return db.connection().execute(async (connection) => {
        try {
          const result = await connection.executeQuery(CompiledQuery.raw(text, values));
          // pg-boss reads rows as plain objects; Kysely's rows are exactly pg's.
          return { rows: result.rows as Record<string, unknown>[] } as { rows: never[] };
        } catch (error) {
          await connection.executeQuery(CompiledQuery.raw('ROLLBACK')).catch(() => undefined);
          throw error;
        }
      });
    },
  };
}

interface Options {
  db: Db;
  logger: Logger | false;
}

/**
 * The job queue: pg-boss over our database. `start()` (quire start, QUIRE_JOBS=on) installs or
 * upgrades pg-boss's schema, creates the queues, registers the schedules and starts workers,
 * supervision and cron. Tests never start workers: they call `runPending()` / `run(name)`, which
 * install pg-boss without any timer, enqueue and fetch jobs, and run them one by one.
 */
export class JobQueue {
  private readonly definitions = new Map<string, JobDefinition>();
  private boss: Promise<PgBoss> | undefined;
  private working = false;

  constructor(private readonly options: Options) {}

  define(job: JobDefinition): void {
    if (this.definitions.has(job.name)) throw new Error(`job ${job.name} is defined twice`);
    this.definitions.set(job.name, job);
  }

  get names(): string[] {
    return [...this.definitions.keys()];
  }

  private log(level: 'info' | 'warn' | 'error', detail: Record<string, unknown>, message: string): void {
    if (this.options.logger) this.options.logger[level](detail, message);
  }

  /**
   * Installs pg-boss's schema when missing (pg-boss takes a transaction-level advisory lock
   * first, so several app servers starting at once install it once; the losers' "already
   * exists" is expected and ignored by pg-boss) and creates our queues (idempotent).
   */
  private install(timers: boolean): Promise<PgBoss> {
    this.boss ??= (async () => {
      const boss = new PgBoss({
        db: pgBossAdapter(this.options.db),
        migrate: true,
        supervise: timers,
        schedule: timers,
        pollingIntervalSeconds: POLL_SECONDS,
        // Completed jobs are kept a day, then archived; archived ones a week.
        retentionDays: 1,
        deleteAfterDays: 7,
      });
      boss.on('error', (error) => this.log('error', { err: error }, 'job queue error'));
      await boss.start();
      await this.createQueues();
      return boss;
    })();
    return this.boss;
  }

  /**
   * Creates our queues that don't exist yet. pg-boss's own createQueue is not safe to run from
   * two servers at once on PostgreSQL (each inserts the queue row, then attaches a partition,
   * and the two deadlock), so we call its create_queue function — what createQueue calls, with
   * the options it would pass — under an advisory lock of our own, one server after another.
   */
  private async createQueues(): Promise<void> {
    await this.options.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtext('quire:pgboss:create-queues'))`.execute(trx);
      const existing = await sql<{ name: string }>`select name from pgboss.queue`.execute(trx);
      const have = new Set(existing.rows.map((row) => row.name));
      for (const name of this.definitions.keys()) {
        if (have.has(name)) continue;
        const options = { policy: 'standard', retryLimit: 5, retryDelay: 30, retryBackoff: true };
        await sql`select pgboss.create_queue(${name}, ${JSON.stringify(options)}::json)`.execute(trx);
      }
    });
  }

  /** Starts workers and schedules (QUIRE_JOBS=on). */
  async start(): Promise<void> {
    const boss = await this.install(true);
    for (const job of this.definitions.values()) {
      if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
      await boss.work(job.name, { pollingIntervalSeconds: POLL_SECONDS }, async (jobs) => {
        for (const one of jobs) await this.runOne(job, one.data as Record<string, unknown>);
      });
    }
    this.working = true;
    this.log('info', { jobs: this.names }, 'job workers started');
  }

  private async runOne(job: JobDefinition, data: Record<string, unknown>): Promise<void> {
    try {
      await job.run(data ?? {});
    } catch (error) {
      this.log('error', { err: error, job: job.name }, 'job failed; pg-boss will retry it');
      throw error;
    }
  }

  /** Enqueues a job now (outside any transaction; posts use the notification_events outbox). */
  async send(name: string, data: Record<string, unknown> = {}): Promise<void> {
    const boss = await this.install(false);
    await boss.send(name, data);
  }

  /** Runs every queued job of one queue, in order, until the queue is empty. */
  private async drainQueue(boss: PgBoss, job: JobDefinition): Promise<number> {
    let ran = 0;
    for (;;) {
      const fetched = await boss.fetch<Record<string, unknown>>(job.name, { batchSize: 10 });
      if (fetched.length === 0) return ran;
      for (const one of fetched) {
        try {
          await this.runOne(job, one.data);
          await boss.complete(job.name, one.id);
        } catch (error) {
          await boss.fail(job.name, one.id, { message: String(error) });
          throw error;
        }
        ran++;
      }
    }
  }

  /** Tests: triggers the drains as their schedule would, then runs everything queued. Returns how many jobs ran. */
  async runPending(): Promise<number> {
    const boss = await this.install(false);
    let ran = 0;
    for (const job of this.definitions.values()) {
      if (job.runWithPending) await boss.send(job.name, {});
      ran += await this.drainQueue(boss, job);
    }
    return ran;
  }

  /** Tests and tools: enqueues one job by name (as its schedule would) and runs its queue. */
  async run(name: string, data: Record<string, unknown> = {}): Promise<void> {
    const job = this.definitions.get(name);
    if (!job) throw new Error(`no job named ${name}`);
    const boss = await this.install(false);
    await boss.send(name, data);
    await this.drainQueue(boss, job);
  }

  /** Stops workers (waiting up to 10 s for running jobs) and every pg-boss timer. */
  async stop(): Promise<void> {
    if (!this.boss) return;
    const boss = await this.boss.catch(() => undefined);
    this.boss = undefined;
    if (!boss) return;
    await boss.stop({ graceful: this.working, wait: true, timeout: 10_000, close: false });
    this.working = false;
  }
}
