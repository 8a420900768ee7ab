import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { estimateRows, estimateTableRows } from '../../platform/db/estimates.ts';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { WorkTagType } from '../tags/tags.model.ts';
import { BEST_MATCH_CANDIDATES, textMatchSql, textRankSql, type TextQuery } from '../search/text-search.ts';
import { summaryQuery, toSummary, visibleWorkSql } from '../works/works.repository.ts';
import type { WorkSummary } from '../works/works.model.ts';
import { FILTER_TAG_TYPES, type ListingFilters, type ListingScope, type ResolvedTag, type SortKey } from './listing.model.ts';

/**
 * Finds every tag named in the URL in one query, ignoring case, each with the id a work's
 * filter tags hold for it: a synonym's canonical tag, or the tag itself (canonical or not yet
 * wrangled: filter_tag_ids holds an unwrangled tag as itself).
 */
export async function resolveTagNames(db: DbOrTrx, refs: { type: WorkTagType; name: string }[]): Promise<ResolvedTag[]> {
  if (refs.length === 0) return [];
  const result = await sql<{ ord: number; id: number | null; synonym_of: number | null; canonical_name: string | null }>`
    select v.ord, t.id, t.synonym_of, c.name as canonical_name
    from unnest(${refs.map((r) => r.type)}::text[], ${refs.map((r) => r.name.toLowerCase())}::text[]) with ordinality as v(type, name, ord)
    left join tags t on t.type = v.type and lower(t.name) = v.name
    left join tags c on c.id = t.synonym_of
    order by v.ord
  `.execute(db);
  return result.rows.map((row, i) => ({
    type: refs[i]!.type,
    name: refs[i]!.name,
    filterId: row.id === null ? null : Number(row.synonym_of ?? row.id),
    canonicalName: row.canonical_name,
  }));
}

/** What the filter SQL needs, once the tag names are ids. */
export interface ListingQuery {
  viewer: Viewer | null;
  scope: ListingScope;
  filters: ListingFilters;
  /** Filter ids of the included tags of each type; null when a named tag doesn't exist (nothing can match). */
  include: Record<WorkTagType, number[]> | null;
  exclude: number[];
  text: TextQuery | null;
  sort: SortKey;
}

const bigints = (ids: number[]) => sql`${ids}::bigint[]`;

function scopeSql(scope: ListingScope): RawBuilder<SqlBool> | null {
  switch (scope.kind) {
    case 'all':
    case 'tag': // the tag joins the included tags (one GIN condition)
      return null;
    case 'user':
      return sql<SqlBool>`exists (select 1 from creatorships c join pseuds p on p.id = c.pseud_id where c.work_id = works.id and c.accepted_at is not null and p.user_id = ${scope.userId})`;
    case 'pseud':
      return sql<SqlBool>`exists (select 1 from creatorships c where c.work_id = works.id and c.accepted_at is not null and c.pseud_id = ${scope.pseudId})`;
  }
}

/** Every condition of the listing on the outer `works` row, visibility first. */
export function listingWhere(q: ListingQuery): RawBuilder<SqlBool> {
  const f = q.filters;
  const parts: RawBuilder<SqlBool>[] = [sql<SqlBool>`${visibleWorkSql('works', q.viewer)}`];
  const scope = scopeSql(q.scope);
  if (scope) parts.push(scope);
  if (q.include === null) parts.push(sql<SqlBool>`false`);
  else {
    // A work has one rating, so ratings are "any of"; every other included tag is required.
    const all = FILTER_TAG_TYPES.filter((t) => t !== 'rating').flatMap((t) => q.include![t]);
    if (q.scope.kind === 'tag') all.push(q.scope.tagId);
    if (all.length > 0) parts.push(sql<SqlBool>`works.filter_tag_ids @> ${bigints([...new Set(all)])}`);
    if (q.include.rating.length > 0) parts.push(sql<SqlBool>`works.filter_tag_ids && ${bigints(q.include.rating)}`);
  }
  if (q.exclude.length > 0) parts.push(sql<SqlBool>`not (works.filter_tag_ids && ${bigints(q.exclude)})`);
  if (f.complete === 'yes') parts.push(sql<SqlBool>`(works.expected_chapters is not null and works.chapter_count >= works.expected_chapters)`);
  if (f.complete === 'no') parts.push(sql<SqlBool>`(works.expected_chapters is null or works.chapter_count < works.expected_chapters)`);
  if (f.singleChapter) parts.push(sql<SqlBool>`(works.chapter_count = 1 and works.expected_chapters = 1)`);
  if (f.language) parts.push(sql<SqlBool>`works.language = ${f.language}`);
  if (f.wordsFrom !== null) parts.push(sql<SqlBool>`works.word_count >= ${f.wordsFrom}`);
  if (f.wordsTo !== null) parts.push(sql<SqlBool>`works.word_count <= ${f.wordsTo}`);
  // Dates are whole UTC days, as every page shows them.
  if (f.updatedFrom) parts.push(sql<SqlBool>`works.revised_at >= (${f.updatedFrom}::date::timestamp at time zone 'UTC')`);
  if (f.updatedTo) parts.push(sql<SqlBool>`works.revised_at < ((${f.updatedTo}::date + 1)::timestamp at time zone 'UTC')`);
  if (f.crossovers === 'exclude') parts.push(sql<SqlBool>`not works.crossover`);
  if (f.crossovers === 'only') parts.push(sql<SqlBool>`works.crossover`);
  if (q.text) parts.push(sql<SqlBool>`${textMatchSql(q.text, { fullText: f.fullText })}`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/**
 * Each sort as the btree of migration 0011 that serves it has it, then id for a stable order.
 * Exported for listings of other rows joined to `works` (a member's bookmarks).
 */
export function worksOrderSql(sort: SortKey, text: TextQuery | null): RawBuilder<unknown> {
  switch (sort) {
    case 'best':
      return text ? sql`${textRankSql(text)} desc, works.id desc` : sql`works.revised_at desc, works.id desc`;
    case 'updated':
      return sql`works.revised_at desc, works.id desc`;
    case 'posted':
      return sql`works.published_at desc, works.id desc`;
    case 'title':
      return sql`lower(works.title), works.id`;
    case 'creator':
      return sql`works.creator_sort, works.id`;
    case 'words':
      return sql`works.word_count desc, works.id desc`;
    case 'hits':
      return sql`works.hits_count desc, works.id desc`;
    case 'kudos':
      return sql`works.kudos_count desc, works.id desc`;
    case 'comments':
      return sql`works.comments_count desc, works.id desc`;
    case 'bookmarks':
      return sql`works.bookmarks_count desc, works.id desc`;
  }
}

/**
 * How a page's ids are found: by walking the sort's index, checking each work until the page is
 * filled (fast while matches are dense in that order), or by reading every match through the
 * GIN index and sorting them (fast for a deep page of a narrow filter). See choosePageStrategy.
 */
export type PageStrategy = 'walk' | 'sort';

/** The query of one page of blurbs (exported so the plans can be checked with EXPLAIN). */
export function worksPageQuery(db: DbOrTrx, q: ListingQuery, limit: number, offset: number, strategy: PageStrategy = 'walk') {
  const order = worksOrderSql(q.sort, q.text);
  // The page's ids first, then the blurbs of those 20: the blurb columns are subqueries, and
  // in one query they would run for every row OFFSET skips (1,000 of them on page 50).
  const page = q.sort === 'best' && q.text
    ? bestMatchPageSql(q, q.text, limit, offset)
    : sql<number>`(select works.id from ${strategy === 'sort' ? matchesFencedSql(q) : sql`works where ${listingWhere(q)}`} order by ${order} limit ${limit} offset ${offset})`;
  return summaryQuery(db).where(sql<SqlBool>`works.id in ${page}`).orderBy(order);
}

/**
 * Every match with the columns the sorts use, behind OFFSET 0, which PostgreSQL never flattens:
 * planned on its own, with no order to keep, the matches come from the GIN bitmap; the sort
 * above it is then a top-N heap sort.
 */
const matchesFencedSql = (q: ListingQuery) => sql`(
  select works.id, works.revised_at, works.published_at, works.title, works.creator_sort, works.word_count,
    works.hits_count, works.kudos_count, works.comments_count, works.bookmarks_count
  from works where ${listingWhere(q)} offset 0) as works`;

/**
 * Walking the index reads about (offset + limit) × works / matches rows; the sort reads every
 * match (and its GIN bitmap costs about half as much again). PostgreSQL's planner makes this
 * choice itself, but it prices checking a row's filter tags far below what it costs, and at a
 * million works it walked 51,000 rows (133 ms) for page 50 of an 18,900-match filter that the
 * sort answers in 105 ms. So for a deep page of a filter the GIN index serves, the choice is
 * made here from the planner's own estimates (two plans, no rows read: about 3 ms).
 */
export async function choosePageStrategy(db: DbOrTrx, q: ListingQuery, reach: number): Promise<PageStrategy> {
  const usesGin = q.text !== null || q.scope.kind === 'tag' || (q.include !== null && Object.values(q.include).some((ids) => ids.length > 0));
  if (reach <= WALK_ALWAYS_WITHIN || !usesGin || q.sort === 'best') return 'walk';
  const [matches, works] = await Promise.all([estimateRows(db, sql`select works.id from works where ${listingWhere(q)}`), estimateTableRows(db, 'works')]);
  return 1.5 * matches * matches < reach * works ? 'sort' : 'walk';
}

/** Pages 1 and 2 always walk: the sort's bitmap alone costs more than a short walk. */
const WALK_ALWAYS_WITHIN = 40;

/**
 * Best match ranks at most BEST_MATCH_CANDIDATES matches, the newest (see ARCHITECTURE.md, "Text
 * search"): ranking every match of a common word would cost in proportion to the archive.
 */
function bestMatchPageSql(q: ListingQuery, text: TextQuery, limit: number, offset: number): RawBuilder<number> {
  return sql<number>`(select c.id from (
    select works.id, ${textRankSql(text)} as rank from works where ${listingWhere(q)}
    order by works.revised_at desc, works.id desc limit ${BEST_MATCH_CANDIDATES}
  ) c order by c.rank desc, c.id desc limit ${limit} offset ${offset})`;
}

/** One page of blurbs, in one query. */
export async function listWorksPage(db: DbOrTrx, q: ListingQuery, limit: number, offset: number): Promise<WorkSummary[]> {
  const rows = await worksPageQuery(db, q, limit, offset, await choosePageStrategy(db, q, offset + limit)).execute();
  return rows.map(toSummary);
}
