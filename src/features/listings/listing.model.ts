import type { WorkTagType } from '../tags/tags.model.ts';
import { WORK_TAG_TYPES } from '../tags/tags.model.ts';
import type { WorkSummary } from '../works/works.model.ts';

export const WORKS_PER_PAGE = 20;
/**
 * Totals and facet counts are exact up to this many matching works: a listing reads at most one
 * more. Past it the total is PostgreSQL's estimate ("about 18,000"), the facets are counted over
 * this many of the works (whichever the database finds first) and say "about", and pages stop at
 * DEEPEST_LISTED (ARCHITECTURE.md, "Works listings"). Reading every match of a popular filter at
 * a million works cost more than the rest of the page together.
 */
export const COUNT_LIMIT = 2_000;
/** Paging reaches this many works at most (page 500) when the total is an estimate. */
export const DEEPEST_LISTED = 10_000;
/** Facet entries shown per tag type. */
export const FACETS_PER_TYPE = 10;

export const SORTS = ['best', 'updated', 'posted', 'title', 'creator', 'words', 'hits', 'kudos', 'comments', 'bookmarks'] as const;
export type SortKey = (typeof SORTS)[number];
export const SORT_LABELS: Record<SortKey, string> = {
  best: 'Best match',
  updated: 'Date updated',
  posted: 'Date posted',
  title: 'Title',
  creator: 'Creator',
  words: 'Word count',
  hits: 'Hits',
  kudos: 'Kudos',
  comments: 'Comments',
  bookmarks: 'Bookmarks',
};

export const CROSSOVER_CHOICES = ['include', 'exclude', 'only'] as const;
export type CrossoverChoice = (typeof CROSSOVER_CHOICES)[number];

/** Every tag type a work carries can be included and excluded: `fandom=…`, `exclude_fandom=…`. */
export const FILTER_TAG_TYPES: readonly WorkTagType[] = WORK_TAG_TYPES;
export const excludeParam = (type: WorkTagType) => `exclude_${type}` as const;

export type TagNames = Record<WorkTagType, string[]>;
export const emptyTagNames = (): TagNames => ({ rating: [], warning: [], category: [], fandom: [], relationship: [], character: [], freeform: [] });

/** A listing's filters, as the URL says them (tag names, not ids yet). */
export interface ListingFilters {
  include: TagNames;
  exclude: TagNames;
  complete: 'yes' | 'no' | null;
  singleChapter: boolean;
  language: string | null;
  wordsFrom: number | null;
  wordsTo: number | null;
  /** YYYY-MM-DD, inclusive, in UTC like every date Quire shows. */
  updatedFrom: string | null;
  updatedTo: string | null;
  crossovers: CrossoverChoice;
  q: string;
  fullText: boolean;
  /** Null: the default order (best match with a query, else date updated). */
  sort: SortKey | null;
  page: number;
}

export const defaultFilters = (): ListingFilters => ({
  include: emptyTagNames(),
  exclude: emptyTagNames(),
  complete: null,
  singleChapter: false,
  language: null,
  wordsFrom: null,
  wordsTo: null,
  updatedFrom: null,
  updatedTo: null,
  crossovers: 'include',
  q: '',
  fullText: false,
  sort: null,
  page: 1,
});

/** Which works a listing page starts from, before the reader's filters. */
export type ListingScope = { kind: 'all' } | { kind: 'tag'; tagId: number } | { kind: 'user'; userId: number } | { kind: 'pseud'; pseudId: number };

/** A tag named in the URL, as found: its canonical tag (itself unless a synonym). Null when no such tag exists. */
export interface ResolvedTag {
  type: WorkTagType;
  /** As written in the URL. */
  name: string;
  filterId: number | null;
  /** The canonical name when `name` is a synonym of it. */
  canonicalName: string | null;
}

export interface FacetEntry {
  id: number;
  name: string;
  count: number;
}

export interface Facets {
  byType: Record<WorkTagType, FacetEntry[]>;
  /** False when counted over COUNT_LIMIT of more matching works. */
  exact: boolean;
}

/** Where a filtered page stands in its results: shared by the works listings and the bookmarks page. */
export interface ListingPaging {
  /** Exact when `exact`; else PostgreSQL's estimate, above COUNT_LIMIT ("about"). */
  total: number;
  exact: boolean;
  page: number;
  pageCount: number;
  /** The page asked for is past the last one (shown with a friendly message, status 200). */
  pastEnd: boolean;
  facets: Facets;
  /** The tags the filters name, resolved through the graph. */
  tags: ResolvedTag[];
}

export interface ListingResult extends ListingPaging {
  works: WorkSummary[];
  /** The order actually used (best match falls back to date updated without a query). */
  sort: Exclude<SortKey, 'best'> | 'best';
  /** Best match ranked only the newest BEST_MATCH_CANDIDATES matches (see listing.repository.ts). */
  rankedNewestOnly: boolean;
}

/** How many pages a listing offers: as many as the total fills, up to DEEPEST_LISTED works when it is an estimate. */
export function pageCountOf(total: number, exact: boolean, perPage: number): number {
  const listable = exact ? total : Math.min(total, DEEPEST_LISTED);
  return Math.max(1, Math.ceil(listable / perPage));
}
