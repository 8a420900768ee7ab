import { z } from 'zod';
import { textField } from '../../platform/http/forms.ts';
import { songCreditFields } from '../songs/songs.schemas.ts';

export const LIMITS = {
  title: 255,
  summary: 1250,
  notes: 5000,
  body: 500_000,
} as const;

export const workFormSchema = z.object({
  title: textField('Title', { max: LIMITS.title, required: true }),
  pseud_id: z.string({ message: 'Choose who the work is by.' }).regex(/^\d{1,15}$/, { message: 'Choose who the work is by.' }).transform(Number),
  summary: textField('Summary', { max: LIMITS.summary }).default(''),
  notes: textField('Beginning notes', { max: LIMITS.notes }).default(''),
  end_notes: textField('End notes', { max: LIMITS.notes }).default(''),
  format: z.enum(['html', 'plain'], { message: 'Choose whether the text is HTML or plain text.' }).default('html'),
  body: textField('Work text', { max: LIMITS.body, required: true }),
  ...songCreditFields,
});

export type WorkForm = z.output<typeof workFormSchema>;
