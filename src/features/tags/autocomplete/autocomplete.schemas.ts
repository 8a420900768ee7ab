import { z } from 'zod';
import { FREE_TAG_TYPES, MAX_TAG_LENGTH, MEDIA, type FreeTagType } from '../tags.model.ts';
import { normalizeTagName } from '../tags.schemas.ts';

/** The types a field may ask for: free tags, and media (a fandom's parents on the wrangle screen). */
export const SUGGESTED_TYPES = [...FREE_TAG_TYPES, MEDIA] as const;
export type SuggestedType = FreeTagType | typeof MEDIA;

const typeMessage = `type must be one of ${SUGGESTED_TYPES.join(', ')}, or several of them separated by commas.`;

/**
 * The query string of GET /tags/autocomplete: the tag type (or types, comma-separated, for a
 * field such as a relationship's parent, which may be a fandom or a character) and the text typed so far.
 */
export const autocompleteQuery = z.object({
  type: z
    .string({ message: typeMessage })
    .transform((raw) => [...new Set(raw.split(','))])
    .pipe(z.array(z.enum(SUGGESTED_TYPES, { message: typeMessage })).min(1, { message: typeMessage })),
  q: z
    .string({ message: 'q must be the text typed so far.' })
    .refine((text) => !text.includes('\0'), { message: 'q must not contain NUL.' })
    .transform(normalizeTagName)
    .refine((text) => text !== '', { message: 'q must not be empty.' })
    .refine((text) => text.length <= MAX_TAG_LENGTH, { message: `q must be at most ${MAX_TAG_LENGTH} characters.` }),
});
