import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import type { HistoryEntry, LaterEntry } from './history.model.ts';

/**
 * Views of one work closer together than this are one visit: a reload or the next chapter
 * neither counts again nor rewrites the row (unless the chapter reached moves forward).
 */
export const VISIT_WINDOW_MINUTES = 5;

/**
 * Records a member's visit to a work in ONE statement (members' work pages run it on every view):
 * inserts or bumps their row, moving the chapter reached forward only, and does nothing at all
 * when they switched history off. Within VISIT_WINDOW_MINUTES of the last visit, a view that
 * reaches no further chapter writes nothing: the statement then only reads, so a member's
 * reloads (or a busy reader's parallel tabs) never queue on the row's lock or add a row version.
 */
export async function recordVisit(db: DbOrTrx, userId: number, workId: number, chapter: { id: number; position: number } | null): Promise<void> {
  const chapterId = chapter?.id ?? null;
  const position = chapter?.position ?? 0;
  const window = sql`now() - make_interval(mins => ${sql.lit(VISIT_WINDOW_MINUTES)})`;
  const reachedPosition = sql`coalesce((select c.position from chapters c where c.id = reading_history.chapter_id), 0)`;
  await sql`
    insert into reading_history (user_id, work_id, chapter_id)
    select ${userId}, ${workId}, ${chapterId}::bigint
    where not exists (select 1 from history_settings s where s.user_id = ${userId} and not s.enabled)
      and not exists (
        select 1 from reading_history
        where user_id = ${userId} and work_id = ${workId} and last_visited_at > ${window} and ${reachedPosition} >= ${position})
    on conflict (user_id, work_id) do update set
      visit_count = reading_history.visit_count + case when reading_history.last_visited_at > ${window} then 0 else 1 end,
      last_visited_at = now(),
      chapter_id = case
        when excluded.chapter_id is not null and ${reachedPosition} <= ${position}
        then excluded.chapter_id
        else reading_history.chapter_id
      end
  `.execute(db);
}

export async function isHistoryEnabled(db: DbOrTrx, userId: number): Promise<boolean> {
  const row = await db.selectFrom('history_settings').select('enabled').where('user_id', '=', userId).executeTakeFirst();
  return row?.enabled ?? true;
}

export async function setHistoryEnabled(db: DbOrTrx, userId: number, enabled: boolean): Promise<void> {
  await db
    .insertInto('history_settings')
    .values({ user_id: userId, enabled })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ enabled, updated_at: new Date() }))
    .execute();
}

/** The member's history entries whose works they may still see, for paging. */
export async function countHistory(db: DbOrTrx, userId: number): Promise<number> {
  const row = await db
    .selectFrom('reading_history as h')
    .innerJoin('works', 'works.id', 'h.work_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('h.user_id', '=', userId)
    .where('works.posted', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page of history, most recently visited first, with the chapter reached. */
export async function listHistory(db: DbOrTrx, userId: number, limit: number, offset: number): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('reading_history as h')
    .innerJoin('works', 'works.id', 'h.work_id')
    .leftJoin('chapters as c', 'c.id', 'h.chapter_id')
    .select(['h.work_id', 'h.first_visited_at', 'h.last_visited_at', 'h.visit_count', 'c.id as chapter_id', 'c.position as chapter_position', 'c.title as chapter_title'])
    .where('h.user_id', '=', userId)
    .where('works.posted', '=', true)
    .orderBy('h.last_visited_at', 'desc')
    .orderBy('h.work_id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((row) => ({
    workId: row.work_id,
    firstVisitedAt: row.first_visited_at,
    lastVisitedAt: row.last_visited_at,
    visitCount: row.visit_count,
    chapter: row.chapter_id === null || row.chapter_position === null ? null : { id: row.chapter_id, position: row.chapter_position, title: row.chapter_title ?? '' },
  }));
}

export async function deleteHistoryEntry(db: DbOrTrx, userId: number, workId: number): Promise<boolean> {
  const result = await db.deleteFrom('reading_history').where('user_id', '=', userId).where('work_id', '=', workId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function clearHistory(db: DbOrTrx, userId: number): Promise<number> {
  const result = await db.deleteFrom('reading_history').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Marks or unmarks a work for later; doing it twice changes nothing. */
export async function setMarkedForLater(db: DbOrTrx, userId: number, workId: number, marked: boolean): Promise<void> {
  if (marked) {
    await db.insertInto('marked_for_later').values({ user_id: userId, work_id: workId }).onConflict((oc) => oc.columns(['user_id', 'work_id']).doNothing()).execute();
  } else {
    await db.deleteFrom('marked_for_later').where('user_id', '=', userId).where('work_id', '=', workId).execute();
  }
}

export async function countMarkedForLater(db: DbOrTrx, userId: number): Promise<number> {
  const row = await db
    .selectFrom('marked_for_later as m')
    .innerJoin('works', 'works.id', 'm.work_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('m.user_id', '=', userId)
    .where('works.posted', '=', true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listMarkedForLater(db: DbOrTrx, userId: number, limit: number, offset: number): Promise<LaterEntry[]> {
  const rows = await db
    .selectFrom('marked_for_later as m')
    .innerJoin('works', 'works.id', 'm.work_id')
    .select(['m.work_id', 'm.created_at'])
    .where('m.user_id', '=', userId)
    .where('works.posted', '=', true)
    .orderBy('m.created_at', 'desc')
    .orderBy('m.work_id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map((row) => ({ workId: row.work_id, markedAt: row.created_at }));
}

export async function clearMarkedForLater(db: DbOrTrx, userId: number): Promise<number> {
  const result = await db.deleteFrom('marked_for_later').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
