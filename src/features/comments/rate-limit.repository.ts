import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';

/** Advisory-lock class of the comment rate limits (the first of pg_advisory_xact_lock's two keys). */
const LOCK_CLASS = 7_014;

/** Serializes writers of one key until the transaction ends, on every app server. */
export async function lockKey(db: DbOrTrx, key: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(${key}))`.execute(db);
}

/** Attempts under the key in the last `minutes`, and when the oldest of them was. */
export async function recentAttempts(db: DbOrTrx, key: string, minutes: number): Promise<{ count: number; oldest: Date | null }> {
  const result = await sql<{ n: number; oldest: Date | null }>`
    select count(*) as n, min(created_at) as oldest from comment_attempts
    where key = ${key} and created_at > now() - make_interval(mins => ${minutes})
  `.execute(db);
  const row = result.rows[0]!;
  return { count: Number(row.n), oldest: row.oldest };
}

export async function recordAttempts(db: DbOrTrx, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await db.insertInto('comment_attempts').values(keys.map((key) => ({ key }))).execute();
}

/** Forgets attempts older than the window: the table only ever holds a few minutes of them. */
export async function pruneAttempts(db: DbOrTrx, minutes: number): Promise<void> {
  await sql`delete from comment_attempts where created_at < now() - make_interval(mins => ${minutes})`.execute(db);
}
