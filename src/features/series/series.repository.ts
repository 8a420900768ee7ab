import type { Viewer } from '../../platform/views/page-context.ts';
import { visibleWorkSql } from '../works/works.repository.ts';
import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import { toCreator, type CreatorJson } from '../works/works.model.ts';
import type { Series, SeriesContent, SeriesOption, SeriesPlace, WorkLink } from './series.model.ts';

/** Creators of the outer `series` row as one JSON array, so the series page needs no second query for them. */
const seriesCreatorsJson = sql<CreatorJson[]>`(
  select coalesce(json_agg(json_build_object('pseud_id', p.id, 'pseud_name', p.name, 'user_id', u.id, 'username', u.username) order by sc.position, p.id), '[]')
  from series_creatorships sc
  join pseuds p on p.id = sc.pseud_id
  join users u on u.id = p.user_id
  where sc.series_id = series.id
)`;

export async function findSeries(db: DbOrTrx, seriesId: number): Promise<Series | undefined> {
  const row = await db
    .selectFrom('series')
    .select(['id', 'title', 'summary', 'notes', 'complete', 'updated_at', seriesCreatorsJson.as('creators')])
    .where('id', '=', seriesId)
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      title: row.title,
      summary: row.summary,
      notes: row.notes,
      complete: row.complete,
      updatedAt: row.updated_at,
      creators: row.creators.map(toCreator),
    }
  );
}

/** Series credited to any of the user's pseuds, for the "Add to series" choice and the user's series list. */
export async function listSeriesOfUser(db: DbOrTrx, userId: number): Promise<SeriesOption[]> {
  return db
    .selectFrom('series')
    .select(['series.id', 'series.title'])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('series_creatorships as sc')
          .innerJoin('pseuds as p', 'p.id', 'sc.pseud_id')
          .select(sql`1`.as('one'))
          .whereRef('sc.series_id', '=', 'series.id')
          .where('p.user_id', '=', userId),
      ),
    )
    .orderBy(sql`lower(series.title)`)
    .orderBy('series.id')
    .execute();
}

interface PlaceRow {
  series_id: number;
  series_title: string;
  position: number;
  previous: WorkLink | null;
  next: WorkLink | null;
}

/** Every series the work is in, with the works before and after it there, in one query. */
export async function listSeriesPlacesOfWork(db: DbOrTrx, workId: number, viewer: Viewer | null): Promise<SeriesPlace[]> {
  // Part numbers and neighbours count only the works this viewer may see, so a draft or a
  // members-only work never leaks through a series.
  const visible = visibleWorkSql('w', viewer);
  const { rows } = await sql<PlaceRow>`
    select s.id as series_id, s.title as series_title,
      (select count(*) from serial_works x join works w on w.id = x.work_id
        where x.series_id = sw.series_id and x.position <= sw.position and (x.work_id = sw.work_id or ${visible}))::int as position,
      (select json_build_object('id', w.id, 'title', w.title) from serial_works x join works w on w.id = x.work_id
        where x.series_id = sw.series_id and x.position < sw.position and ${visible} order by x.position desc limit 1) as previous,
      (select json_build_object('id', w.id, 'title', w.title) from serial_works x join works w on w.id = x.work_id
        where x.series_id = sw.series_id and x.position > sw.position and ${visible} order by x.position limit 1) as next
    from serial_works sw
    join series s on s.id = sw.series_id
    where sw.work_id = ${workId}
    order by s.id
  `.execute(db);
  return rows.map((r) => ({ seriesId: r.series_id, seriesTitle: r.series_title, position: r.position, previous: r.previous, next: r.next }));
}

export async function insertSeries(db: DbOrTrx, content: SeriesContent): Promise<number> {
  const row = await db
    .insertInto('series')
    .values({ title: content.title, summary: content.summary, notes: content.notes, complete: content.complete })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertSeriesCreatorship(db: DbOrTrx, seriesId: number, pseudId: number): Promise<void> {
  await db.insertInto('series_creatorships').values({ series_id: seriesId, pseud_id: pseudId }).execute();
}

export async function updateSeries(db: DbOrTrx, seriesId: number, content: SeriesContent): Promise<void> {
  await db
    .updateTable('series')
    .set({ title: content.title, summary: content.summary, notes: content.notes, complete: content.complete, updated_at: new Date() })
    .where('id', '=', seriesId)
    .execute();
}

/** Locks the series row for the rest of the transaction, so concurrent reorders apply one after the other. */
export async function lockSeries(db: DbOrTrx, seriesId: number): Promise<boolean> {
  const row = await db.selectFrom('series').select('id').where('id', '=', seriesId).forUpdate().executeTakeFirst();
  return row !== undefined;
}

export async function countSerialWorks(db: DbOrTrx, seriesId: number): Promise<number> {
  const row = await db.selectFrom('serial_works').select(({ fn }) => fn.countAll<number>().as('n')).where('series_id', '=', seriesId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findSerialPosition(db: DbOrTrx, seriesId: number, workId: number): Promise<number | undefined> {
  const row = await db.selectFrom('serial_works').select('position').where('series_id', '=', seriesId).where('work_id', '=', workId).executeTakeFirst();
  return row?.position;
}

/**
 * Closes gaps in a series' positions (deleting a work removes its row by cascade), so part
 * numbers typed by people match positions. One statement: the deferrable unique constraint
 * is checked once it has finished.
 */
export async function renumberSerialWorks(db: DbOrTrx, seriesId: number): Promise<void> {
  await sql`
    update serial_works sw set position = r.rn
    from (select work_id, row_number() over (order by position) as rn from serial_works where series_id = ${seriesId}) r
    where sw.series_id = ${seriesId} and sw.work_id = r.work_id and sw.position <> r.rn
  `.execute(db);
}

/** Puts the work at `position` (1..n+1), moving later works down one. The caller holds the series lock. */
export async function insertSerialWork(db: DbOrTrx, seriesId: number, workId: number, position: number): Promise<void> {
  // One statement, so the deferrable unique constraint is checked only once it has finished.
  await db.updateTable('serial_works').set({ position: sql`position + 1` }).where('series_id', '=', seriesId).where('position', '>=', position).execute();
  await db.insertInto('serial_works').values({ series_id: seriesId, work_id: workId, position }).execute();
}

/** Takes the work out and closes the gap it leaves. */
export async function deleteSerialWork(db: DbOrTrx, seriesId: number, workId: number, position: number): Promise<void> {
  await db.deleteFrom('serial_works').where('series_id', '=', seriesId).where('work_id', '=', workId).execute();
  await db.updateTable('serial_works').set({ position: sql`position - 1` }).where('series_id', '=', seriesId).where('position', '>', position).execute();
}

/** Moves a work from one position to another, shifting the works in between, in one statement. */
export async function moveSerialWork(db: DbOrTrx, seriesId: number, workId: number, from: number, to: number): Promise<void> {
  await db
    .updateTable('serial_works')
    .set({
      position: sql<number>`case
        when work_id = ${workId} then ${to}::int
        when ${to}::int < ${from}::int and position >= ${to}::int and position < ${from}::int then position + 1
        when ${to}::int > ${from}::int and position > ${from}::int and position <= ${to}::int then position - 1
        else position end`,
    })
    .where('series_id', '=', seriesId)
    .execute();
}
