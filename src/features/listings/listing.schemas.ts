import { z } from 'zod';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { LANGUAGE_CODES } from '../works/languages.ts';
import { MAX_TAG_LENGTH } from '../tags/tags.model.ts';
import { normalizeTagName } from '../tags/tags.schemas.ts';
import { CROSSOVER_CHOICES, defaultFilters, emptyTagNames, excludeParam, FILTER_TAG_TYPES, SORTS, type ListingFilters } from './listing.model.ts';

/** The query string as the form sends it: every known parameter, each as its list of values. */
export type RawQuery = Record<string, string[]>;

const TAG_PARAMS = FILTER_TAG_TYPES.flatMap((type) => [type, excludeParam(type)]);
const SCALAR_PARAMS = ['complete', 'single_chapter', 'language', 'words_from', 'words_to', 'updated_from', 'updated_to', 'crossovers', 'q', 'full_text', 'sort', 'page'] as const;
/** At most this many tag names per parameter: enough for any real filter, and it bounds the SQL. */
const MAX_TAGS_PER_PARAM = 30;
const MAX_QUERY_LENGTH = 500;

/**
 * Keeps only the parameters the listing knows (unknown ones are ignored), as lists of strings.
 * A page with filters of its own (a member's bookmarks) names them in `extra`.
 */
export function rawQuery(query: unknown, extra: readonly string[] = []): RawQuery {
  const raw: RawQuery = {};
  if (!query || typeof query !== 'object') return raw;
  const known = new Set<string>([...TAG_PARAMS, ...SCALAR_PARAMS, ...extra]);
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    if (!known.has(key)) continue;
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    if (values.length > 0) raw[key] = values;
  }
  return raw;
}

/**
 * Tag names of one parameter: repeated, and each value may also list names separated by
 * commas (the form's free-text fields), since no tag name contains a comma.
 */
export function tagNames(values: string[] | undefined): string[] {
  const names = new Map<string, string>();
  for (const value of values ?? []) {
    for (const part of value.split(',')) {
      const name = normalizeTagName(part);
      if (name && !names.has(name.toLowerCase())) names.set(name.toLowerCase(), name);
    }
  }
  return [...names.values()];
}

const whole = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,9}$/, { message: `${label} must be a whole number.` })
    .transform(Number);

const date = (label: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: `${label} must be a date (YYYY-MM-DD).` })
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), { message: `${label} must be a real date.` });

/** A blank field (the form sends every field) means the filter is off. */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const scalarSchema = z.object({
  complete: optional(z.enum(['yes', 'no'], { message: 'Choose complete works, works in progress, or both.' })),
  single_chapter: optional(z.literal('1', { message: 'Single chapter is a checkbox.' })),
  language: optional(z.enum(LANGUAGE_CODES, { message: 'Choose a language from the list.' })),
  words_from: optional(whole('Words from')),
  words_to: optional(whole('Words to')),
  updated_from: optional(date('Updated from')),
  updated_to: optional(date('Updated to')),
  crossovers: optional(z.enum(CROSSOVER_CHOICES, { message: 'Choose how to treat crossovers.' })),
  q: z.string().max(MAX_QUERY_LENGTH, { message: `The search must be at most ${MAX_QUERY_LENGTH} characters.` }).optional(),
  full_text: optional(z.literal('1', { message: 'Search the works’ text is a checkbox.' })),
  sort: optional(z.enum(SORTS, { message: 'Choose a sort order from the list.' })),
  page: z.string().regex(/^[1-9]\d{0,8}$/, { message: 'The page number must be a whole number from 1 up.' }).transform(Number).optional(),
});

export type ParsedListing = { ok: true; filters: ListingFilters } | { ok: false; errors: FieldErrors };

/** Parses a listing's query string; any problem is a field error, shown with the form kept. */
export function parseListingQuery(raw: RawQuery): ParsedListing {
  const errors: FieldErrors = {};
  const single: Record<string, string> = {};
  for (const name of SCALAR_PARAMS) {
    const values = raw[name];
    if (!values) continue;
    if (values.length > 1) errors[name] = name === 'page' ? 'The page number must be a whole number from 1 up.' : `Give ${name.replace('_', ' ')} only once.`;
    else single[name] = values[0]!;
  }
  const parsed = scalarSchema.safeParse(single);
  if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;

  const filters = defaultFilters();
  filters.include = emptyTagNames();
  filters.exclude = emptyTagNames();
  for (const type of FILTER_TAG_TYPES) {
    for (const [param, into] of [[type, filters.include], [excludeParam(type), filters.exclude]] as const) {
      const names = tagNames(raw[param]);
      if (names.length > MAX_TAGS_PER_PARAM) errors[param] = `Name at most ${MAX_TAGS_PER_PARAM} tags in one filter.`;
      else if (names.some((n) => n.length > MAX_TAG_LENGTH)) errors[param] = `Tag names are at most ${MAX_TAG_LENGTH} characters.`;
      into[type] = names;
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };

  const d = parsed.data;
  if (d.words_from !== undefined && d.words_to !== undefined && d.words_from > d.words_to) errors.words_to = 'Words to must not be less than words from.';
  if (d.updated_from !== undefined && d.updated_to !== undefined && d.updated_from > d.updated_to) errors.updated_to = 'Updated to must not be before updated from.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  return {
    ok: true,
    filters: {
      ...filters,
      complete: d.complete ?? null,
      singleChapter: d.single_chapter === '1',
      language: d.language ?? null,
      wordsFrom: d.words_from ?? null,
      wordsTo: d.words_to ?? null,
      updatedFrom: d.updated_from ?? null,
      updatedTo: d.updated_to ?? null,
      crossovers: d.crossovers ?? 'include',
      q: (d.q ?? '').trim(),
      fullText: d.full_text === '1',
      sort: d.sort ?? null,
      page: d.page ?? 1,
    },
  };
}

/**
 * The query string of a filter state, parameters in a fixed order so equal filters give equal
 * URLs (shareable, cacheable). Defaults are left out; page 1 is the address without `page`.
 */
export function listingQueryString(filters: ListingFilters, page = filters.page): string {
  const params = new URLSearchParams();
  for (const type of FILTER_TAG_TYPES) for (const name of filters.include[type]) params.append(type, name);
  for (const type of FILTER_TAG_TYPES) for (const name of filters.exclude[type]) params.append(excludeParam(type), name);
  if (filters.complete) params.append('complete', filters.complete);
  if (filters.singleChapter) params.append('single_chapter', '1');
  if (filters.language) params.append('language', filters.language);
  if (filters.wordsFrom !== null) params.append('words_from', String(filters.wordsFrom));
  if (filters.wordsTo !== null) params.append('words_to', String(filters.wordsTo));
  if (filters.updatedFrom) params.append('updated_from', filters.updatedFrom);
  if (filters.updatedTo) params.append('updated_to', filters.updatedTo);
  if (filters.crossovers !== 'include') params.append('crossovers', filters.crossovers);
  if (filters.q) params.append('q', filters.q);
  if (filters.fullText) params.append('full_text', '1');
  if (filters.sort) params.append('sort', filters.sort);
  if (page > 1) params.append('page', String(page));
  return params.toString();
}

export const listingHref = (base: string, filters: ListingFilters, page = filters.page): string => {
  const query = listingQueryString(filters, page);
  return query ? `${base}?${query}` : base;
};
