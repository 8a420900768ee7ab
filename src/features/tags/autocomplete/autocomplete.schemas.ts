import { z } from 'zod';
import { FREE_TAG_TYPES, MAX_TAG_LENGTH } from '../tags.model.ts';
import { normalizeTagName } from '../tags.schemas.ts';

/** The query string of GET /tags/autocomplete: a free tag type and the text typed so far. */
export const autocompleteQuery = z.object({
  type: z.enum(FREE_TAG_TYPES, { message: `type must be one of: ${FREE_TAG_TYPES.join(', ')}.` }),
  q: z
    .string({ message: 'q must be the text typed so far.' })
    .refine((text) => !text.includes('\0'), { message: 'q must not contain NUL.' })
    .transform(normalizeTagName)
    .refine((text) => text !== '', { message: 'q must not be empty.' })
    .refine((text) => text.length <= MAX_TAG_LENGTH, { message: `q must be at most ${MAX_TAG_LENGTH} characters.` }),
});
