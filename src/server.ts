import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { openDatabase, type DatabaseHandle } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { buildApp } from './platform/http/app.ts';
import { resolveSecret } from './platform/security/secret.ts';

/** A problem that stops the server from starting, explained in one line. */
export class StartupError extends Error {
  override name = 'StartupError';
}

async function listen(app: FastifyInstance, config: Config): Promise<string> {
  try {
    return await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const where = `${config.host}:${config.port}`;
    if (code === 'EADDRINUSE') throw new StartupError(`Cannot listen on ${where}: the port is already in use. Stop the other program or set PORT to a free port.`);
    if (code === 'EACCES') throw new StartupError(`Cannot listen on ${where}: permission denied. Ports below 1024 need extra privileges; set PORT to 1024 or above.`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new StartupError(`Cannot listen on ${where}: this machine has no such address. Check HOST.`);
    throw error;
  }
}

export interface RunningServer {
  app: FastifyInstance;
  database: DatabaseHandle;
  url: string;
  stop(): Promise<void>;
}

/** Opens the database, migrates it, and starts listening. */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
    onLockLost: (error) => logger.error({ err: error }, 'lost the lock on the data folder'),
    onIdleConnectionError: (error) => logger.warn({ err: error }, 'the database closed an idle connection; the pool will open another'),
  });
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length > 0) logger.info({ applied }, 'applied migrations');
    const secret = await resolveSecret(database.db, config.secret);
    const app = await buildApp({ config, db: database.db, secret, logger });
    let url: string;
    try {
      url = await listen(app, config);
    } catch (error) {
      await app.close();
      throw error;
    }
    logger.info({ engine: database.engine }, `Quire is listening on ${url}`);
    let stopping: Promise<void> | undefined;
    const stop = () => {
      // app.close() stops accepting connections and waits for requests in flight.
      stopping ??= app.close().then(() => database.close());
      return stopping;
    };
    return { app, database, url, stop };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * Finishes requests in flight on SIGINT or SIGTERM, then closes the database and exits.
 * Installed before start-up begins, so a signal during a slow first start still closes
 * the embedded database cleanly once it is open.
 */
export function stopOnSignals(starting: Promise<RunningServer>, logger: Logger): void {
  const onSignal = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    const forceExit = setTimeout(() => {
      logger.error('requests did not finish within 10 s; exiting anyway');
      process.exit(1);
    }, 10_000);
    forceExit.unref();
    starting.then((server) => server.stop()).then(
      () => {
        logger.info('stopped cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'error while shutting down');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
