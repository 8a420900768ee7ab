import type { FormValues } from '../../../platform/http/forms.ts';
import { Field, type FieldErrors } from '../../../platform/views/forms.tsx';

/** "How many chapters will this work have?" on the work and new-chapter forms; blank shows as "?". */
export function ExpectedChaptersField({ values, errors, hint }: { values: FormValues; errors: FieldErrors; hint?: string }) {
  return (
    <Field name="expected_chapters" label="Expected number of chapters" errors={errors} hint={hint ?? "A one-shot has 1. Leave blank if you don't know yet; it shows as “?”."}>
      {(p) => <input {...p} type="text" inputMode="numeric" autoComplete="off" class="input-short" value={values.expected_chapters ?? ''} />}
    </Field>
  );
}

/** The chapter version the form was filled from, so a save over someone else's newer one is refused. */
export function LockVersionField({ values }: { values: FormValues }) {
  return values.lock_version === undefined ? null : <input type="hidden" name="lock_version" value={values.lock_version} />;
}
