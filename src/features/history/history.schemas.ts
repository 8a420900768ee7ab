import { z } from 'zod';

const yesNo = (message: string) => z.enum(['0', '1'], { message }).transform((value) => value === '1');

/** Switching reading history on or off. */
export const historySettingSchema = z.object({ enabled: yesNo('Choose whether to keep your history.') });

/** The work page's "Mark for later" toggle: says which way, so a double click can't undo itself. */
export const laterSchema = z.object({
  later: yesNo('Choose whether to mark the work for later.'),
  return_to: z.string().max(2000).default(''),
});
