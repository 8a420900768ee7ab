import type { ComponentChildren } from 'preact';
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
  name: string;
  label: string;
  errors: FieldErrors;
  hint?: string;
  children: (props: { id: string; name: string; 'aria-invalid'?: 'true'; 'aria-describedby'?: string }) => ComponentChildren;
}

/** A labelled control with its hint and error message wired up for screen readers. */
export function Field({ name, label, errors, hint, children }: FieldProps) {
  const id = `field-${name}`;
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
