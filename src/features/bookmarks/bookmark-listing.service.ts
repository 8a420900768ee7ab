import type { Db } from '../../platform/db/schema.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import type { Viewer } from '../../platform/views/page-context.ts';
import { DEEPEST_LISTED, pageCountOf, WORKS_PER_PAGE, type ListingPaging } from '../listings/listing.model.ts';
import type { RawQuery } from '../listings/listing.schemas.ts';
import { resolveFilterTags } from '../listings/listing.service.ts';
import { parseTextQuery } from '../search/text-search.ts';
import { findWorkSummariesByIds } from '../works/works.repository.ts';
import type { BookmarkFilters, Facet, ListedBookmark } from './bookmarks.model.ts';
import { bookmarkTagFacets } from './bookmarks.repository.ts';
import { listsSeries, parseBookmarkFilters } from './bookmarks.schemas.ts';
import { countAndFacetsOfBookmarks, listBookmarksPage, type BookmarkListingQuery } from './bookmark-listing.repository.ts';

export const BOOKMARKS_PER_PAGE = WORKS_PER_PAGE;

export interface BookmarkListing extends ListingPaging {
  bookmarks: ListedBookmark[];
  /** The facets (in ListingPaging) are those of the bookmarked works that match: the works sidebar's. Then the member's bookmark tags. */
  bookmarkTags: Facet[];
  /** Series bookmarks are left out by the filters chosen (listsSeries). */
  seriesHidden: boolean;
}

export type BookmarkListingOutcome = { ok: true; filters: BookmarkFilters; result: BookmarkListing } | { ok: false; errors: FieldErrors };

/**
 * A member's bookmarks page for the viewer, in a fixed number of queries whatever it lists:
 * the tag names (only when the URL names any), the page of bookmarks, the blurbs of their works,
 * the total with the works facets, and the member's bookmark tags.
 */
export async function loadBookmarkListing(db: Db, viewer: Viewer | null, userId: number, raw: RawQuery): Promise<BookmarkListingOutcome> {
  const parsed = parseBookmarkFilters(raw);
  if (!parsed.ok) return parsed;
  const filters = parsed.filters;
  const { tags, include, exclude } = await resolveFilterTags(db, filters.works);
  const text = filters.works.q ? parseTextQuery(filters.works.q) : null;
  const series = listsSeries(filters);
  const query: BookmarkListingQuery = {
    userId,
    viewer,
    filters,
    series,
    // The works sort is unused here (the bookmarks page orders by its own sort).
    works: { viewer, scope: { kind: 'all' }, filters: filters.works, include, exclude, text, sort: 'updated' },
  };
  const page = filters.works.page;
  const deepest = DEEPEST_LISTED / BOOKMARKS_PER_PAGE;
  const [rows, counted, bookmarkTags] = await Promise.all([
    page <= deepest ? listBookmarksPage(db, query, BOOKMARKS_PER_PAGE, (page - 1) * BOOKMARKS_PER_PAGE) : Promise.resolve([]),
    countAndFacetsOfBookmarks(db, query),
    bookmarkTagFacets(db, userId, viewer),
  ]);
  const works = await findWorkSummariesByIds(db, rows.flatMap((row) => (row.item.kind === 'work' ? [row.item.id] : [])));
  const bookmarks = rows.flatMap((row): ListedBookmark[] => {
    const work = row.item.kind === 'work' ? works.get(row.item.id) : undefined;
    if (work) return [{ ...row, work, series: undefined }];
    return row.series ? [{ ...row, series: row.series, work: undefined }] : [];
  });
  const pageCount = pageCountOf(counted.total, counted.exact, BOOKMARKS_PER_PAGE);
  const pastEnd = page > pageCount;
  return {
    ok: true,
    filters,
    result: { bookmarks: pastEnd ? [] : bookmarks, total: counted.total, exact: counted.exact, page, pageCount, pastEnd, facets: counted.facets, bookmarkTags, tags, seriesHidden: !series },
  };
}
