import { z } from 'zod';
import { textField } from '../../platform/http/forms.ts';
import { LIMITS } from '../works/works.schemas.ts';
import { expectedChaptersField, lockVersionField } from './chapter-fields.ts';
import type { ChapterHeading } from './chapters.model.ts';

const chapterFields = {
  title: textField('Chapter title', { max: LIMITS.title }).default(''),
  summary: textField('Chapter summary', { max: LIMITS.summary }).default(''),
  notes: textField('Beginning notes', { max: LIMITS.notes }).default(''),
  end_notes: textField('End notes', { max: LIMITS.notes }).default(''),
  format: z.enum(['html', 'plain'], { message: 'Choose whether the text is HTML or plain text.' }).default('html'),
  body: textField('Chapter text', { max: LIMITS.body, min: LIMITS.bodyMin, required: true }),
};

export const newChapterSchema = z.object({ ...chapterFields, expected_chapters: expectedChaptersField });
export const editChapterSchema = z.object({ ...chapterFields, lock_version: lockVersionField });

export type NewChapterForm = z.output<typeof newChapterSchema>;
export type EditChapterForm = z.output<typeof editChapterSchema>;
export type ChapterForm = NewChapterForm | EditChapterForm;

export const positionFieldName = (chapterId: number) => `position_${chapterId}`;

/**
 * The reorder form has one number per chapter. A chapter missing from the form (added
 * since it was loaded) keeps its place.
 */
export function reorderSchema(chapters: ChapterHeading[]) {
  const n = chapters.length;
  const message = `Chapter numbers must be whole numbers from 1 to ${n}.`;
  const position = z
    .string({ message })
    .trim()
    .regex(/^\d{1,6}$/, { message })
    .transform(Number)
    .refine((value) => value >= 1 && value <= n, { message })
    .optional();
  return z.object(Object.fromEntries(chapters.map((chapter) => [positionFieldName(chapter.id), position])));
}

/**
 * The new order of chapter ids, always 1..n. Chapters given a new number take that
 * place (the first free one from there, if two ask for the same); the others keep
 * their current order in the places left, so "move chapter 3 to 1" does what it says.
 */
export function orderFromRequest(chapters: ChapterHeading[], requested: Record<string, number | undefined>): number[] {
  const slots: (number | undefined)[] = new Array<number | undefined>(chapters.length).fill(undefined);
  const wanted = (chapter: ChapterHeading) => requested[positionFieldName(chapter.id)] ?? chapter.position;
  const moved = chapters.filter((chapter) => wanted(chapter) !== chapter.position).sort((a, b) => wanted(a) - wanted(b) || a.position - b.position);
  for (const chapter of moved) {
    const from = Math.min(wanted(chapter), chapters.length) - 1;
    const later = slots.findIndex((id, index) => index >= from && id === undefined);
    slots[later === -1 ? slots.lastIndexOf(undefined) : later] = chapter.id;
  }
  const staying = chapters.filter((chapter) => !moved.includes(chapter)).sort((a, b) => a.position - b.position);
  for (const chapter of staying) slots[slots.indexOf(undefined)] = chapter.id;
  return slots.filter((id): id is number => id !== undefined);
}
