import { sql, type Expression, type SqlBool } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import type { Chapter, Creator, Work, WorkContent, WorkSummary } from './works.model.ts';

interface CreatorJson {
  pseud_id: number;
  pseud_name: string;
  user_id: number;
  username: string;
}

/** Accepted creators of the outer `works` row, as one JSON array, so a listing needs no second query. */
const creatorsJson = sql<CreatorJson[]>`(
  select coalesce(json_agg(json_build_object('pseud_id', p.id, 'pseud_name', p.name, 'user_id', u.id, 'username', u.username) order by c.position, p.id), '[]')
  from creatorships c
  join pseuds p on p.id = c.pseud_id
  join users u on u.id = p.user_id
  where c.work_id = works.id and c.accepted_at is not null
)`;

const toCreator = (c: CreatorJson): Creator => ({ pseudId: c.pseud_id, pseudName: c.pseud_name, userId: c.user_id, username: c.username });

function summaryQuery(db: DbOrTrx) {
  return db
    .selectFrom('works')
    .select([
      'works.id',
      'works.title',
      'works.summary',
      'works.word_count',
      'works.chapter_count',
      'works.expected_chapters',
      'works.published_at',
      'works.revised_at',
      creatorsJson.as('creators'),
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

const toSummary = (row: SummaryRow): WorkSummary => ({
  id: row.id,
  title: row.title,
  summary: row.summary,
  wordCount: row.word_count,
  chapterCount: row.chapter_count,
  expectedChapters: row.expected_chapters,
  publishedAt: row.published_at,
  revisedAt: row.revised_at,
  creators: row.creators.map(toCreator),
});

export async function listRecentWorks(db: DbOrTrx, limit: number): Promise<WorkSummary[]> {
  const rows = await summaryQuery(db).orderBy('works.revised_at', 'desc').orderBy('works.id', 'desc').limit(limit).execute();
  return rows.map(toSummary);
}

const creditsUser = (userId: number): Expression<SqlBool> => sql<SqlBool>`exists (
  select 1 from creatorships c join pseuds p on p.id = c.pseud_id
  where c.work_id = works.id and c.accepted_at is not null and p.user_id = ${userId}
)`;

export async function listWorksByUser(db: DbOrTrx, userId: number, limit: number): Promise<WorkSummary[]> {
  const rows = await summaryQuery(db)
    .where(creditsUser(userId))
    .orderBy('works.revised_at', 'desc')
    .orderBy('works.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toSummary);
}

export async function findWork(db: DbOrTrx, workId: number): Promise<Work | undefined> {
  const row = await summaryQuery(db).select(['works.notes', 'works.end_notes']).where('works.id', '=', workId).executeTakeFirst();
  return row && { ...toSummary(row), notes: row.notes, endNotes: row.end_notes };
}

export async function findFirstChapter(db: DbOrTrx, workId: number): Promise<Chapter | undefined> {
  const row = await db
    .selectFrom('chapters')
    .select(['id', 'position', 'title', 'summary', 'notes', 'end_notes', 'body', 'word_count'])
    .where('work_id', '=', workId)
    .orderBy('position')
    .executeTakeFirst();
  return (
    row && {
      id: row.id,
      position: row.position,
      title: row.title,
      summary: row.summary,
      notes: row.notes,
      endNotes: row.end_notes,
      body: row.body,
      wordCount: row.word_count,
    }
  );
}

export async function insertWork(db: DbOrTrx, content: WorkContent): Promise<number> {
  const row = await db
    .insertInto('works')
    .values({
      title: content.title,
      summary: content.summary,
      notes: content.notes,
      end_notes: content.endNotes,
      word_count: content.wordCount,
      chapter_count: 1,
      expected_chapters: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertChapter(db: DbOrTrx, workId: number, chapter: { position: number; body: string; wordCount: number }): Promise<number> {
  const row = await db
    .insertInto('chapters')
    .values({ work_id: workId, position: chapter.position, body: chapter.body, word_count: chapter.wordCount })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertCreatorship(db: DbOrTrx, workId: number, pseudId: number, position: number): Promise<void> {
  await db.insertInto('creatorships').values({ work_id: workId, pseud_id: pseudId, position }).execute();
}

export async function updateWorkContent(db: DbOrTrx, workId: number, content: WorkContent): Promise<void> {
  const now = new Date();
  await db
    .updateTable('works')
    .set({ title: content.title, summary: content.summary, notes: content.notes, end_notes: content.endNotes, word_count: content.wordCount, revised_at: now, updated_at: now })
    .where('id', '=', workId)
    .execute();
}

export async function updateChapterBody(db: DbOrTrx, chapterId: number, body: string, wordCount: number): Promise<void> {
  await db.updateTable('chapters').set({ body, word_count: wordCount, updated_at: new Date() }).where('id', '=', chapterId).execute();
}

/** Chapters and creatorships go with the work (ON DELETE CASCADE). */
export async function deleteWork(db: DbOrTrx, workId: number): Promise<boolean> {
  const result = await db.deleteFrom('works').where('id', '=', workId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Locks the work row for the rest of the transaction, so concurrent edits apply one after the other. */
export async function lockWork(db: DbOrTrx, workId: number): Promise<boolean> {
  const row = await db.selectFrom('works').select('id').where('id', '=', workId).forUpdate().executeTakeFirst();
  return row !== undefined;
}

/** The works of a series, in series order, as blurbs (the series page). */
export async function listWorksInSeries(db: DbOrTrx, seriesId: number): Promise<WorkSummary[]> {
  const rows = await summaryQuery(db)
    .innerJoin('serial_works', 'serial_works.work_id', 'works.id')
    .where('serial_works.series_id', '=', seriesId)
    .orderBy('serial_works.position')
    .execute();
  return rows.map(toSummary);
}

/** Works credited (and accepted) under one pseud, newest first (the pseud's works page). */
export async function listWorksByPseud(db: DbOrTrx, pseudId: number, limit: number): Promise<WorkSummary[]> {
  const rows = await summaryQuery(db)
    .where(sql<SqlBool>`exists (select 1 from creatorships c where c.work_id = works.id and c.accepted_at is not null and c.pseud_id = ${pseudId})`)
    .orderBy('works.revised_at', 'desc')
    .orderBy('works.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toSummary);
}
