import { SORT_LABELS, type ListingFilters } from '../listings/listing.model.ts';
import type { Creator, WorkSummary } from '../works/works.model.ts';

export const BOOKMARK_LIMITS = {
  /** Characters of notes as typed, as AO3. */
  notes: 5000,
  /** Bookmark tags per bookmark. */
  tags: 10,
  /** Characters per bookmark tag. */
  tagLength: 100,
} as const;

/** What a bookmark is of: a work or a series. */
export type BookmarkItem = { kind: 'work'; id: number } | { kind: 'series'; id: number };

export interface Bookmark {
  id: number;
  userId: number;
  username: string;
  item: BookmarkItem;
  /** Sanitized HTML. */
  notes: string;
  tags: string[];
  private: boolean;
  rec: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A bookmarked series as a bookmark listing shows it. */
export interface BookmarkedSeries {
  id: number;
  title: string;
  creators: Creator[];
}

/** A bookmark with what it is of, ready to list. */
export type ListedBookmark = Bookmark & ({ work: WorkSummary; series?: undefined } | { series: BookmarkedSeries; work?: undefined });

/**
 * How a member's bookmarks page can be sorted: by date bookmarked (the default), or by the
 * works sorts that mean something for a bookmark (best match needs a ranking of the whole
 * archive's matches; the bookmarks page filters by text but keeps its own order).
 */
export const BOOKMARK_SORTS = ['bookmarked', 'updated', 'posted', 'title', 'creator', 'words', 'hits', 'kudos', 'comments', 'bookmarks'] as const;
export type BookmarkSort = (typeof BOOKMARK_SORTS)[number];
export const BOOKMARK_SORT_LABELS: Record<BookmarkSort, string> = { bookmarked: 'Date bookmarked', ...SORT_LABELS };

/** The filters of a user's bookmarks page (GET parameters): the works filters, then the bookmark's own. */
export interface BookmarkFilters {
  /** The works listings' filters, applied to the bookmarked works (their `sort` is unused: see `sort`). */
  works: ListingFilters;
  /** Recs only. */
  rec: boolean;
  /** Bookmarks with notes only. */
  withNotes: boolean;
  /** One of the user's bookmark tags, matched ignoring case. */
  tag: string | null;
  sort: BookmarkSort;
}

export interface Facet {
  name: string;
  count: number;
}
