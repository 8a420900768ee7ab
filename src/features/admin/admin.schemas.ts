import { z } from 'zod';
import { textField } from '../../platform/http/forms.ts';
import { MAX_TAG_LENGTH } from '../tags/tags.model.ts';
import { normalizeTagName } from '../tags/tags.schemas.ts';
import { GRANTABLE_ROLES } from './admin.model.ts';

export const roleFormSchema = z.object({
  role: z.enum(GRANTABLE_ROLES, { message: 'Choose a role: tag wrangler or admin.' }),
});

export const assignFandomSchema = z.object({
  fandom: textField('Fandom', { max: MAX_TAG_LENGTH, required: true }).transform(normalizeTagName),
});

export const unassignFandomSchema = z.object({
  fandom_id: z.string({ message: 'Choose a fandom.' }).regex(/^\d{1,15}$/, { message: 'Choose a fandom.' }).transform(Number),
});

export const userSearchSchema = z.object({
  q: textField('Name', { max: 40 }).optional().default(''),
});
