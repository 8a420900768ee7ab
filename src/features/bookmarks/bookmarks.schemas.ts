import { z } from 'zod';
import { textField } from '../../platform/http/forms.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { listingQueryString, parseListingQuery, type RawQuery } from '../listings/listing.schemas.ts';
import { BOOKMARK_LIMITS, BOOKMARK_SORTS, type BookmarkFilters } from './bookmarks.model.ts';

// A checkbox: sent only when ticked.
const checkbox = (label: string) => z.literal('1', { message: `${label} must be ticked or not.` }).optional().transform((value) => value === '1');

/** "a, b, A" → ["a", "b"]: trimmed, spaces collapsed, blanks dropped, repeats (ignoring case) once. */
export function splitBookmarkTags(raw: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of raw.normalize('NFKC').split(/[,，、]/)) {
    const name = part.replace(/\s+/g, ' ').trim();
    if (name === '' || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    tags.push(name);
  }
  return tags;
}

const tagsField = z
  .string({ message: 'Your tags must be text.' })
  .max(BOOKMARK_LIMITS.tags * (BOOKMARK_LIMITS.tagLength + 2), { message: `Your tags are too long: use at most ${BOOKMARK_LIMITS.tags} tags of up to ${BOOKMARK_LIMITS.tagLength} characters.` })
  .default('')
  .transform(splitBookmarkTags)
  .refine((tags) => tags.length <= BOOKMARK_LIMITS.tags, { message: `Use at most ${BOOKMARK_LIMITS.tags} tags.` })
  .refine((tags) => tags.every((tag) => tag.length <= BOOKMARK_LIMITS.tagLength), { message: `Each tag must be at most ${BOOKMARK_LIMITS.tagLength} characters.` });

/** The bookmark form, for a new bookmark and an edit alike. */
export const bookmarkFormSchema = z.object({
  notes: textField('Notes', { max: BOOKMARK_LIMITS.notes }).default(''),
  tags: tagsField,
  private: checkbox('Private'),
  rec: checkbox('Rec'),
});

export type BookmarkForm = z.output<typeof bookmarkFormSchema>;

/** The bookmarks page's own parameters, next to the works listings' ones. */
export const BOOKMARK_FILTER_PARAMS = ['rec', 'with_notes', 'bookmark_tag', 'sort'] as const;

const blankIsOff = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const bookmarkParamsSchema = z.object({
  rec: blankIsOff(z.literal('1', { message: 'Recs only is a checkbox.' })),
  with_notes: blankIsOff(z.literal('1', { message: 'With notes only is a checkbox.' })),
  bookmark_tag: blankIsOff(z.string().trim().max(BOOKMARK_LIMITS.tagLength, { message: `A bookmark tag is at most ${BOOKMARK_LIMITS.tagLength} characters.` })),
  sort: blankIsOff(z.enum(BOOKMARK_SORTS, { message: 'Choose a sort order from the list.' })),
});

export type ParsedBookmarkFilters = { ok: true; filters: BookmarkFilters } | { ok: false; errors: FieldErrors };

/**
 * Parses the bookmarks page's query string: the works filters by the listings' own parser (the
 * sort left out: the bookmarks page has its own), then the bookmark parameters. Any problem is a
 * field error, shown with the form as typed.
 */
export function parseBookmarkFilters(raw: RawQuery): ParsedBookmarkFilters {
  // `sort` is the bookmarks page's own (it offers date bookmarked), so the works parser never sees it.
  const works = parseListingQuery(Object.fromEntries(Object.entries(raw).filter(([key]) => !(BOOKMARK_FILTER_PARAMS as readonly string[]).includes(key))));
  const errors: FieldErrors = works.ok ? {} : { ...works.errors };
  const single: Record<string, string> = {};
  for (const name of BOOKMARK_FILTER_PARAMS) {
    const values = raw[name];
    if (!values) continue;
    if (values.length > 1) errors[name] = `Give ${name.replace('_', ' ')} only once.`;
    else single[name] = values[0]!;
  }
  const own = bookmarkParamsSchema.safeParse(single);
  if (!own.success) for (const issue of own.error.issues) errors[String(issue.path[0])] ??= issue.message;
  if (!works.ok || !own.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    filters: {
      works: works.filters,
      rec: own.data.rec === '1',
      withNotes: own.data.with_notes === '1',
      tag: own.data.bookmark_tag || null,
      sort: own.data.sort ?? 'bookmarked',
    },
  };
}

/**
 * Series bookmarks are listed only when no works filter is set and the order is date
 * bookmarked: a series has no rating, tags or word count to filter or sort by, and a series
 * that "matched" a work filter would be a guess. Recs, notes and bookmark tags apply to both.
 */
export function listsSeries(filters: BookmarkFilters): boolean {
  return filters.sort === 'bookmarked' && listingQueryString({ ...filters.works, sort: null }, 1) === '';
}

/** The page's address for a filter state: the works filters in the listings' order, then the bookmark ones, then the page. */
export function bookmarksHref(base: string, filters: BookmarkFilters, page = filters.works.page): string {
  const params = new URLSearchParams(listingQueryString({ ...filters.works, sort: null }, 1));
  if (filters.rec) params.append('rec', '1');
  if (filters.withNotes) params.append('with_notes', '1');
  if (filters.tag) params.append('bookmark_tag', filters.tag);
  if (filters.sort !== 'bookmarked') params.append('sort', filters.sort);
  if (page > 1) params.append('page', String(page));
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}
