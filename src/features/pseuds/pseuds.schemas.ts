import { z } from 'zod';
import { textField } from '../../platform/http/forms.ts';

export const PSEUD_NAME_MAX = 40;

export const pseudNameField = textField('Pen name', { max: PSEUD_NAME_MAX, required: true })
  .transform((name) => name.replace(/\s+/g, ' '))
  .pipe(
    z.string().regex(/^[\p{L}\p{N}\p{M} _-]+$/u, { message: 'Pen name may use only letters, numbers, spaces, underscores and hyphens.' }),
  );

export const pseudFormSchema = z.object({ name: pseudNameField });

export const deletePseudSchema = z.object({
  // Ticked to move the pseud's works and series to the default pseud first.
  move_works: z.literal('yes', { message: 'Choose whether to move the works.' }).optional(),
});

export type PseudForm = z.output<typeof pseudFormSchema>;
