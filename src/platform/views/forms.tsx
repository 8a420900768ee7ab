import type { ComponentChildren } from 'preact';
import type { FormValues } from '../http/forms.ts';
import type { PageContext } from './page-context.ts';

export type FieldErrors = Partial<Record<string, string>>;

/** Page titles announce errors first, so screen-reader users hear them on load. */
export function titleWithErrors(title: string, errors: FieldErrors): string {
  return Object.values(errors).some(Boolean) ? `Error: ${title}` : title;
}

/** A member's CSRF token; nothing on a guest's page, whose posts are checked by origin instead. */
export function CsrfField({ ctx }: { ctx: PageContext }) {
  return ctx.csrfToken ? <input type="hidden" name="_csrf" value={ctx.csrfToken} /> : null;
}

export function ErrorSummary({ errors }: { errors: FieldErrors }) {
  const entries = Object.entries(errors).filter((entry): entry is [string, string] => Boolean(entry[1]));
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">Please fix {entries.length === 1 ? 'this problem' : 'these problems'}:</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}><a href={`#field-${field}`}>{message}</a></li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  /** Ids are `<idPrefix>-<name>`; a page with several copies of one form (the inbox's replies) gives each its own prefix. */
  idPrefix?: string;
  name: string;
  label: string;
  errors: FieldErrors;
  hint?: string;
  children: (props: { id: string; name: string; 'aria-invalid'?: 'true'; 'aria-describedby'?: string }) => ComponentChildren;
}

/** A labelled control with its hint and error message wired up for screen readers. */
export function Field({ idPrefix = 'field', name, label, errors, hint, children }: FieldProps) {
  const id = `${idPrefix}-${name}`;
  const error = errors[name];
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field-invalid' : 'field'}>
      <label for={id}>{label}</label>
      {hint ? <p class="hint" id={`${id}-hint`}>{hint}</p> : null}
      {error ? <p class="field-error" id={`${id}-error`}>{error}</p> : null}
      {children({
        id,
        name,
        ...(error ? { 'aria-invalid': 'true' as const } : {}),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
    </div>
  );
}

/** A checkbox that sends "1", with its hint read out with it. */
export function CheckboxField({ name, label, hint, values }: { name: string; label: string; hint: string; values: FormValues }) {
  return (
    <div class="field">
      <label class="choice" for={`field-${name}`}>
        <input type="checkbox" id={`field-${name}`} name={name} value="1" checked={values[name] === '1'} aria-describedby={`field-${name}-hint`} /> {label}
      </label>
      <p class="hint" id={`field-${name}-hint`}>{hint}</p>
    </div>
  );
}
