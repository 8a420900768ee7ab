import { z } from 'zod';
import type { FieldErrors } from '../views/forms.tsx';
import type { FormBody } from './form-body.ts';

export type FormValues = Record<string, string>;

export type FormResult<T> =
  | { ok: true; data: T; values: FormValues }
  | { ok: false; errors: FieldErrors; values: FormValues };

/** A text field: trimmed, with a length limit and messages that name the field. */
export function textField(label: string, options: { max: number; required?: boolean; min?: number }) {
  let schema = z.string({ message: `${label} must be text.` }).trim();
  if (options.required) schema = schema.min(options.min ?? 1, { message: options.min && options.min > 1 ? `${label} must be at least ${options.min} characters.` : `${label} can't be blank.` });
  return schema.max(options.max, { message: `${label} must be at most ${options.max.toLocaleString('en')} characters.` });
}

/** Separates the values of a multi-value field (checkboxes) in FormValues. */
export const LIST_SEPARATOR = '\n';

/** The values of a multi-value field kept in FormValues. */
export function listValue(values: FormValues, name: string): string[] {
  const value = values[name];
  return value ? value.split(LIST_SEPARATOR) : [];
}

/**
 * Keeps each field as the user typed it, to fill the form again after an error: the
 * first value, or for the named multi-value fields every value joined by a newline.
 */
function formValues(body: unknown, lists: readonly string[]): FormValues {
  const values: FormValues = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body as FormBody)) {
      if (key === '_csrf') continue;
      const all = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
      if (all.length === 0) continue;
      values[key] = lists.includes(key) ? all.join(LIST_SEPARATOR) : all[0]!;
    }
  }
  return values;
}

/** Validates a form body with a zod schema. Fields named in `lists` reach the schema as arrays. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown, lists: readonly string[] = []): FormResult<z.output<S>> {
  const values = formValues(body, lists);
  const input: Record<string, string | string[]> = { ...values };
  for (const name of lists) input[name] = listValue(values, name);
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values };
}
