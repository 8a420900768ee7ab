import { parseArgs } from 'node:util';
import type { DatabaseHandle } from '../platform/db/database.ts';

/**
 * `quire dev seed --works N [--seed S] [--append]`: fills the archive with a generated corpus
 * (src/features/seed/). Arguments are checked before the database is opened, so a bad one
 * writes nothing; progress goes to stderr, the one-line result to stdout.
 */
export interface SeedArgs {
  works: number;
  seed: number;
  append: boolean;
}

export const MAX_SEED_WORKS = 10_000_000;

function wholeNumber(value: string | undefined, flag: string, min: number, max: number, usage: (message: string) => Error): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw usage(`${flag} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')} (got "${value}").`);
  }
  return Number(value);
}

export function parseSeedArgs(args: string[], usage: (message: string) => Error): SeedArgs {
  const { values, positionals } = parseArgs({
    args,
    options: { works: { type: 'string' }, seed: { type: 'string' }, append: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw usage(`quire dev seed takes no ${positionals.length === 1 ? 'argument' : 'arguments'} (got "${positionals.join(' ')}").`);
  const works = wholeNumber(values.works, '--works', 1, MAX_SEED_WORKS, usage);
  if (works === undefined) throw usage('quire dev seed needs --works N (how many works to generate).');
  return { works, seed: wholeNumber(values.seed, '--seed', 0, 2 ** 31 - 1, usage) ?? 1, append: values.append ?? false };
}

export async function seedCommand(args: SeedArgs, withDatabase: <T>(run: (database: DatabaseHandle) => Promise<T>) => Promise<T>): Promise<number> {
  const { migrateToLatest } = await import('../platform/db/migrate.ts');
  const { seedArchive } = await import('../features/seed/seed.service.ts');
  return withDatabase(async ({ db, engine }) => {
    await migrateToLatest(db);
    const result = await seedArchive(db, { ...args, engine, progress: (line) => console.error(line) });
    console.log(
      `Seeded ${result.works.toLocaleString('en-US')} works (ids ${result.firstWorkId}–${result.lastWorkId}, seed ${result.seed}) on ${engine} in ${result.seconds.toFixed(1)} s. ` +
        `A 5,000-word work: /works/${result.benchWorkId}. Log in as ${result.sampleUsername} (every seeded member's password is quire-seed-password).`,
    );
    return 0;
  });
}

