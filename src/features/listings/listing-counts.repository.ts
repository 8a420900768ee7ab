import { sql, type RawBuilder } from 'kysely';
import { estimateRows } from '../../platform/db/estimates.ts';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import { tagTypeIndex, type TagTypeIndex } from '../tags/tag-type-cache.ts';
import { findTagTypesAndNames, listTagTypes } from '../tags/tags.repository.ts';
import type { WorkTagType } from '../tags/tags.model.ts';
import { COUNT_LIMIT, FACETS_PER_TYPE, FILTER_TAG_TYPES, type FacetEntry, type Facets } from './listing.model.ts';
import { listingWhere, type ListingQuery } from './listing.repository.ts';
import { tallyTagList } from './tag-tally.ts';

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
  const row = (await countAndTagListSql(matched).execute(db)).rows[0];
  const counted = Number(row?.total ?? 0);
  const exact = counted <= COUNT_LIMIT;
  const tally = tallyTagList(row?.tag_list ?? null, COUNT_LIMIT);
  const [facets, estimate] = await Promise.all([topFacets(db, tally), exact ? counted : estimateRows(db, matched)]);
  return { total: exact ? counted : Math.max(COUNT_LIMIT + 1, estimate), exact, facets: { byType: facets, exact } };
}

/**
 * The count (up to COUNT_LIMIT + 1) and the filter tags of those rows as one text, each row's
 * ids joined by ',' and the rows by ';' in the order read (a row that is no work, or has no
 * tags, is an empty one), for tallyTagList to count the first COUNT_LIMIT. Tallying thousands of
 * ids in the server costs less than unnesting and grouping them here.
 */
export function countAndTagListSql(matched: RawBuilder<unknown>) {
  return sql<{ total: number; tag_list: string | null }>`
    select count(*)::int as total, string_agg(coalesce(array_to_string(m.filter_tag_ids, ','), ''), ';') as tag_list
    from (${matched} limit ${COUNT_LIMIT + 1}) m
  `;
}

/**
 * The FACETS_PER_TYPE most used tags of each type (ties by id), with their names. Types come
 * from the in-memory index (read whole by a process's first facets), so one query reads the
 * names of the leaders, with the type and name of every tag made since the index last grew
 * and of any counted tag it lacks (one committed after a higher id was read): a leader the
 * index didn't know is among those, so its name is read too.
 */
async function topFacets(db: DbOrTrx, tally: Map<number, number>): Promise<Record<WorkTagType, FacetEntry[]>> {
  const index = tagTypeIndex(db);
  await index.loadOnce(() => listTagTypes(db));
  const missed = [...tally.keys()].filter((id) => id <= index.loadedUpTo && index.typeOf(id) === undefined);
  const known = leadersByType(tally, index);
  const leadersSoFar = Object.values(known).flat();
  const rows = await findTagTypesAndNames(db, [...leadersSoFar.map((entry) => entry.id), ...missed], index.loadedUpTo);
  const learned = index.remember(rows);
  const names = new Map(rows.map((row) => [row.id, row.name]));
  // Tags the index lacked (new ones, or missed ones) may lead their type: rank again with them.
  const leaders = learned ? leadersByType(tally, index) : known;
  return Object.fromEntries(
    FILTER_TAG_TYPES.map((type) => [type, leaders[type].flatMap((entry) => (names.has(entry.id) ? [{ ...entry, name: names.get(entry.id)! }] : []))]),
  ) as Record<WorkTagType, FacetEntry[]>;
}

interface TagCount {
  id: number;
  count: number;
}

/** The FACETS_PER_TYPE most used of each type among tags whose type is known, in one pass. */
function leadersByType(tally: Map<number, number>, index: TagTypeIndex): Record<WorkTagType, TagCount[]> {
  const leaders = emptyLeaders();
  for (const [id, count] of tally) {
    const type = index.typeOf(id);
    // Works carry no media tags.
    if (type !== undefined && type !== 'media') insertRanked(leaders[type], id, count);
  }
  return leaders;
}

function emptyLeaders(): Record<WorkTagType, TagCount[]> {
  return Object.fromEntries(FILTER_TAG_TYPES.map((t) => [t, [] as TagCount[]])) as Record<WorkTagType, TagCount[]>;
}

/** Keeps `ranked` sorted (most used first, ties by id) and at most FACETS_PER_TYPE long. */
function insertRanked(ranked: TagCount[], id: number, count: number): void {
  let at = ranked.length;
  while (at > 0 && (count > ranked[at - 1]!.count || (count === ranked[at - 1]!.count && id < ranked[at - 1]!.id))) at--;
  if (at >= FACETS_PER_TYPE) return;
  ranked.splice(at, 0, { id, count });
  if (ranked.length > FACETS_PER_TYPE) ranked.pop();
}
