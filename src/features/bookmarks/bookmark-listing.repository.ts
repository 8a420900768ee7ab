import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import { countAndFacetsOver, type CountedFacets } from '../listings/listing-counts.repository.ts';
import { listingWhere, worksOrderSql, type ListingQuery } from '../listings/listing.repository.ts';
import type { BookmarkFilters } from './bookmarks.model.ts';
import { bookmarkRows, toBookmark, type BookmarkWithSeries } from './bookmarks.repository.ts';

/** What the SQL of a member's bookmarks page needs, once the filter's tag names are ids. */
export interface BookmarkListingQuery {
  userId: number;
  viewer: Viewer | null;
  filters: BookmarkFilters;
  /** The works filters as the listings build them (scope: all; `works` is the bookmarked work, left-joined). */
  works: ListingQuery;
  /** Whether series bookmarks are listed (listsSeries). */
  series: boolean;
}

/**
 * Every condition on the outer `b` (bookmarks) row joined to `works`: the member's bookmarks,
 * private ones only for the owner, the bookmark's own filters, then a work bookmark must pass
 * the works listings' conditions (visibility first, so members-only works never reach guests,
 * in the page, the total or the facets) and a series bookmark the series rule.
 */
export function bookmarkListingWhere(q: BookmarkListingQuery): RawBuilder<SqlBool> {
  const f = q.filters;
  const parts: RawBuilder<SqlBool>[] = [sql<SqlBool>`b.user_id = ${q.userId}`];
  if (q.viewer?.id !== q.userId) parts.push(sql<SqlBool>`not b.private`);
  if (f.rec) parts.push(sql<SqlBool>`b.rec`);
  if (f.withNotes) parts.push(sql<SqlBool>`b.notes <> ''`);
  if (f.tag) parts.push(sql<SqlBool>`exists (select 1 from bookmark_tags bt where bt.bookmark_id = b.id and lower(bt.name) = lower(${f.tag}))`);
  parts.push(sql<SqlBool>`(case when b.work_id is null then ${q.series ? sql`true` : sql`false`} else ${listingWhere(q.works)} end)`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

function orderSql(q: BookmarkListingQuery): RawBuilder<unknown> {
  return q.filters.sort === 'bookmarked' ? sql`b.created_at desc, b.id desc` : sql`${worksOrderSql(q.filters.sort, null)}, b.id desc`;
}

/** One page of the member's bookmarks that match, as the viewer may see them. */
export async function listBookmarksPage(db: DbOrTrx, q: BookmarkListingQuery, limit: number, offset: number): Promise<BookmarkWithSeries[]> {
  const rows = await bookmarkRows(db)
    .leftJoin('works', 'works.id', 'b.work_id')
    .where(bookmarkListingWhere(q))
    .orderBy(orderSql(q))
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toBookmark);
}

/** The total and the works facets of the matching bookmarks, in one query (the listings' count-and-facets). */
export function countAndFacetsOfBookmarks(db: DbOrTrx, q: BookmarkListingQuery): Promise<CountedFacets> {
  return countAndFacetsOver(db, sql`select works.filter_tag_ids from bookmarks b left join works on works.id = b.work_id where ${bookmarkListingWhere(q)}`);
}
