import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, type LogConfig } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';
import { lockDataDir } from './data-dir-lock.ts';

// int8 (ids, count(*)) arrives as a string through pg; every value Quire stores fits in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type Engine = 'postgres' | 'pglite';

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: Engine;
  close(): Promise<void>;
}

export interface ConnectOptions {
  /** Kysely's query log hook; tests use it to count queries per page. */
  log?: LogConfig;
  /** Told when the server drops an idle pooled connection (a restart, a terminated backend). */
  onIdleConnectionError?: (error: Error) => void;
}

export function connectPostgres(url: string, poolSize: number, options: ConnectOptions = {}): DatabaseHandle {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // pg emits 'error' for an idle client the server closed; with no listener Node would end the
  // whole process. The pool has already discarded that client and opens a new one when needed.
  pool.on('error', options.onIdleConnectionError ?? (() => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...(options.log ? { log: options.log } : {}) });
  return { db, engine: 'postgres', close: () => db.destroy() };
}

/**
 * Wraps a PGlite instance in a one-connection pg.Pool, so both engines share one
 * dialect and transactions are isolated by the pool (see TECH-NOTES).
 */
export function connectPglite(pglite: PGlite, onClose: () => Promise<void> = async () => {}, options: ConnectOptions = {}): DatabaseHandle {
  const pool = new pg.Pool({ ...createPgConfig(pglite), idleTimeoutMillis: 0 });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...(options.log ? { log: options.log } : {}) });
  return {
    db,
    engine: 'pglite',
    async close() {
      await db.destroy();
      await pglite.close();
      await onClose();
    },
  };
}

export interface OpenOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  poolSize: number;
  onLockLost?: (error: Error) => void;
  onIdleConnectionError?: (error: Error) => void;
}

/** Real PostgreSQL when DATABASE_URL is set; otherwise the embedded PGlite in the locked data folder. */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const { onIdleConnectionError } = options;
    return connectPostgres(options.databaseUrl, options.poolSize, onIdleConnectionError ? { onIdleConnectionError } : {});
  }
  const release = await lockDataDir(options.dataDir, options.onLockLost ?? (() => {}));
  try {
    const pglite = await PGlite.create(path.join(options.dataDir, 'pgdata'));
    return connectPglite(pglite, release);
  } catch (error) {
    await release();
    throw error;
  }
}
