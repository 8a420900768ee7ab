import { badRequest, notFound } from './errors.ts';

/** One page of a listing: which rows to fetch and what to tell the reader about them. */
export interface PageWindow {
  page: number;
  pageCount: number;
  perPage: number;
  total: number;
  offset: number;
  /** 1-based positions of the first and last rows on this page (0 and 0 when there are none). */
  first: number;
  last: number;
}

/**
 * The `?page=` of a listing: absent means 1; anything but a whole number from 1 (a word,
 * 0, -1, 1.5, two values) is a 400, as other malformed input is.
 */
export function parsePage(raw: unknown): number {
  if (raw === undefined) return 1;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,8}$/.test(raw)) throw badRequest('The page number must be a whole number from 1 up.');
  return Number(raw);
}

/**
 * The window for page `page` of `total` rows. A page past the last one is not found, except
 * page 1 of an empty listing. Offsets are fine at our sizes; deep pages of big listings want
 * keyset paging (the browse issue).
 */
export function pageWindow(page: number, perPage: number, total: number): PageWindow {
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  if (page > pageCount) throw notFound('page');
  const offset = (page - 1) * perPage;
  return { page, pageCount, perPage, total, offset, first: total === 0 ? 0 : offset + 1, last: Math.min(total, offset + perPage) };
}
