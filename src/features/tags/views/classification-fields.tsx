import { listValue, type FormValues } from '../../../platform/http/forms.ts';
import { CheckboxGroup } from '../../../platform/views/choice-fields.tsx';
import { Field, type FieldErrors } from '../../../platform/views/forms.tsx';
import { LANGUAGES } from '../../works/languages.ts';
import { CATEGORIES, RATINGS, WARNINGS, type FreeTagType } from '../tags.model.ts';

interface Props {
  values: FormValues;
  errors: FieldErrors;
}

const TAG_HINT = 'Separate tags with commas.';

/** `type` turns on tag suggestions for the field (features/tags/autocomplete/autocomplete.island.tsx). */
function TagField({ name, label, type, values, errors, hint = TAG_HINT }: Props & { name: string; label: string; type: FreeTagType; hint?: string }) {
  return (
    <Field name={name} label={label} errors={errors} hint={hint}>
      {(p) => <input {...p} type="text" autoComplete="off" data-tag-autocomplete={type} value={values[name] ?? ''} />}
    </Field>
  );
}

/** Rating, archive warnings, categories, the free tags and language: AO3's classification block. */
export function ClassificationFields({ values, errors }: Props) {
  return (
    <section class="form-section" aria-labelledby="classification-heading">
      <h2 id="classification-heading">Tags</h2>
      <Field name="rating" label="Rating" errors={errors}>
        {(p) => (
          <select {...p} required>
            <option value="" selected={!values.rating}>Choose a rating</option>
            {RATINGS.map((rating) => (
              <option key={rating} value={rating} selected={values.rating === rating}>{rating}</option>
            ))}
          </select>
        )}
      </Field>
      <CheckboxGroup name="warnings" legend="Archive warnings" hint="Choose at least one." options={WARNINGS} selected={listValue(values, 'warnings')} errors={errors} />
      <TagField name="fandoms" label="Fandoms" type="fandom" hint="At least one. Separate fandoms with commas." values={values} errors={errors} />
      <CheckboxGroup name="categories" legend="Categories" options={CATEGORIES} selected={listValue(values, 'categories')} errors={errors} />
      <TagField name="relationships" label="Relationships" type="relationship" values={values} errors={errors} />
      <TagField name="characters" label="Characters" type="character" values={values} errors={errors} />
      <TagField name="freeforms" label="Additional tags" type="freeform" values={values} errors={errors} />
      <Field name="language" label="Language" errors={errors}>
        {(p) => (
          <select {...p}>
            {LANGUAGES.map((language) => (
              <option key={language.code} value={language.code} lang={language.code} selected={(values.language ?? 'en') === language.code}>
                {language.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </section>
  );
}
