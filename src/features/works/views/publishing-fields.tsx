import type { FormValues } from '../../../platform/http/forms.ts';
import { Field, type FieldErrors } from '../../../platform/views/forms.tsx';

/** Who may read the work, and when it was published. */
export function PublishingFields({ values, errors }: { values: FormValues; errors: FieldErrors }) {
  return (
    <section class="form-section" aria-labelledby="publishing-heading">
      <h2 id="publishing-heading">Publishing</h2>
      <div class={errors.restricted ? 'field field-invalid' : 'field'}>
        <label class="choice" for="field-restricted">
          <input type="checkbox" id="field-restricted" name="restricted" value="1" checked={values.restricted === '1'} aria-describedby="field-restricted-hint" /> Only show
          to members of the archive
        </label>
        <p class="hint" id="field-restricted-hint">Guests won't see this work anywhere, not even in listings.</p>
      </div>
      <Field name="published_on" label="Publication date (optional)" errors={errors} hint="Set a past date to backdate a work first posted elsewhere. Leave blank for today.">
        {(p) => <input {...p} type="date" value={values.published_on ?? ''} />}
      </Field>
    </section>
  );
}
