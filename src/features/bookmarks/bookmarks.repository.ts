import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import { toCreator, type CreatorJson } from '../works/works.model.ts';
import { visibleWorkSql } from '../works/works.repository.ts';
import type { Bookmark, BookmarkedSeries, BookmarkItem, Facet } from './bookmarks.model.ts';

export interface BookmarkFields {
  notes: string;
  tags: string[];
  private: boolean;
  rec: boolean;
}

const itemColumn = (item: BookmarkItem) => (item.kind === 'work' ? 'work_id' : 'series_id');

/**
 * Writes a new bookmark unless the member already has one of this item: the unique partial
 * indexes decide, so two forms sent at once can't make two. The new id, or null.
 */
export async function insertBookmark(db: DbOrTrx, userId: number, item: BookmarkItem, fields: BookmarkFields): Promise<number | null> {
  const column = itemColumn(item);
  const result = await sql<{ id: number }>`
    insert into bookmarks (user_id, ${sql.ref(column)}, notes, private, rec)
    values (${userId}, ${item.id}, ${fields.notes}, ${fields.private}, ${fields.rec})
    on conflict (user_id, ${sql.ref(column)}) where ${sql.ref(column)} is not null do nothing
    returning id`.execute(db);
  return result.rows[0]?.id ?? null;
}

export async function replaceBookmarkTags(db: DbOrTrx, bookmarkId: number, tags: string[]): Promise<void> {
  await db.deleteFrom('bookmark_tags').where('bookmark_id', '=', bookmarkId).execute();
  if (tags.length === 0) return;
  await db.insertInto('bookmark_tags').values(tags.map((name, i) => ({ bookmark_id: bookmarkId, position: i + 1, name }))).execute();
}

export async function updateBookmark(db: DbOrTrx, bookmarkId: number, fields: BookmarkFields): Promise<void> {
  await db.updateTable('bookmarks').set({ notes: fields.notes, private: fields.private, rec: fields.rec, updated_at: new Date() }).where('id', '=', bookmarkId).execute();
}

export async function deleteBookmark(db: DbOrTrx, bookmarkId: number): Promise<void> {
  await db.deleteFrom('bookmarks').where('id', '=', bookmarkId).execute();
}

/** Keeps works.bookmarks_count (public bookmarks, migration 0010) in step, in the caller's transaction. */
export async function adjustBookmarksCount(db: DbOrTrx, workId: number, delta: number): Promise<void> {
  if (delta === 0) return;
  await db.updateTable('works').set({ bookmarks_count: sql<number>`bookmarks_count + ${delta}` }).where('id', '=', workId).execute();
}

/** The row, locked for the rest of the transaction, so an edit and a delete apply one after the other. */
export async function lockBookmark(db: DbOrTrx, bookmarkId: number): Promise<{ userId: number; workId: number | null; private: boolean } | undefined> {
  const row = await db.selectFrom('bookmarks').select(['user_id', 'work_id', 'private']).where('id', '=', bookmarkId).forUpdate().executeTakeFirst();
  return row && { userId: row.user_id, workId: row.work_id, private: row.private };
}

/** The work a bookmark is of (null for a series); undefined when there is no such bookmark. */
export async function findBookmarkWorkId(db: DbOrTrx, bookmarkId: number): Promise<number | null | undefined> {
  const row = await db.selectFrom('bookmarks').select('work_id').where('id', '=', bookmarkId).executeTakeFirst();
  return row ? row.work_id : undefined;
}

export async function findBookmarkIdOf(db: DbOrTrx, userId: number, item: BookmarkItem): Promise<number | undefined> {
  const row = await db.selectFrom('bookmarks').select('id').where('user_id', '=', userId).where(itemColumn(item), '=', item.id).executeTakeFirst();
  return row?.id;
}

/** The bookmark's tags in order, as a JSON array, for the outer `b` row. */
const tagsJson = sql<string[]>`(select coalesce(json_agg(bt.name order by bt.position), '[]') from bookmark_tags bt where bt.bookmark_id = b.id)`;

/** A bookmarked series' title and creators for the outer `b` row (null for work bookmarks). */
const seriesJson = sql<{ id: number; title: string; creators: CreatorJson[] } | null>`(
  select json_build_object('id', s.id, 'title', s.title, 'creators', (
    select coalesce(json_agg(json_build_object('pseud_id', p.id, 'pseud_name', p.name, 'user_id', u.id, 'username', u.username) order by sc.position, p.id), '[]')
    from series_creatorships sc join pseuds p on p.id = sc.pseud_id join users u on u.id = p.user_id
    where sc.series_id = s.id))
  from series s where s.id = b.series_id
)`;

export function bookmarkRows(db: DbOrTrx) {
  return db
    .selectFrom('bookmarks as b')
    .innerJoin('users as u', 'u.id', 'b.user_id')
    .select(['b.id', 'b.user_id', 'u.username', 'b.work_id', 'b.series_id', 'b.notes', 'b.private', 'b.rec', 'b.created_at', 'b.updated_at', tagsJson.as('tags'), seriesJson.as('series')]);
}

type BookmarkRow = Awaited<ReturnType<ReturnType<typeof bookmarkRows>['executeTakeFirstOrThrow']>>;

export type BookmarkWithSeries = Bookmark & { series: BookmarkedSeries | null };

export function toBookmark(row: BookmarkRow): BookmarkWithSeries {
  return {
    id: row.id,
    userId: row.user_id,
    username: row.username,
    item: row.work_id !== null ? { kind: 'work', id: row.work_id } : { kind: 'series', id: Number(row.series_id) },
    notes: row.notes,
    tags: row.tags,
    private: row.private,
    rec: row.rec,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    series: row.series && { id: Number(row.series.id), title: row.series.title, creators: row.series.creators.map(toCreator) },
  };
}

export async function findBookmark(db: DbOrTrx, bookmarkId: number): Promise<BookmarkWithSeries | undefined> {
  const row = await bookmarkRows(db).where('b.id', '=', bookmarkId).executeTakeFirst();
  return row && toBookmark(row);
}

/**
 * Which of a user's bookmarks the viewer may see: the owner sees all of them, others only public
 * ones; bookmarks of works only when the viewer may see the work (listedFor's rule).
 */
export function visibleBookmarksSql(userId: number, viewer: Viewer | null): RawBuilder<SqlBool> {
  const ownerSees = viewer?.id === userId;
  return sql<SqlBool>`b.user_id = ${userId}
    and (${ownerSees} or not b.private)
    and (b.work_id is null or exists (select 1 from works where works.id = b.work_id and ${visibleWorkSql('works', viewer)}))`;
}

/** The sidebar's bookmark tags over the bookmarks the viewer may see, most used first. */
export async function bookmarkTagFacets(db: DbOrTrx, userId: number, viewer: Viewer | null): Promise<Facet[]> {
  const result = await sql<{ name: string; n: number }>`
    select min(bt.name) as name, count(*)::int as n
    from bookmarks b join bookmark_tags bt on bt.bookmark_id = b.id
    where ${visibleBookmarksSql(userId, viewer)}
    group by lower(bt.name) order by n desc, min(bt.name) limit 30`.execute(db);
  return result.rows.map((row) => ({ name: row.name, count: Number(row.n) }));
}

export async function countWorkBookmarks(db: DbOrTrx, workId: number): Promise<number> {
  const row = await db.selectFrom('bookmarks').select((eb) => eb.fn.countAll<number>().as('n')).where('work_id', '=', workId).where('private', '=', false).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page of a work's public bookmarks, newest first. */
export async function listWorkBookmarks(db: DbOrTrx, workId: number, limit: number, offset: number): Promise<BookmarkWithSeries[]> {
  const rows = await bookmarkRows(db).where('b.work_id', '=', workId).where('b.private', '=', false).orderBy('b.created_at', 'desc').orderBy('b.id', 'desc').limit(limit).offset(offset).execute();
  return rows.map(toBookmark);
}
