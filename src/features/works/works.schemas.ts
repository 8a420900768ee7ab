import { z } from 'zod';
import { textField } from '../../platform/http/forms.ts';
import { CATEGORIES, MAX_FREE_TAGS_PER_WORK, RATINGS, WARNINGS } from '../tags/tags.model.ts';
import { tagListField } from '../tags/tags.schemas.ts';
import { LANGUAGE_CODES } from './languages.ts';
import { expectedChaptersField, lockVersionField } from '../chapters/chapter-fields.ts';
import { songCreditFields } from '../songs/songs.schemas.ts';
import { commentSettingsFields } from '../comments/comments.schemas.ts';

export const LIMITS = {
  title: 255,
  summary: 1250,
  notes: 5000,
  /** Per chapter, as AO3: at least 10 and at most 510,000 characters. */
  body: 510_000,
  bodyMin: 10,
} as const;

/** Checkbox fields of the work form, which arrive as lists. */
export const WORK_FORM_LISTS = ['warnings', 'categories'] as const;

const todayUtc = () => new Date().toISOString().slice(0, 10);

const publishedOn = z
  .string()
  .trim()
  .default('')
  .refine((value) => value === '' || (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))), {
    message: 'Publication date must be a date like 2024-05-31.',
  })
  .refine((value) => value === '' || value >= '1900-01-01', { message: 'Publication date must be after 1900.' })
  .refine((value) => value === '' || value <= todayUtc(), { message: "Publication date can't be in the future." })
  .transform((value) => (value === '' ? null : new Date(`${value}T12:00:00Z`)));

export const workFormSchema = z
  .object({
    title: textField('Title', { max: LIMITS.title, required: true }),
    pseud_id: z.string({ message: 'Choose who the work is by.' }).regex(/^\d{1,15}$/, { message: 'Choose who the work is by.' }).transform(Number),
    rating: z.enum(RATINGS, { message: 'Choose a rating.' }),
    warnings: z.array(z.enum(WARNINGS, { message: 'Choose archive warnings from the list.' })).min(1, { message: 'Choose at least one archive warning.' }),
    categories: z.array(z.enum(CATEGORIES, { message: 'Choose categories from the list.' })).default([]),
    fandoms: tagListField('Fandoms', { required: true }),
    relationships: tagListField('Relationships'),
    characters: tagListField('Characters'),
    freeforms: tagListField('Additional tags'),
    language: z.enum(LANGUAGE_CODES, { message: 'Choose a language from the list.' }).default('en'),
    restricted: z.literal('1', { message: 'Members-only must be ticked or not.' }).optional().transform((value) => value === '1'),
    published_on: publishedOn,
    summary: textField('Summary', { max: LIMITS.summary }).default(''),
    notes: textField('Beginning notes', { max: LIMITS.notes }).default(''),
    end_notes: textField('End notes', { max: LIMITS.notes }).default(''),
    format: z.enum(['html', 'plain'], { message: 'Choose whether the text is HTML or plain text.' }).default('html'),
    body: textField('Work text', { max: LIMITS.body, min: LIMITS.bodyMin, required: true }),
    expected_chapters: expectedChaptersField,
    /** Version of chapter 1 the edit form was filled from; a form that omits it is not checked. */
    lock_version: lockVersionField.optional(),
    action: z.enum(['post', 'draft', 'preview'], { message: 'Choose Post, Preview or Save as draft.' }).default('post'),
    ...songCreditFields,
    ...commentSettingsFields,
  })
  .superRefine((form, ctx) => {
    if (form.warnings.includes('No Archive Warnings Apply') && form.warnings.some((w) => w !== 'No Archive Warnings Apply' && w !== 'Creator Chose Not To Use Archive Warnings')) {
      ctx.addIssue({ code: 'custom', path: ['warnings'], message: '“No Archive Warnings Apply” can’t be combined with a specific warning.' });
    }
    const freeTags = form.fandoms.length + form.relationships.length + form.characters.length + form.freeforms.length;
    if (freeTags > MAX_FREE_TAGS_PER_WORK) {
      ctx.addIssue({ code: 'custom', path: ['freeforms'], message: `A work can have at most ${MAX_FREE_TAGS_PER_WORK} fandom, relationship, character and additional tags in all (this one has ${freeTags}).` });
    }
  });

export type WorkForm = z.output<typeof workFormSchema>;
