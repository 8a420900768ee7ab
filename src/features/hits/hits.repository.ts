import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';

export interface HitEntry {
  workId: number;
  /** UTC date, YYYY-MM-DD. */
  day: string;
  /** `m:<user id>` for members, `g:<salted hash>` for guests. */
  visitor: string;
  /** Members only: lets the flush leave out the work's own creators. */
  userId: number | null;
}

/** The day's salt for guest hashes: made by whichever server needs it first, shared by all. */
export async function daySalt(db: DbOrTrx, day: string): Promise<string> {
  await db.insertInto('hit_salts').values({ day, salt: randomBytes(18).toString('base64url') }).onConflict((oc) => oc.column('day').doNothing()).execute();
  const row = await db.selectFrom('hit_salts').select('salt').where('day', '=', day).executeTakeFirstOrThrow();
  return row.salt;
}

/**
 * Writes a batch of buffered hits in ONE statement: entries for posted works (members-only
 * works only from members), not from the work's own creators, go into the per-day uniqueness
 * table; only the rows that were new there count, added to works.hits_count and to the
 * per-day totals. Returns how many hits counted.
 */
export async function flushHits(db: DbOrTrx, entries: readonly HitEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const result = await sql<{ counted: number }>`
    with input as (
      select * from unnest(
        ${entries.map((e) => e.workId)}::bigint[], ${entries.map((e) => e.day)}::date[],
        ${entries.map((e) => e.visitor)}::text[], ${entries.map((e) => e.userId)}::bigint[]
      ) as t(work_id, day, visitor, user_id)
    ),
    eligible as (
      select i.work_id, i.day, i.visitor from input i
      join works w on w.id = i.work_id and w.posted and (not w.restricted or i.user_id is not null)
      where i.user_id is null or not exists (
        select 1 from creatorships c join pseuds p on p.id = c.pseud_id
        where c.work_id = i.work_id and p.user_id = i.user_id
      )
    ),
    fresh as (
      insert into work_hit_visitors (work_id, day, visitor)
      select work_id, day, visitor from eligible
      on conflict do nothing
      returning work_id, day
    ),
    per_day as (
      select work_id, day, count(*)::int as n from fresh group by work_id, day
    ),
    daily as (
      insert into work_daily_hits (work_id, day, hits)
      select work_id, day, n from per_day
      on conflict (work_id, day) do update set hits = work_daily_hits.hits + excluded.hits
    ),
    totals as (
      update works set hits_count = works.hits_count + t.n
      from (select work_id, sum(n)::int as n from per_day group by work_id) t
      where works.id = t.work_id
    )
    select coalesce(sum(n), 0)::int as counted from per_day
  `.execute(db);
  return result.rows[0]?.counted ?? 0;
}

/**
 * After a day ends its uniqueness rows are no longer needed (yesterday's are kept a day, for
 * hits still buffered across midnight), and its salt goes, so no guest hash can be tied to an
 * address any more. Days are UTC, as in the buffer.
 */
export async function pruneHitDays(db: DbOrTrx): Promise<{ visitors: number; salts: number }> {
  const today = sql<string>`(now() at time zone 'utc')::date`;
  const visitors = await db.deleteFrom('work_hit_visitors').where('day', '<', sql<string>`${today} - 1`).executeTakeFirst();
  const salts = await db.deleteFrom('hit_salts').where('day', '<', today).executeTakeFirst();
  return { visitors: Number(visitors.numDeletedRows), salts: Number(salts.numDeletedRows) };
}
