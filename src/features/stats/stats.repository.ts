import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import type { DailyHits, WorkStats } from './stats.model.ts';

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
