import type { FormValues } from '../../../platform/http/forms.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { CsrfField, ErrorSummary, Field, titleWithErrors, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { Work } from '../../works/works.model.ts';
import { LIMITS } from '../../works/works.schemas.ts';
import { FormatChoice } from '../../works/views/work-form-page.tsx';
import { chapterUrl } from './chapter-nav.tsx';
import { ExpectedChaptersField, LockVersionField } from './expected-chapters-field.tsx';

interface Props {
  ctx: PageContext;
  work: Pick<Work, 'id' | 'title' | 'chapterCount'>;
  values: FormValues;
  errors?: FieldErrors;
  /** Set when editing an existing chapter. */
  chapter?: { id: number; position: number };
}

export function ChapterFormPage({ ctx, work, values, errors = {}, chapter }: Props) {
  const title = chapter ? `Edit chapter ${chapter.position} of “${work.title}”` : `Add a chapter to “${work.title}”`;
  const action = chapter ? `${chapterUrl(work.id, chapter.id)}/edit` : `/works/${work.id}/chapters`;
  const cancel = chapter ? chapterUrl(work.id, chapter.id) : `/works/${work.id}`;
  return (
    <Layout ctx={ctx} title={titleWithErrors(title, errors)}>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action={action} class="stack-form work-form" noValidate>
        <CsrfField ctx={ctx} />
        <LockVersionField values={values} />
        <Field name="title" label="Chapter title" errors={errors} hint="Optional.">
          {(p) => <input {...p} type="text" maxLength={LIMITS.title} value={values.title ?? ''} />}
        </Field>
        {chapter ? null : (
          <ExpectedChaptersField values={values} errors={errors} hint={`This will be chapter ${work.chapterCount + 1}. Leave blank if you don't know how many there will be; it shows as “?”.`} />
        )}
        <FormatChoice value={values.format ?? 'html'} />
        <Field name="summary" label="Chapter summary" errors={errors} hint={`Optional. Up to ${LIMITS.summary.toLocaleString('en')} characters.`}>
          {(p) => <textarea {...p} rows={3} maxLength={LIMITS.summary} value={values.summary ?? ''} />}
        </Field>
        <Field name="notes" label="Beginning notes" errors={errors}>
          {(p) => <textarea {...p} rows={3} maxLength={LIMITS.notes} value={values.notes ?? ''} />}
        </Field>
        <Field name="body" label="Chapter text" errors={errors} hint={`From ${LIMITS.bodyMin} to ${LIMITS.body.toLocaleString('en')} characters.`}>
          {(p) => <textarea {...p} rows={20} required value={values.body ?? ''} />}
        </Field>
        <Field name="end_notes" label="End notes" errors={errors}>
          {(p) => <textarea {...p} rows={3} maxLength={LIMITS.notes} value={values.end_notes ?? ''} />}
        </Field>
        <div class="form-actions">
          <button type="submit">{chapter ? 'Save chapter' : 'Post chapter'}</button>
          <a href={cancel}>Cancel</a>
        </div>
      </form>
    </Layout>
  );
}
