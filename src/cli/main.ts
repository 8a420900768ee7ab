import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig, type Config } from '../config.ts';
import { emailField, passwordField, usernameField } from '../features/accounts/accounts.schemas.ts';
import type { DatabaseHandle } from '../platform/db/database.ts';
import { readPassword } from './read-password.ts';

export const HELP = `Usage: quire <command> [options]

Commands:
  start                                  Migrate the database, then serve the archive
  migrate                                Apply pending database migrations and exit
  admin create --email E --name N        Create an admin account; the password is read from stdin
  admin grant --name N --role ROLE       Give a member a role: tag_wrangler or admin
  admin revoke --name N --role ROLE      Take a role away (the archive always keeps one admin)
  tags import FILE.json                  Import a tag set (canonical tags, synonyms, parents, meta-tags)
  tags export [--output FILE]            Write the archive's tag set as JSON (to stdout by default)
  import FILE [--format text|html|docx|md] [--dry-run] [--json] [--as USERNAME] [--fandom NAME]
                                         Detect a story's structure (FILE - is stdin); --dry-run prints
                                         it (--json: as JSON), --as creates a draft owned by USERNAME
  dev seed --works N [--seed S] [--append]
                                         Fill an empty archive with N generated works (for development
                                         and the benchmark); the same seed makes the same archive
  help, --help                           Show this help

Configuration comes from environment variables (see README.md):
  PORT, HOST, DATABASE_URL, QUIRE_DATA_DIR, QUIRE_SITE_NAME, QUIRE_SECRET,
  QUIRE_TRUST_PROXY, QUIRE_MAX_BODY_BYTES, QUIRE_DB_POOL_SIZE,
  QUIRE_SESSION_DAYS, QUIRE_LOGIN_RATE_LIMIT, QUIRE_SIGNUP_RATE_LIMIT,
  QUIRE_IMPORT_MAX_BYTES, QUIRE_JOBS, QUIRE_PUBLIC_URL, SMTP_URL,
  QUIRE_MAIL_FROM, QUIRE_HITS_FLUSH_SECONDS, QUIRE_COMMENT_LIMIT_PER_ACCOUNT,
  QUIRE_COMMENT_LIMIT_PER_ADDRESS, QUIRE_COMMENT_LIMIT_MINUTES, QUIRE_PAGE_CACHE_MB,
  QUIRE_PAGE_CACHE_POLL_MS, QUIRE_PAGE_CACHE_TTL_SECONDS, QUIRE_COMPRESSION, LOG_LEVEL

Without DATABASE_URL, Quire keeps an embedded PostgreSQL (PGlite) in QUIRE_DATA_DIR (default ./data).
`;

class UsageError extends Error {}

/** Errors whose message alone tells an admin what to fix: printed as one line, exit 1. */
const ONE_LINE_ERRORS = new Set(['ConfigError', 'DataDirLockedError', 'MigrationError', 'StartupError']);

// The database and the web app load only for the commands that need them, so --help and
// configuration errors answer at once.
async function withDatabase<T>(config: Config, run: (database: DatabaseHandle) => Promise<T>): Promise<T> {
  const { openDatabase } = await import('../platform/db/database.ts');
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
  try {
    return await run(database);
  } finally {
    await database.close();
  }
}

async function migrate(config: Config): Promise<number> {
  const { migrateToLatest } = await import('../platform/db/migrate.ts');
  const applied = await withDatabase(config, (database) => migrateToLatest(database.db));
  console.log(applied.length > 0 ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');
  return 0;
}

async function start(config: Config): Promise<number> {
  const { createLogger } = await import('../platform/logger.ts');
  const { startServer, stopOnSignals } = await import('../server.ts');
  const logger = createLogger(config);
  const starting = startServer(config, logger);
  stopOnSignals(starting, logger);
  await starting;
  // The process now lives until a signal arrives.
  await new Promise<never>(() => {});
  return 0;
}

const adminSchema = z.object({ name: usernameField, email: emailField, password: passwordField });

async function adminCreate(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' } }, strict: true });
  if (!values.email || !values.name) throw new UsageError('quire admin create needs --email and --name.');
  const password = await readPassword('Password for the new admin: ');
  const parsed = adminSchema.safeParse({ name: values.name, email: values.email, password });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`Error: ${issue.message}`);
    return 1;
  }
  const { migrateToLatest } = await import('../platform/db/migrate.ts');
  const { createAccount } = await import('../features/accounts/accounts.service.ts');
  return withDatabase(config, async (database) => {
    await migrateToLatest(database.db);
    const { name, email } = parsed.data;
    const result = await createAccount(database.db, { username: name, email, password: parsed.data.password, roles: ['admin'] });
    if (!result.ok) {
      for (const message of Object.values(result.errors)) console.error(`Error: ${message}`);
      return 1;
    }
    console.log(`Created admin ${name} <${email}>.`);
    return 0;
  });
}

/** `quire admin grant|revoke --name N --role ROLE`, recorded in the audit log as the command line. */
async function adminRole(config: Config, change: 'grant' | 'revoke', args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { name: { type: 'string' }, role: { type: 'string' } }, strict: true });
  if (!values.name || !values.role) throw new UsageError(`quire admin ${change} needs --name and --role.`);
  const { isGrantableRole, GRANTABLE_ROLES } = await import('../features/admin/admin.model.ts');
  const role = values.role;
  if (!isGrantableRole(role)) throw new UsageError(`Unknown role: ${role}. Roles: ${GRANTABLE_ROLES.join(', ')}.`);
  const { migrateToLatest } = await import('../platform/db/migrate.ts');
  const { grantRole, revokeRole } = await import('../features/admin/admin.service.ts');
  const { COMMAND_LINE_ACTOR } = await import('../features/audit/audit.model.ts');
  const { AppError } = await import('../platform/http/errors.ts');
  const name = values.name;
  return withDatabase(config, async (database) => {
    await migrateToLatest(database.db);
    try {
      const result = await (change === 'grant' ? grantRole : revokeRole)(database.db, COMMAND_LINE_ACTOR, name, role);
      if (!result.ok) {
        console.error(`Error: ${result.error}`);
        return 1;
      }
      console.log(result.message);
      return 0;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'not_found') throw error;
      console.error(`Error: there is no member named ${name}.`);
      return 1;
    }
  });
}

async function tags(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({ args: rest, options: { output: { type: 'string' } }, allowPositionals: true, strict: true });
  if (sub === 'import') {
    if (positionals.length !== 1 || values.output) throw new UsageError('quire tags import needs exactly one FILE.json.');
    return tagsImport(config, positionals[0]!);
  }
  if (sub === 'export') {
    if (positionals.length > 0) throw new UsageError('quire tags export takes no file name; use --output FILE.');
    return tagsExport(config, values.output);
  }
  throw new UsageError(`Unknown tags command: ${sub ?? '(none)'}. Try: quire tags import FILE.json, or quire tags export`);
}

async function tagsImport(config: Config, file: string): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    console.error(`Can't read ${file}: ${(error as Error).message}`);
    return 1;
  }
  const { migrateToLatest } = await import('../platform/db/migrate.ts');
  const { importTagSet } = await import('../features/tags/tag-sets/tag-set.service.ts');
  const { COMMAND_LINE_ACTOR } = await import('../features/audit/audit.model.ts');
  return withDatabase(config, async (database) => {
    await migrateToLatest(database.db);
    const result = await importTagSet(database.db, text, COMMAND_LINE_ACTOR);
    if (!result.ok) {
      console.error(`${file} was not imported; nothing was changed. Problems:`);
      for (const problem of result.problems) console.error(`  ${problem}`);
      return 1;
    }
    console.log(`Imported ${result.tags} tag(s) from ${file}: ${result.created} created, ${result.changed} changed.`);
    return 0;
  });
}

async function tagsExport(config: Config, output: string | undefined): Promise<number> {
  const { migrateToLatest } = await import('../platform/db/migrate.ts');
  const { exportTagSet } = await import('../features/tags/tag-sets/tag-set.service.ts');
  const set = await withDatabase(config, async (database) => {
    await migrateToLatest(database.db);
    return exportTagSet(database.db);
  });
  const text = `${JSON.stringify(set, null, 2)}\n`;
  if (output) {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(output, text);
    console.error(`Exported ${set.tags.length} tag(s) to ${output}.`);
  } else process.stdout.write(text);
  return 0;
}

/** `quire import`: see import-command.ts. Bad input is exit 2 with one line (ImportInputError). */
async function importStory(config: Config, args: string[]): Promise<number> {
  const { importCommand, parseImportArgs } = await import('./import-command.ts');
  const parsed = parseImportArgs(args, (message) => new UsageError(message));
  return importCommand(config, parsed, (run) => withDatabase(config, run));
}

/** `quire dev seed`: see seed-command.ts. Bad arguments and a non-empty archive are exit 2, nothing written. */
async function dev(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'seed') throw new UsageError(`Unknown dev command: ${sub ?? '(none)'}. Try: quire dev seed --works 1000`);
  const { parseSeedArgs, seedCommand } = await import('./seed-command.ts');
  const parsed = parseSeedArgs(rest, (message) => new UsageError(message));
  return seedCommand(parsed, (run) => withDatabase(config, run));
}

/** Runs one CLI command and returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(HELP);
        return 0;
      case 'start':
        return await start(loadConfig());
      case 'migrate':
        return await migrate(loadConfig());
      case 'admin':
        if (rest[0] === 'create') return await adminCreate(loadConfig(), rest.slice(1));
        if (rest[0] === 'grant' || rest[0] === 'revoke') return await adminRole(loadConfig(), rest[0], rest.slice(1));
        throw new UsageError(`Unknown admin command: ${rest[0] ?? '(none)'}. Try: quire admin create --email E --name N, or quire admin grant --name N --role tag_wrangler`);
      case 'tags':
        return await tags(loadConfig(), rest);
      case 'import':
        return await importStory(loadConfig(), rest);
      case 'dev':
        return await dev(loadConfig(), rest);
      default:
        throw new UsageError(`Unknown command: ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`${(error as Error).message}\n\n${HELP}`);
      return 2;
    }
    if (error instanceof Error && (error.name === 'ImportInputError' || error.name === 'SeedRefusedError')) {
      console.error(`Error: ${error.message}`);
      return 2;
    }
    if (error instanceof Error && ONE_LINE_ERRORS.has(error.name)) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}
