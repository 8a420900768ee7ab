import type { FormValues } from '../../../platform/http/forms.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { CsrfField, ErrorSummary, Field, titleWithErrors, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { Work } from '../../works/works.model.ts';
import type { SeriesOption } from '../series.model.ts';
import { SERIES_LIMITS } from '../series.schemas.ts';

interface Props {
  ctx: PageContext;
  work: Work;
  series: SeriesOption[];
  values: FormValues;
  errors?: FieldErrors;
}

export function AddToSeriesPage({ ctx, work, series, values, errors = {} }: Props) {
  const chosen = values.series_id ?? (series.length > 0 ? String(series[0]!.id) : 'new');
  return (
    <Layout ctx={ctx} title={titleWithErrors(`Add ${work.title} to a series`, errors)}>
      <h1>Add “{work.title}” to a series</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action={`/works/${work.id}/series`} class="stack-form" noValidate>
        <CsrfField ctx={ctx} />
        <Field name="series_id" label="Series" errors={errors}>
          {(p) => (
            <select {...p}>
              {series.map((s) => (
                <option key={s.id} value={String(s.id)} selected={chosen === String(s.id)}>
                  {s.title}
                </option>
              ))}
              <option value="new" selected={chosen === 'new'}>A new series (title below)</option>
            </select>
          )}
        </Field>
        <Field name="new_series_title" label="New series title" errors={errors} hint="Only needed when you start a new series.">
          {(p) => <input {...p} type="text" maxLength={SERIES_LIMITS.title} value={values.new_series_title ?? ''} />}
        </Field>
        <Field name="position" label="Part number" errors={errors} hint="Leave blank to add it at the end.">
          {(p) => <input {...p} type="text" inputMode="numeric" size={6} value={values.position ?? ''} />}
        </Field>
        <div class="form-actions">
          <button type="submit">Add to series</button>
          <a href={`/works/${work.id}`}>Cancel</a>
        </div>
      </form>
    </Layout>
  );
}
