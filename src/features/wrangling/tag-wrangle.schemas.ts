import { z } from 'zod';
import { normalizeTagName, parseTagList } from '../tags/tags.schemas.ts';

const TRAILING_SEPARATORS = /[\s,，、]+$/u;

/**
 * One tag name typed into a wrangle form: normalized, and held to the rules of any tag name
 * (so a name that can't exist is refused before it is looked up). A comma inside is refused
 * rather than split: each form names exactly one tag. A trailing one is dropped, as the tag
 * autocomplete island leaves "Name, " in a field after a suggestion is chosen.
 */
export function tagNameField(label: string) {
  return z
    .string({ message: `${label} must be text.` })
    .max(1_000, { message: `${label} is too long.` })
    .default('')
    .transform((raw, ctx) => {
      const name = normalizeTagName(raw.replace(TRAILING_SEPARATORS, ''));
      const parsed = parseTagList(name, label);
      if (name === '') ctx.addIssue({ code: 'custom', message: `${label} can't be blank.` });
      else if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
      else if (parsed.names.length !== 1 || parsed.names[0] !== name) ctx.addIssue({ code: 'custom', message: `${label}: a tag name can't contain a comma.` });
      else return name;
      return z.NEVER;
    });
}

const tagIdField = z
  .string({ message: 'Choose a tag.' })
  .regex(/^\d{1,15}$/, { message: 'Choose a tag.' })
  .transform(Number);

/** Each action's form, by the last part of its address: /tags/:type/:name/wrangle/:action. */
export const WRANGLE_FORMS = {
  canonical: z.object({}),
  synonym: z.object({ synonym_of: tagNameField('Canonical tag') }),
  'add-parent': z.object({ parent: tagNameField('Parent tag') }),
  'remove-parent': z.object({ tag_id: tagIdField }),
  'add-meta': z.object({ meta: tagNameField('Meta-tag') }),
  'add-sub': z.object({ sub: tagNameField('Sub-tag') }),
  'remove-meta': z.object({ tag_id: tagIdField }),
  'remove-sub': z.object({ tag_id: tagIdField }),
  rename: z.object({ new_name: tagNameField('New name') }),
  merge: z.object({ merge_into: tagNameField('Canonical tag to merge into') }),
  unwrangleable: z.object({ value: z.enum(['yes', 'no'], { message: 'Choose whether the tag is unwrangleable.' }) }),
} as const;

export type WrangleAction = keyof typeof WRANGLE_FORMS;
export type WrangleForm<A extends WrangleAction> = z.output<(typeof WRANGLE_FORMS)[A]>;

export const isWrangleAction = (value: string): value is WrangleAction => Object.hasOwn(WRANGLE_FORMS, value);

/**
 * Where each action's errors are shown: its input, or (for buttons without one) the
 * message slot of its section. The page gives each the id `field-<key>`.
 */
export const ERROR_KEY: Record<WrangleAction, string> = {
  canonical: 'canonical',
  synonym: 'synonym_of',
  'add-parent': 'parent',
  'remove-parent': 'remove_parent',
  'add-meta': 'meta',
  'add-sub': 'sub',
  'remove-meta': 'remove_meta',
  'remove-sub': 'remove_sub',
  rename: 'new_name',
  merge: 'merge_into',
  unwrangleable: 'unwrangleable',
};
