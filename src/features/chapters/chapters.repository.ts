import { sql, type Expression, type SqlBool } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import type { Chapter, ChapterContent, ChapterHeading } from './chapters.model.ts';

/** Which chapters a reading query returns with their text; the rest come as headings only. */
export type ChapterSelection = { all: true } | { none: true } | { id: number } | { position: number };

function selected(which: ChapterSelection): Expression<SqlBool> {
  if ('all' in which) return sql<SqlBool>`true`;
  if ('none' in which) return sql<SqlBool>`false`;
  if ('id' in which) return sql<SqlBool>`chapters.id = ${which.id}`;
  return sql<SqlBool>`chapters.position = ${which.position}`;
}

/** Text columns only for the selected chapters, so the index costs no extra query and no extra bytes. */
const textOf = (column: 'summary' | 'notes' | 'end_notes' | 'body', which: ChapterSelection) =>
  sql<string | null>`case when ${selected(which)} then ${sql.ref(`chapters.${column}`)} end`.as(column);

/**
 * Every chapter of a work in order, in one query: all of them as headings for the
 * index and navigation, and the selected ones with their text.
 */
export async function readChapters(db: DbOrTrx, workId: number, which: ChapterSelection): Promise<{ index: ChapterHeading[]; chapters: Chapter[] }> {
  const rows = await db
    .selectFrom('chapters')
    .select(['chapters.id', 'chapters.position', 'chapters.title', 'chapters.word_count', 'chapters.published_at', 'chapters.lock_version'])
    .select([textOf('summary', which), textOf('notes', which), textOf('end_notes', which), textOf('body', which)])
    .where('chapters.work_id', '=', workId)
    .orderBy('chapters.position')
    .execute();
  const index = rows.map((row) => ({ id: row.id, position: row.position, title: row.title, wordCount: row.word_count, publishedAt: row.published_at }));
  const chapters = rows
    .filter((row) => row.body !== null)
    .map((row) => ({
      id: row.id,
      position: row.position,
      title: row.title,
      wordCount: row.word_count,
      publishedAt: row.published_at,
      lockVersion: row.lock_version,
      summary: row.summary ?? '',
      notes: row.notes ?? '',
      endNotes: row.end_notes ?? '',
      body: row.body ?? '',
    }));
  return { index, chapters };
}

export async function listChapterHeadings(db: DbOrTrx, workId: number): Promise<ChapterHeading[]> {
  return (await readChapters(db, workId, { none: true })).index;
}

export async function findChapter(db: DbOrTrx, workId: number, chapterId: number): Promise<Chapter | undefined> {
  const { chapters } = await readChapters(db, workId, { id: chapterId });
  return chapters[0];
}

export async function insertChapter(db: DbOrTrx, workId: number, position: number, content: ChapterContent): Promise<number> {
  const row = await db
    .insertInto('chapters')
    .values({
      work_id: workId,
      position,
      title: content.title,
      summary: content.summary,
      notes: content.notes,
      end_notes: content.endNotes,
      body: content.body,
      word_count: content.wordCount,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Saves a chapter only if nobody saved it since the form was loaded (optimistic lock),
 * and bumps its version. False means the version was stale (or the chapter is gone).
 */
export async function updateChapter(db: DbOrTrx, workId: number, chapterId: number, lockVersion: number, content: Partial<ChapterContent>): Promise<boolean> {
  const result = await db
    .updateTable('chapters')
    .set({
      ...(content.title === undefined ? {} : { title: content.title }),
      ...(content.summary === undefined ? {} : { summary: content.summary }),
      ...(content.notes === undefined ? {} : { notes: content.notes }),
      ...(content.endNotes === undefined ? {} : { end_notes: content.endNotes }),
      ...(content.body === undefined ? {} : { body: content.body }),
      ...(content.wordCount === undefined ? {} : { word_count: content.wordCount }),
      lock_version: sql<number>`lock_version + 1`,
      updated_at: new Date(),
    })
    .where('id', '=', chapterId)
    .where('work_id', '=', workId)
    .where('lock_version', '=', lockVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes a chapter and closes the gap, so positions stay 1..n. */
export async function deleteChapter(db: DbOrTrx, workId: number, chapter: { id: number; position: number }): Promise<void> {
  await db.deleteFrom('chapters').where('id', '=', chapter.id).where('work_id', '=', workId).execute();
  // The unique (work_id, position) constraint is deferrable, so it is checked after the whole statement.
  await db
    .updateTable('chapters')
    .set({ position: sql<number>`position - 1` })
    .where('work_id', '=', workId)
    .where('position', '>', chapter.position)
    .execute();
}

/** Gives the chapters positions 1..n in the order of `chapterIds`, in one statement. */
export async function setChapterOrder(db: DbOrTrx, workId: number, chapterIds: number[]): Promise<void> {
  if (chapterIds.length === 0) return;
  const positions = chapterIds.map((_, index) => index + 1);
  await sql`SET CONSTRAINTS chapters_work_position_key DEFERRED`.execute(db);
  await sql`
    update chapters set position = wanted.position
    from unnest(${chapterIds}::bigint[], ${positions}::int[]) as wanted(id, position)
    where chapters.id = wanted.id and chapters.work_id = ${workId} and chapters.position <> wanted.position
  `.execute(db);
}

/**
 * Recomputes the work's word and chapter counts from its chapters, in the same statement
 * that may change its expected chapters (the two are checked together by a constraint).
 * Updated date: now, or after a deletion the date of the newest remaining chapter.
 */
export async function refreshWorkStats(
  db: DbOrTrx,
  workId: number,
  options: { revised: 'now' | 'newest-chapter'; expectedChapters?: number | null | undefined },
): Promise<void> {
  const now = new Date();
  await db
    .updateTable('works')
    .set({
      word_count: sql<number>`(select coalesce(sum(c.word_count), 0) from chapters c where c.work_id = works.id)`,
      chapter_count: sql<number>`(select count(*) from chapters c where c.work_id = works.id)`,
      revised_at: options.revised === 'now' ? now : sql<Date>`greatest(works.published_at, (select max(c.published_at) from chapters c where c.work_id = works.id))`,
      updated_at: now,
      ...(options.expectedChapters === undefined ? {} : { expected_chapters: options.expectedChapters }),
    })
    .where('id', '=', workId)
    .execute();
}
