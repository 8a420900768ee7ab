import { z } from 'zod';
import { textField } from '../../platform/http/forms.ts';

export const SERIES_LIMITS = {
  title: 240,
  summary: 1250,
  notes: 5000,
} as const;

const idField = (message: string) => z.string({ message }).regex(/^\d{1,15}$/, { message }).transform(Number);

/** A position typed by a person: a whole number from 1; blank means "at the end" where allowed. */
const positionField = z
  .string({ message: 'Position must be a whole number.' })
  .trim()
  .regex(/^\d{0,6}$/, { message: 'Position must be a whole number, like 1 or 2.' })
  .refine((value) => value === '' || Number(value) >= 1, { message: 'Position must be 1 or more.' });

export const seriesFormSchema = z.object({
  title: textField('Series title', { max: SERIES_LIMITS.title, required: true }),
  summary: textField('Summary', { max: SERIES_LIMITS.summary }).default(''),
  notes: textField('Notes', { max: SERIES_LIMITS.notes }).default(''),
  // A checkbox: sent only when ticked.
  complete: z.literal('yes', { message: 'Complete must be ticked or not.' }).optional(),
});

export const addToSeriesSchema = z
  .object({
    series_id: z.union([z.literal('new'), idField('Choose a series.')], { message: 'Choose a series, or a new one.' }),
    new_series_title: textField('New series title', { max: SERIES_LIMITS.title }).default(''),
    position: positionField.default(''),
  })
  .superRefine((form, ctx) => {
    if (form.series_id === 'new' && form.new_series_title === '') {
      ctx.addIssue({ code: 'custom', path: ['new_series_title'], message: 'Give the new series a title.' });
    }
  });

export const moveSchema = z.object({
  position: positionField.refine((value) => value !== '', { message: 'Position must be a whole number, like 1 or 2.' }),
});

export type SeriesForm = z.output<typeof seriesFormSchema>;
export type AddToSeriesForm = z.output<typeof addToSeriesSchema>;
