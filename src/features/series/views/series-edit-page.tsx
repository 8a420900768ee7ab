import type { FormValues } from '../../../platform/http/forms.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { CsrfField, ErrorSummary, Field, titleWithErrors, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { WorkSummary } from '../../works/works.model.ts';
import type { Series } from '../series.model.ts';
import { SERIES_LIMITS } from '../series.schemas.ts';

interface Props {
  ctx: PageContext;
  series: Series;
  works: WorkSummary[];
  values: FormValues;
  errors?: FieldErrors;
}

/** One row per work: its part number, a form to move it, and a button to take it out. */
function ManageWork({ ctx, seriesId, work, part, error, typed }: { ctx: PageContext; seriesId: number; work: WorkSummary; part: number; error?: string | undefined; typed?: string | undefined }) {
  const id = `field-position-${work.id}`;
  return (
    <li class={error ? 'manage-row field-invalid' : 'manage-row'}>
      <p class="manage-title">
        Part {part}: <a href={`/works/${work.id}`}>{work.title}</a>
      </p>
      <div class="inline-controls">
        <form method="post" action={`/series/${seriesId}/works/${work.id}/move`} class="inline-controls">
          <CsrfField ctx={ctx} />
          <label for={id}>New part number<span class="visually-hidden"> for {work.title}</span></label>
          {error ? <p class="field-error" id={`${id}-error`}>{error}</p> : null}
          <input id={id} name="position" type="text" inputMode="numeric" size={4} value={typed ?? String(part)} {...(error ? { 'aria-invalid': 'true', 'aria-describedby': `${id}-error` } : {})} />
          <button type="submit">Move</button>
        </form>
        <form method="post" action={`/series/${seriesId}/works/${work.id}/remove`} class="inline-controls">
          <CsrfField ctx={ctx} />
          <button type="submit" class="button-secondary">Remove<span class="visually-hidden"> {work.title} from the series</span></button>
        </form>
      </div>
    </li>
  );
}

export function SeriesEditPage({ ctx, series, works, values, errors = {} }: Props) {
  return (
    <Layout ctx={ctx} title={titleWithErrors(`Edit series ${series.title}`, errors)}>
      <h1>Edit series “{series.title}”</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action={`/series/${series.id}/edit`} class="stack-form" noValidate>
        <CsrfField ctx={ctx} />
        <Field name="title" label="Series title" errors={errors}>
          {(p) => <input {...p} type="text" required maxLength={SERIES_LIMITS.title} value={values.title ?? ''} />}
        </Field>
        <Field name="summary" label="Summary" errors={errors} hint={`HTML allowed. Up to ${SERIES_LIMITS.summary.toLocaleString('en')} characters.`}>
          {(p) => <textarea {...p} rows={4} maxLength={SERIES_LIMITS.summary} value={values.summary ?? ''} />}
        </Field>
        <Field name="notes" label="Notes" errors={errors} hint="HTML allowed.">
          {(p) => <textarea {...p} rows={4} maxLength={SERIES_LIMITS.notes} value={values.notes ?? ''} />}
        </Field>
        <label class="choice">
          <input type="checkbox" name="complete" value="yes" checked={values.complete === 'yes'} /> This series is complete
        </label>
        <div class="form-actions">
          <button type="submit">Save series</button>
          <a href={`/series/${series.id}`}>Cancel</a>
        </div>
      </form>
      <h2>Works in this series</h2>
      {works.length === 0 ? (
        <p class="empty">There are no works in this series yet. Add one from its work page.</p>
      ) : (
        <ol class="manage-list">
          {works.map((work, index) => (
            <ManageWork key={work.id} ctx={ctx} seriesId={series.id} work={work} part={index + 1} error={errors[`position-${work.id}`]} typed={values[`position-${work.id}`]} />
          ))}
        </ol>
      )}
    </Layout>
  );
}
