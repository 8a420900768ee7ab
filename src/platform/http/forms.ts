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

/** Keeps the first value of each field as the user typed it, to fill the form again after an error. */
function formValues(body: unknown): FormValues {
  const values: FormValues = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body as FormBody)) {
      if (key === '_csrf') continue;
      const first = Array.isArray(value) ? value[0] : value;
      if (typeof first === 'string') values[key] = first;
    }
  }
  return values;
}

export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.output<S>> {
  const values = formValues(body);
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return { ok: false, errors, values };
}
