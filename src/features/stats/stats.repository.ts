import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import { MEASURES, STATS_RANGES, type DailyHits, type StatsRange, type TimelinePoint, type WorkStats } from './stats.model.ts';

/** Posted works the user is an accepted creator of. */
const worksOf = (db: DbOrTrx, userId: number) =>
  db
    .selectFrom('works')
    .where('works.posted', '=', true)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('creatorships as c')
          .innerJoin('pseuds as p', 'p.id', 'c.pseud_id')
          .select(sql`1`.as('one'))
          .whereRef('c.work_id', '=', 'works.id')
          .where('p.user_id', '=', userId)
          .where('c.accepted_at', 'is not', null),
      ),
    );

/** Each posted work's counters (kept by the features that own them) and its subscriber count: one query. */
export async function listWorkStats(db: DbOrTrx, userId: number): Promise<WorkStats[]> {
  const rows = await worksOf(db, userId)
    .select([
      'works.id',
      'works.title',
      'works.hits_count',
      'works.kudos_count',
      'works.comments_count',
      'works.bookmarks_count',
      sql<number>`(select count(*)::int from subscriptions s where s.work_id = works.id)`.as('subscriptions'),
    ])
    .orderBy('works.hits_count', 'desc')
    .orderBy('works.id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    hits: r.hits_count,
    kudos: r.kudos_count,
    comments: r.comments_count,
    bookmarks: r.bookmarks_count,
    subscriptions: r.subscriptions,
  }));
}

/** Hits per UTC day over the last `days` days (today included) across the user's posted works, zeros filled in. */
export async function listDailyHits(db: DbOrTrx, userId: number, days: number): Promise<DailyHits[]> {
  const workIds = worksOf(db, userId).select('works.id');
  const result = await sql<{ day: string; hits: number }>`
    select d.day::date::text as day, coalesce(sum(h.hits), 0)::int as hits
    from generate_series((now() at time zone 'utc')::date - ${days - 1}::int, (now() at time zone 'utc')::date, interval '1 day') as d(day)
    left join work_daily_hits h on h.day = d.day::date and h.work_id in (${workIds})
    group by d.day
    order by d.day
  `.execute(db);
  return result.rows;
}

export async function countAuthorSubscribers(db: DbOrTrx, userId: number): Promise<number> {
  const row = await db.selectFrom('subscriptions').select((eb) => eb.fn.countAll<number>().as('n')).where('author_id', '=', userId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One work's counters (the same columns as listWorkStats) and its subscriber count. */
export async function findWorkStats(db: DbOrTrx, workId: number): Promise<WorkStats | undefined> {
  const row = await db
    .selectFrom('works')
    .select(['works.id', 'works.title', 'works.hits_count', 'works.kudos_count', 'works.comments_count', 'works.bookmarks_count', sql<number>`(select count(*)::int from subscriptions s where s.work_id = works.id)`.as('subscriptions')])
    .where('works.id', '=', workId)
    .executeTakeFirst();
  return row && { id: row.id, title: row.title, hits: row.hits_count, kudos: row.kudos_count, comments: row.comments_count, bookmarks: row.bookmarks_count, subscriptions: row.subscriptions };
}

/**
 * What happened to one work per day or week over a range ending today (UTC), in one query: each
 * table's rows since the start, tagged by measure and bucketed, joined to the buckets from
 * generate_series so empty ones are zeros. Rows record when things happened: the daily hits,
 * kudos, comments that are shown (approved, not deleted), public bookmarks and subscriptions
 * as they stand now (an undone one is gone from its day, as from the total).
 */
export async function listWorkTimeline(db: DbOrTrx, workId: number, range: StatsRange): Promise<TimelinePoint[]> {
  const { buckets, stepDays } = STATS_RANGES[range];
  const today = sql`(now() at time zone 'utc')::date`;
  const first = sql`(${today} - ${buckets * stepDays - 1}::int)`;
  const since = sql`(${first}::timestamp at time zone 'utc')`;
  const utcDay = (column: string) => sql`(${sql.ref(column)} at time zone 'utc')::date`;
  const result = await sql<TimelinePoint>`
    with events as (
      select h.day, 'hits' as measure, h.hits as n from work_daily_hits h where h.work_id = ${workId} and h.day >= ${first}
      union all select ${utcDay('k.created_at')}, 'kudos', 1 from kudos k where k.work_id = ${workId} and k.created_at >= ${since}
      union all select ${utcDay('c.created_at')}, 'comments', 1 from comments c where c.work_id = ${workId} and c.approved and c.deleted_at is null and c.created_at >= ${since}
      union all select ${utcDay('b.created_at')}, 'bookmarks', 1 from bookmarks b where b.work_id = ${workId} and not b.private and b.created_at >= ${since}
      union all select ${utcDay('s.created_at')}, 'subscriptions', 1 from subscriptions s where s.work_id = ${workId} and s.created_at >= ${since}
    ), bucketed as (
      select ${first} + ((e.day - ${first}) / ${stepDays}::int) * ${stepDays}::int as start, e.measure, sum(e.n)::int as n
      from events e group by 1, 2
    )
    select d.start::date::text as start,
      ${sql.join(MEASURES.map((m) => sql`coalesce(sum(b.n) filter (where b.measure = ${m}), 0)::int as ${sql.ref(m)}`))}
    from generate_series(${first}::timestamp, ${today}::timestamp, ${`${stepDays} days`}::interval) as d(start)
    left join bucketed b on b.start = d.start::date
    group by d.start
    order by d.start
  `.execute(db);
  return result.rows;
}
