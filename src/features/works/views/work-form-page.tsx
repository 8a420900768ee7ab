import { Layout } from '../../../platform/views/layout.tsx';
import { CsrfField, ErrorSummary, Field, titleWithErrors, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { FormValues } from '../../../platform/http/forms.ts';
import type { PseudRecord } from '../../accounts/accounts.repository.ts';
import { ClassificationFields } from '../../tags/views/classification-fields.tsx';
import { LIMITS } from '../works.schemas.ts';
import { PublishingFields } from './publishing-fields.tsx';
import { CommentSettingsFields } from '../../comments/views/comment-settings-fields.tsx';
import { ExpectedChaptersField, LockVersionField } from '../../chapters/views/expected-chapters-field.tsx';
import { LYRICS_HINT, SongCreditFields } from '../../songs/views/song-credit-fields.tsx';

interface Props {
  ctx: PageContext;
  pseuds: PseudRecord[];
  values: FormValues;
  errors?: FieldErrors;
  /** Set when editing an existing work. */
  workId?: number;
  /** True when the work being edited is still a draft. */
  isDraft?: boolean;
}

function Actions({ workId, isDraft }: { workId: number | undefined; isDraft: boolean }) {
  if (workId !== undefined && !isDraft) {
    return (
      <div class="form-actions">
        <button type="submit" name="action" value="post">Save changes</button>
        <a href={`/works/${workId}`}>Cancel</a>
      </div>
    );
  }
  return (
    <div class="form-actions">
      <button type="submit" name="action" value="post">Post</button>
      <button type="submit" name="action" value="preview" class="button-secondary">Preview</button>
      <button type="submit" name="action" value="draft" class="button-secondary">Save as draft</button>
      {workId !== undefined ? <a href={`/works/${workId}`}>Cancel</a> : null}
    </div>
  );
}

export function FormatChoice({ value }: { value: string }) {
  return (
    <fieldset class="field">
      <legend>The text below is</legend>
      <label class="choice">
        <input type="radio" name="format" value="html" checked={value !== 'plain'} /> HTML (for example &lt;p&gt;, &lt;em&gt;, &lt;a&gt;)
      </label>
      <label class="choice">
        <input type="radio" name="format" value="plain" checked={value === 'plain'} /> Plain text: blank lines separate paragraphs
      </label>
    </fieldset>
  );
}

export function WorkFormPage({ ctx, pseuds, values, errors = {}, workId, isDraft = false }: Props) {
  const editing = workId !== undefined;
  const title = editing ? 'Edit work' : 'Post a new work';
  return (
    <Layout ctx={ctx} title={titleWithErrors(title, errors)} islands>
      <h1>{title}</h1>
      {editing ? null : <p class="import-link">Already written elsewhere? <a href="/works/import">Import a work</a> from text, HTML, Word or Markdown.</p>}
      <ErrorSummary errors={errors} />
      <form method="post" action={editing ? `/works/${workId}/edit` : '/works'} class="stack-form work-form" noValidate>
        <CsrfField ctx={ctx} />
        <LockVersionField values={values} />
        <Field name="title" label="Title" errors={errors}>
          {(p) => <input {...p} type="text" required maxLength={LIMITS.title} value={values.title ?? ''} />}
        </Field>
        {editing ? (
          <input type="hidden" name="pseud_id" value={values.pseud_id ?? ''} />
        ) : (
          <Field name="pseud_id" label="Creator (pen name)" errors={errors}>
            {(p) => (
              <select {...p}>
                {pseuds.map((pseud) => (
                  <option key={pseud.id} value={String(pseud.id)} selected={values.pseud_id === String(pseud.id)}>
                    {pseud.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <ClassificationFields values={values} errors={errors} />
        <h2>Text</h2>
        <ExpectedChaptersField values={values} errors={errors} />
        <FormatChoice value={values.format ?? 'html'} />
        <Field name="summary" label="Summary" errors={errors} hint={`Up to ${LIMITS.summary.toLocaleString('en')} characters.`}>
          {(p) => <textarea {...p} rows={4} maxLength={LIMITS.summary} value={values.summary ?? ''} />}
        </Field>
        <Field name="notes" label="Beginning notes" errors={errors}>
          {(p) => <textarea {...p} rows={4} maxLength={LIMITS.notes} value={values.notes ?? ''} />}
        </Field>
        <Field name="body" label="Work text" errors={errors} hint={LYRICS_HINT}>
          {(p) => <textarea {...p} rows={20} required value={values.body ?? ''} />}
        </Field>
        <Field name="end_notes" label="End notes" errors={errors}>
          {(p) => <textarea {...p} rows={4} maxLength={LIMITS.notes} value={values.end_notes ?? ''} />}
        </Field>
        <SongCreditFields values={values} errors={errors} />
        <PublishingFields values={values} errors={errors} />
        <CommentSettingsFields values={values} errors={errors} />
        <Actions workId={workId} isDraft={isDraft} />
      </form>
    </Layout>
  );
}
