import { z } from 'zod';
import { textField, type FormValues } from '../../platform/http/forms.ts';
import { COMMENT_MAX, type CommentSettings } from './comments.model.ts';

/** The comment settings on the work form; see commentSettingsOf. */
export const commentSettingsFields = {
  comment_permission: z.enum(['everyone', 'members', 'nobody'], { message: 'Choose who may comment.' }).optional(),
  moderate_comments: z.literal('1', { message: 'Moderation must be ticked or not.' }).optional(),
};

/**
 * The settings a work form sent. A form without the fieldset (an import, a test builder) sends
 * neither field: a new work then gets the defaults and an edit keeps what the work had.
 */
export function commentSettingsOf(form: { comment_permission?: CommentSettings['permission'] | undefined; moderate_comments?: '1' | undefined }): CommentSettings | undefined {
  if (form.comment_permission === undefined) return undefined;
  return { permission: form.comment_permission, moderated: form.moderate_comments === '1' };
}

export function commentSettingsFormValues(settings: CommentSettings): FormValues {
  return { comment_permission: settings.permission, ...(settings.moderated ? { moderate_comments: '1' } : {}) };
}

/** CR, LF, NUL and every other control character, plus the Unicode line and paragraph separators. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const body = textField('Comment', { max: COMMENT_MAX, required: true });
const idField = (message: string) => z.string({ message }).regex(/^\d{1,15}$/, { message }).transform(Number);
/** The honeypot: humans leave it empty (it is hidden from them); bots fill it in. */
const honeypot = z.string().optional();
/** Where a reply from the inbox goes back to: the inbox only, never an outside address. */
const returnTo = z
  .string()
  .regex(/^\/inbox(\?page=[1-9]\d{0,8})?$/, { message: 'Unknown return address.' })
  .optional();
const chapterId = idField('Unknown chapter.').optional();

export const memberCommentSchema = z.object({
  body,
  pseud_id: idField('Choose which of your pen names to comment as.'),
  homepage: honeypot,
  chapter_id: chapterId,
  return_to: returnTo,
});

export const guestCommentSchema = z.object({
  body,
  // Checked before trimming, so a name ending in a line break is refused, not quietly trimmed.
  name: z
    .string({ message: 'Name must be text.' })
    .refine((value) => !CONTROL_CHARACTERS.test(value), { message: "Name can't contain line breaks or other control characters." })
    .pipe(textField('Name', { max: 100, required: true })),
  email: z
    .string({ message: 'Email must be text.' })
    .trim()
    .min(1, { message: "Email can't be blank: it is never shown, but the archive needs it." })
    .max(254, { message: 'Email must be at most 254 characters.' })
    .pipe(z.email({ message: 'Enter an email address like name@example.org.' })),
  homepage: honeypot,
  chapter_id: chapterId,
  return_to: returnTo,
});

export const editCommentSchema = z.object({ body });

export type MemberCommentForm = z.output<typeof memberCommentSchema>;
export type GuestCommentForm = z.output<typeof guestCommentSchema>;
export type CommentForm = MemberCommentForm | GuestCommentForm;

/** Distinct web addresses in what was typed: links, and bare addresses a reader might copy. */
export function countLinks(typed: string): number {
  const found = typed.match(/(?:https?:\/\/|www\.|mailto:)[^\s"'<>]+/gi) ?? [];
  return new Set(found.map((link) => link.toLowerCase().replace(/[.,;:!?)]+$/, ''))).size;
}
