import { z } from 'zod';

/** Most chapters a work can expect; far beyond any real work, it only keeps the number sane. */
export const MAX_EXPECTED_CHAPTERS = 9999;

const expectedMessage = `Expected chapters must be a whole number from 1 to ${MAX_EXPECTED_CHAPTERS.toLocaleString('en')}, or blank if you don't know yet.`;

/**
 * "How many chapters will this work have?": blank (or "?") means unknown. A form that
 * doesn't send the field at all leaves the count as it is (undefined).
 */
export const expectedChaptersField = z
  .string({ message: expectedMessage })
  .trim()
  .transform((value, ctx) => {
    if (value === '' || value === '?') return null;
    const n = /^\d{1,6}$/.test(value) ? Number(value) : NaN;
    if (!(n >= 1 && n <= MAX_EXPECTED_CHAPTERS)) {
      ctx.addIssue({ code: 'custom', message: expectedMessage });
      return z.NEVER;
    }
    return n;
  })
  .optional();

/** The version of the chapter the edit form was filled from (a hidden field). */
export const lockVersionField = z
  .string({ message: 'This form is out of date. Reload the page and try again.' })
  .regex(/^\d{1,9}$/, { message: 'This form is out of date. Reload the page and try again.' })
  .transform(Number);

/** The field error when a writer expects fewer chapters than are already posted. */
export function expectedChaptersError(expected: number | null | undefined, posted: number): string | undefined {
  if (expected === null || expected === undefined || expected >= posted) return undefined;
  return `Expected chapters can't be fewer than the ${posted} chapter${posted === 1 ? '' : 's'} already posted.`;
}

export const conflictMessage = (what: 'chapter' | 'work') =>
  `Someone else saved this ${what} while you were editing. Copy your changes, reload, and try again.`;

export const ONLY_CHAPTER_MESSAGE = "A work needs at least one chapter, so its only chapter can't be deleted. To remove it, delete the whole work instead.";
