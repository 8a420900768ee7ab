import type { Db } from '../../platform/db/schema.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import type { Viewer } from '../../platform/views/page-context.ts';
import { BEST_MATCH_CANDIDATES, parseTextQuery } from '../search/text-search.ts';
import type { WorkTagType } from '../tags/tags.model.ts';
import { DEEPEST_LISTED, FILTER_TAG_TYPES, pageCountOf, WORKS_PER_PAGE, type ListingFilters, type ListingResult, type ListingScope, type ResolvedTag, type SortKey } from './listing.model.ts';
import { countAndFacets } from './listing-counts.repository.ts';
import { listWorksPage, resolveTagNames, type ListingQuery } from './listing.repository.ts';
import { parseListingQuery, type RawQuery } from './listing.schemas.ts';

/** The filter's tag names as filter ids: included ids per type (null when an included name is no tag: nothing matches), excluded ids. */
export interface ResolvedFilterTags {
  tags: ResolvedTag[];
  include: Record<WorkTagType, number[]> | null;
  exclude: number[];
}

/**
 * Looks the filter's tag names up (one query, none when the URL names no tag). Shared by every
 * listing of works, including a member's bookmarks.
 */
export async function resolveFilterTags(db: Db, filters: ListingFilters): Promise<ResolvedFilterTags> {
  const refs = FILTER_TAG_TYPES.flatMap((type) => [...filters.include[type], ...filters.exclude[type]].map((name) => ({ type, name })));
  const tags = await resolveTagNames(db, refs);
  const include = Object.fromEntries(FILTER_TAG_TYPES.map((t) => [t, [] as number[]])) as Record<WorkTagType, number[]>;
  const exclude: number[] = [];
  let missingInclude = false;
  // resolveTagNames answers in the order of refs: each type's includes, then its excludes.
  let i = 0;
  for (const type of FILTER_TAG_TYPES) {
    for (const id of filters.include[type].map(() => tags[i++]!.filterId)) {
      if (id === null) missingInclude = true;
      else include[type].push(id);
    }
    // Excluding a tag nobody has used excludes nothing.
    for (const id of filters.exclude[type].map(() => tags[i++]!.filterId)) if (id !== null) exclude.push(id);
  }

  return { tags, include: missingInclude ? null : include, exclude };
}

export type ListingOutcome = { ok: true; filters: ListingFilters; result: ListingResult } | { ok: false; errors: FieldErrors };

/**
 * A listing page's works, total and facets for the viewer, in a fixed number of queries: the
 * tag names (when the URL names any), the page of blurbs, and the count with the facets.
 */
export async function loadListing(db: Db, viewer: Viewer | null, scope: ListingScope, raw: RawQuery): Promise<ListingOutcome> {
  const parsed = parseListingQuery(raw);
  if (!parsed.ok) return parsed;
  const filters = parsed.filters;

  const { tags, include, exclude } = await resolveFilterTags(db, filters);

  const text = filters.q ? parseTextQuery(filters.q) : null;
  const sort: SortKey = filters.sort === 'best' || filters.sort === null ? (text ? 'best' : 'updated') : filters.sort;
  const query: ListingQuery = { viewer, scope, filters, include, exclude, text, sort };
  const offset = (filters.page - 1) * WORKS_PER_PAGE;
  // No page is deeper than paging reaches (an estimated total could promise more).
  const deepest = DEEPEST_LISTED / WORKS_PER_PAGE;
  const [works, counted] = await Promise.all([
    filters.page <= deepest ? listWorksPage(db, query, WORKS_PER_PAGE, offset) : Promise.resolve([]),
    countAndFacets(db, query),
  ]);
  const rankedNewestOnly = sort === 'best' && counted.total > BEST_MATCH_CANDIDATES;
  const pageCount = rankedNewestOnly ? BEST_MATCH_CANDIDATES / WORKS_PER_PAGE : pageCountOf(counted.total, counted.exact, WORKS_PER_PAGE);
  const pastEnd = filters.page > pageCount;
  return {
    ok: true,
    filters,
    result: {
      works: pastEnd ? [] : works,
      total: counted.total,
      exact: counted.exact,
      page: filters.page,
      pageCount,
      pastEnd,
      facets: counted.facets,
      tags,
      sort,
      rankedNewestOnly,
    },
  };
}
