import { z } from 'zod';
import { textField } from '../../platform/http/forms.ts';
import { BOOKMARK_LIMITS } from './bookmarks.model.ts';

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

const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((value) => (value === undefined || value.trim() === '' ? null : value.trim()));

/** The filters of a user's bookmarks page; anything malformed is a 400. */
export const bookmarkFiltersSchema = z.object({
  rec: z.literal('1', { message: 'Recs only must be 1 or absent.' }).optional().transform((value) => value === '1'),
  tag: optionalText(BOOKMARK_LIMITS.tagLength),
  fandom: optionalText(200),
  page: z.string().optional(),
});
