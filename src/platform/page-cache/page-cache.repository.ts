import { sql } from 'kysely';
import type { Db, DbOrTrx } from '../db/schema.ts';

/** A transaction snapshot as PostgreSQL prints it (`xmin:xmax:xip,…`). */
export type Snapshot = string;

export async function currentSnapshot(db: Db): Promise<Snapshot> {
  const { rows } = await sql<{ snapshot: string }>`select pg_current_snapshot()::text as snapshot`.execute(db);
  return rows[0]!.snapshot;
}

/**
 * The keys of every change that `since` could not see (its transaction had not committed yet,
 * whatever its id), and the snapshot to ask with next time: one statement, so both agree.
 */
export async function changesSince(db: Db, since: Snapshot): Promise<{ snapshot: Snapshot; keys: string[] }> {
  const { rows } = await sql<{ snapshot: string; keys: string[] }>`
    select pg_current_snapshot()::text as snapshot,
      array(select distinct k from page_cache_changes c, unnest(c.keys) as k
        where c.xid >= pg_snapshot_xmin(${since}::pg_snapshot)
          and not pg_visible_in_snapshot(c.xid, ${since}::pg_snapshot)) as keys
  `.execute(db);
  const row = rows[0]!;
  return { snapshot: row.snapshot, keys: row.keys };
}

/** Forgets changes every server has long since read (see PageCacheFeed for the rule). */
export async function pruneChanges(db: Db, olderThanSeconds: number): Promise<void> {
  await sql`delete from page_cache_changes where created_at < now() - make_interval(secs => ${olderThanSeconds})`.execute(db);
}

/**
 * For a feature whose change shows on cached pages that no trigger covers (migration 0013
 * lists them): call it in the same transaction as the change, e.g. with workPageKey(id).
 */
export async function notePageChanges(db: DbOrTrx, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await sql`select page_cache_note(${sql.val([...keys])}::text[])`.execute(db);
}
