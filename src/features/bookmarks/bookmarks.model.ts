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

/** The filters of a user's bookmarks page (GET parameters). */
export interface BookmarkFilters {
  rec: boolean;
  /** One of the user's bookmark tags, matched ignoring case. */
  tag: string | null;
  /** A fandom tag of the bookmarked work, by name. */
  fandom: string | null;
}

export interface Facet {
  name: string;
  count: number;
}
