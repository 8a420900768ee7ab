import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { connectPglite, connectPostgres, type ConnectOptions, type DatabaseHandle, type Engine } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.ts';

export const ENGINES: readonly Engine[] = ['pglite', 'postgres'];

/** Set by test/run.ts: a migrated PGlite data folder dump and a PostgreSQL cluster with a migrated template. */
const PGLITE_DUMP = 'QUIRE_TEST_PGLITE_DUMP';
const PG_ADMIN_URL = 'QUIRE_TEST_PG_ADMIN_URL';
export const TEMPLATE_DB = 'quire_test_template';

let ownCluster: Promise<PostgresCluster> | undefined;

/** When a test file runs on its own (not through test/run.ts) it starts its own cluster. */
async function adminUrl(): Promise<string> {
  const fromRunner = process.env[PG_ADMIN_URL];
  if (fromRunner) return fromRunner;
  ownCluster ??= startPostgresCluster().then(async (cluster) => {
    process.once('exit', () => cluster.stop());
    await createTemplateDatabase(cluster.adminUrl);
    return cluster;
  });
  return (await ownCluster).adminUrl;
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function createTemplateDatabase(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const handle = connectPostgres(withDatabase(url, TEMPLATE_DB), 2);
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
}

export async function dumpMigratedPglite(file: string): Promise<void> {
  const pglite = await PGlite.create();
  const handle = connectPglite(pglite);
  await migrateToLatest(handle.db);
  const dump = await pglite.dumpDataDir('none');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
}

async function freshPglite(options: ConnectOptions): Promise<DatabaseHandle> {
  const dumpFile = process.env[PGLITE_DUMP];
  if (dumpFile && fs.existsSync(dumpFile)) {
    const pglite = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(dumpFile)]) });
    return connectPglite(pglite, undefined, options);
  }
  const handle = connectPglite(await PGlite.create(), undefined, options);
  await migrateToLatest(handle.db);
  return handle;
}

async function freshPostgres(options: ConnectOptions): Promise<DatabaseHandle & { url: string }> {
  const url = await adminUrl();
  const name = `quire_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const databaseUrl = withDatabase(url, name);
  const handle = connectPostgres(databaseUrl, 5, options);
  return {
    ...handle,
    url: databaseUrl,
    async close() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** A migrated, empty database of its own on the given engine. */
export function createTestDatabase(engine: Engine, options: ConnectOptions = {}): Promise<DatabaseHandle> {
  return engine === 'pglite' ? freshPglite(options) : freshPostgres(options);
}

/** An empty, unmigrated PostgreSQL database URL (for CLI tests that migrate it themselves). */
export async function createEmptyPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const url = await adminUrl();
  const name = `quire_empty_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    url: withDatabase(url, name),
    async drop() {
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
