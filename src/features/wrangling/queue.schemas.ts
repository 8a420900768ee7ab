import { z } from 'zod';
import { BULK_ACTIONS, QUEUE_TYPES } from './queue.model.ts';

/** Page numbers in addresses: whole numbers from 1; anything else is a bad request. */
const pageNumber = z
  .string()
  .regex(/^[1-9]\d{0,5}$/, { message: 'The page must be a whole number from 1.' })
  .transform(Number);

/** The queue's address: `?type=character&page=2`. */
export const queueQuerySchema = z.object({
  type: z.enum(QUEUE_TYPES, { message: 'Choose characters, relationships or additional tags.' }).default('character'),
  page: pageNumber.default(1),
});

/** Most tags one bulk action may change: a page of the queue, with room to spare. */
export const MAX_BULK_TAGS = 200;

export const bulkFormSchema = z.object({
  action: z.enum(BULK_ACTIONS, { message: 'Choose what to do with the tags.' }),
  tag_ids: z
    .array(z.string().regex(/^\d{1,15}$/, { message: 'Choose tags from the list.' }).transform(Number))
    .min(1, { message: 'Choose at least one tag.' })
    .max(MAX_BULK_TAGS, { message: `Choose at most ${MAX_BULK_TAGS} tags at a time.` })
    .transform((ids) => [...new Set(ids)]),
  type: z.enum(QUEUE_TYPES).default('character'),
  page: pageNumber.default(1),
});

export const BULK_FORM_LISTS = ['tag_ids'] as const;

/** The dashboard's fandom search: `?q=star`. */
export const fandomSearchSchema = z.object({
  q: z.string({ message: 'Search for one fandom name.' }).trim().max(150, { message: 'Search with at most 150 characters.' }).default(''),
});
