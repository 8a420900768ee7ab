import { sql, type RawBuilder } from 'kysely';
import { estimateRows } from '../../platform/db/estimates.ts';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import { tagTypeIndex, type TagTypeIndex } from '../tags/tag-type-cache.ts';
import { findTagTypesAndNames, listTagTypes } from '../tags/tags.repository.ts';
import type { WorkTagType } from '../tags/tags.model.ts';
import { COUNT_LIMIT, FACETS_PER_TYPE, FILTER_TAG_TYPES, type FacetEntry, type Facets } from './listing.model.ts';
import { listingWhere, type ListingQuery } from './listing.repository.ts';

export interface CountedFacets {
  /** Exact when `exact`; else PostgreSQL's estimate, never below COUNT_LIMIT + 1. */
  total: number;
  exact: boolean;
  facets: Facets;
}

/** The total and the facets of a works listing (see countAndFacetsOver). */
export async function countAndFacets(db: DbOrTrx, q: ListingQuery): Promise<CountedFacets> {
  return countAndFacetsOver(db, sql`select works.filter_tag_ids from works where ${listingWhere(q)}`);
}

/**
 * The total and facets of any set of matching rows, given as a select of one column,
 * `filter_tag_ids` (null for rows that are not works: counted, no tags). Listings of other rows
 * joined to works (a member's bookmarks) use it with their own conditions.
 *
 * At most COUNT_LIMIT + 1 rows are read: that many give an exact total and exact facets. Past
 * it the total is the planner's estimate and the facets are counted over the first COUNT_LIMIT
 * rows (ARCHITECTURE.md, "Works listings"). The tags' types come from the in-memory cache, so
 * only the shown tags' names are looked up: joining every counted tag cost more than the count.
 */
export async function countAndFacetsOver(db: DbOrTrx, matched: RawBuilder<unknown>): Promise<CountedFacets> {
  const row = (await countAndTagCountsSql(matched).execute(db)).rows[0];
  const counted = Number(row?.total ?? 0);
  const exact = counted <= COUNT_LIMIT;
  const [facets, estimate] = await Promise.all([topFacets(db, row?.ids ?? [], row?.counts ?? []), exact ? counted : estimateRows(db, matched)]);
  return { total: exact ? counted : Math.max(COUNT_LIMIT + 1, estimate), exact, facets: { byType: facets, exact } };
}

/**
 * The count (up to COUNT_LIMIT + 1) and every filter tag of the first COUNT_LIMIT rows with how
 * many of them carry it, as two arrays in one row, in no order (thousands of rows would cost
 * more to send and parse than the arrays, and sorting them costs less here than in SQL).
 */
export function countAndTagCountsSql(matched: RawBuilder<unknown>) {
  // float8 and int arrays arrive as numbers; bigint ones as strings to convert (ids stay far below 2^53).
  return sql<{ total: number; ids: number[] | null; counts: number[] | null }>`
    with matched as (
      ${matched} limit ${COUNT_LIMIT + 1}
    ), counted as (
      select u.tag_id, count(*)::int as n
      from (select filter_tag_ids from matched limit ${COUNT_LIMIT}) f cross join unnest(f.filter_tag_ids) as u(tag_id)
      group by u.tag_id
    )
    select m.total, c.ids, c.counts
    from (select count(*)::int as total from matched) m,
      (select array_agg(tag_id::float8) as ids, array_agg(n) as counts from counted) c
  `;
}

/**
 * The FACETS_PER_TYPE most used tags of each type (ties by id), with their names. Types come
 * from the in-memory index (read whole by a process's first facets), so one query reads the
 * names of the leaders, with the type and name of every tag made since the index last grew
 * and of any counted tag it lacks (one committed after a higher id was read): a leader the
 * index didn't know is among those, so its name is read too.
 */
async function topFacets(db: DbOrTrx, ids: number[], counts: number[]): Promise<Record<WorkTagType, FacetEntry[]>> {
  const index = tagTypeIndex(db);
  await index.loadOnce(() => listTagTypes(db));
  const ranked = ids.map((id, i): TagCount => ({ id, count: counts[i]! })).sort((a, b) => b.count - a.count || a.id - b.id);
  const missed = ids.filter((id) => id <= index.loadedUpTo && index.typeOf(id) === undefined);
  const leadersSoFar = Object.values(leadersByType(ranked, index)).flat();
  const rows = await findTagTypesAndNames(db, [...leadersSoFar.map((entry) => entry.id), ...missed], index.loadedUpTo);
  index.remember(rows);
  const names = new Map(rows.map((row) => [row.id, row.name]));
  const leaders = leadersByType(ranked, index);
  return Object.fromEntries(
    FILTER_TAG_TYPES.map((type) => [type, leaders[type].flatMap((entry) => (names.has(entry.id) ? [{ ...entry, name: names.get(entry.id)! }] : []))]),
  ) as Record<WorkTagType, FacetEntry[]>;
}

interface TagCount {
  id: number;
  count: number;
}

/** The first FACETS_PER_TYPE of `ranked` of each type, among tags whose type is known. */
function leadersByType(ranked: TagCount[], index: TagTypeIndex): Record<WorkTagType, TagCount[]> {
  const leaders = Object.fromEntries(FILTER_TAG_TYPES.map((t) => [t, [] as TagCount[]])) as Record<WorkTagType, TagCount[]>;
  for (const entry of ranked) {
    const type = index.typeOf(entry.id);
    const ofType = type === undefined || type === 'media' ? undefined : leaders[type]; // works carry no media tags
    if (ofType && ofType.length < FACETS_PER_TYPE) ofType.push(entry);
  }
  return leaders;
}
