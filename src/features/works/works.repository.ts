import { sql, type Expression, type SqlBool } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import { emptyWorkTags, type WorkTagType, type WorkTags } from '../tags/tags.model.ts';
import { songCreditsJson } from '../songs/songs.repository.ts';
import type { CommentSettings } from '../comments/comments.model.ts';
import { toCreator, type Chapter, type CreatorJson, type Work, type WorkContent, type WorkSummary } from './works.model.ts';

/** Accepted creators of the outer `works` row, as one JSON array, so a listing needs no second query. */
const creatorsJson = sql<CreatorJson[]>`(
  select coalesce(json_agg(json_build_object('pseud_id', p.id, 'pseud_name', p.name, 'user_id', u.id, 'username', u.username) order by c.position, p.id), '[]')
  from creatorships c
  join pseuds p on p.id = c.pseud_id
  join users u on u.id = p.user_id
  where c.work_id = works.id and c.accepted_at is not null
)`;

interface TagJson {
  /** work_tags never hold media (migration 0008's trigger refuses them). */
  type: WorkTagType;
  name: string;
}

/** Tags of the outer `works` row in display order: system tags by their fixed order, the rest as the writer gave them. */
const tagsJson = sql<TagJson[]>`(
  select coalesce(json_agg(json_build_object('type', t.type, 'name', t.name) order by coalesce(t.position, 0), wt.position, t.id), '[]')
  from work_tags wt
  join tags t on t.id = wt.tag_id
  where wt.work_id = works.id
)`;

function groupTags(tags: TagJson[]): WorkTags {
  const grouped = emptyWorkTags();
  for (const tag of tags) grouped[tag.type].push(tag.name);
  return grouped;
}

/** Blurb columns of works, creators, tags and song credits in one row each (used by the listings too). */
export function summaryQuery(db: DbOrTrx) {
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
      'works.language',
      'works.posted',
      'works.restricted',
      creatorsJson.as('creators'),
      tagsJson.as('tags'),
      songCreditsJson.as('songs'),
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

export const toSummary = (row: SummaryRow): WorkSummary => ({
  id: row.id,
  title: row.title,
  summary: row.summary,
  wordCount: row.word_count,
  chapterCount: row.chapter_count,
  expectedChapters: row.expected_chapters,
  publishedAt: row.published_at,
  revisedAt: row.revised_at,
  creators: row.creators.map(toCreator),
  tags: groupTags(row.tags),
  language: row.language,
  posted: row.posted,
  restricted: row.restricted,
  songs: row.songs,
});

/**
 * The listing rule in SQL, for a works table under the given alias: posted works, and
 * members-only ones only for members. Every listing, count and prev/next link uses it.
 */
export const visibleWorkSql = (alias: string, viewer: Viewer | null): Expression<SqlBool> =>
  viewer ? sql<SqlBool>`${sql.ref(`${alias}.posted`)}` : sql<SqlBool>`${sql.ref(`${alias}.posted`)} and not ${sql.ref(`${alias}.restricted`)}`;

const listedFor = (viewer: Viewer | null): Expression<SqlBool> => visibleWorkSql('works', viewer);

export async function listRecentWorks(db: DbOrTrx, viewer: Viewer | null, limit: number): Promise<WorkSummary[]> {
  const rows = await summaryQuery(db).where(listedFor(viewer)).orderBy('works.revised_at', 'desc').orderBy('works.id', 'desc').limit(limit).execute();
  return rows.map(toSummary);
}

const creditsUser = (userId: number): Expression<SqlBool> => sql<SqlBool>`exists (
  select 1 from creatorships c join pseuds p on p.id = c.pseud_id
  where c.work_id = works.id and c.accepted_at is not null and p.user_id = ${userId}
)`;

/** A user's posted works as the viewer may see them. */
export async function listWorksByUser(db: DbOrTrx, userId: number, viewer: Viewer | null, limit: number): Promise<WorkSummary[]> {
  const rows = await summaryQuery(db)
    .where(creditsUser(userId))
    .where(listedFor(viewer))
    .orderBy('works.revised_at', 'desc')
    .orderBy('works.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toSummary);
}

/** A user's unposted drafts, for their own eyes. */
export async function listDraftsOfUser(db: DbOrTrx, userId: number, limit: number): Promise<WorkSummary[]> {
  const rows = await summaryQuery(db)
    .where(creditsUser(userId))
    .where('works.posted', '=', false)
    .orderBy('works.updated_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toSummary);
}

export async function findWork(db: DbOrTrx, workId: number): Promise<Work | undefined> {
  const row = await summaryQuery(db).select(['works.notes', 'works.end_notes', 'works.comment_permission', 'works.moderate_comments']).where('works.id', '=', workId).executeTakeFirst();
  return row && { ...toSummary(row), notes: row.notes, endNotes: row.end_notes, comments: { permission: row.comment_permission, moderated: row.moderate_comments } };
}

export async function findFirstChapter(db: DbOrTrx, workId: number): Promise<Chapter | undefined> {
  const row = await db
    .selectFrom('chapters')
    .select(['id', 'position', 'title', 'summary', 'notes', 'end_notes', 'body', 'word_count', 'published_at', 'lock_version'])
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
      publishedAt: row.published_at,
      lockVersion: row.lock_version,
    }
  );
}

export interface PublishingOptions {
  language: string;
  restricted: boolean;
  posted: boolean;
  /** A backdated publication date; null for "now" (or, for drafts, "when posted"). */
  publishedAt: Date | null;
  /** Left out: a new work gets the defaults and an edit keeps what it had. */
  comments?: CommentSettings | undefined;
}

const commentColumns = (settings: CommentSettings | undefined) =>
  settings ? { comment_permission: settings.permission, moderate_comments: settings.moderated } : {};

export async function insertWork(db: DbOrTrx, content: WorkContent, publishing: PublishingOptions, expectedChapters: number | null = 1): Promise<number> {
  const now = new Date();
  const row = await db
    .insertInto('works')
    .values({
      title: content.title,
      summary: content.summary,
      notes: content.notes,
      end_notes: content.endNotes,
      word_count: content.wordCount,
      chapter_count: 1,
      expected_chapters: expectedChapters,
      language: publishing.language,
      restricted: publishing.restricted,
      posted: publishing.posted,
      published_at: publishing.publishedAt ?? now,
      revised_at: publishing.publishedAt ?? now,
      backdated: publishing.publishedAt !== null,
      ...commentColumns(publishing.comments),
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

export async function updateWorkContent(db: DbOrTrx, workId: number, content: WorkContent, publishing: Omit<PublishingOptions, 'posted'>): Promise<void> {
  const now = new Date();
  await db
    .updateTable('works')
    .set({
      title: content.title,
      summary: content.summary,
      notes: content.notes,
      end_notes: content.endNotes,
      word_count: content.wordCount,
      language: publishing.language,
      restricted: publishing.restricted,
      revised_at: now,
      updated_at: now,
      ...(publishing.publishedAt ? { published_at: publishing.publishedAt, backdated: true } : {}),
      ...commentColumns(publishing.comments),
    })
    .where('id', '=', workId)
    .execute();
}

/** Posts a draft: it becomes visible, dated now unless it was backdated. */
export async function markPosted(db: DbOrTrx, workId: number): Promise<void> {
  await db
    .updateTable('works')
    .set({
      posted: true,
      published_at: sql<Date>`case when backdated then published_at else now() end`,
      revised_at: sql<Date>`case when backdated then published_at else now() end`,
      updated_at: sql<Date>`now()`,
    })
    .where('id', '=', workId)
    .execute();
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

/**
 * The works of a series, in series order, as blurbs: as the viewer may see them on the
 * series page, or every one of them ('all') for its creators' edit page.
 */
export async function listWorksInSeries(db: DbOrTrx, seriesId: number, viewer: Viewer | null | 'all'): Promise<WorkSummary[]> {
  let query = summaryQuery(db)
    .innerJoin('serial_works', 'serial_works.work_id', 'works.id')
    .where('serial_works.series_id', '=', seriesId);
  if (viewer !== 'all') query = query.where(listedFor(viewer));
  const rows = await query
    .orderBy('serial_works.position')
    .execute();
  return rows.map(toSummary);
}

/**
 * Blurbs of the given works in one query (bookmarks, history, "later"), whatever their number;
 * visibility is the caller's rule. Missing ids are simply absent.
 */
export async function findWorkSummariesByIds(db: DbOrTrx, ids: readonly number[]): Promise<Map<number, WorkSummary>> {
  const rows = await summaryQuery(db).where(sql<SqlBool>`works.id = any(${[...ids]}::bigint[])`).execute();
  return new Map(rows.map((row) => [row.id, toSummary(row)]));
}
