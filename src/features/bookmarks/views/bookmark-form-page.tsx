import type { FormValues } from '../../../platform/http/forms.ts';
import { CheckboxField, CsrfField, ErrorSummary, Field, titleWithErrors, type FieldErrors } from '../../../platform/views/forms.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { BOOKMARK_LIMITS } from '../bookmarks.model.ts';

/** What is (being) bookmarked, to name and link it. */
export interface BookmarkTarget {
  kind: 'work' | 'series';
  id: number;
  title: string;
}

export const targetUrl = (target: Pick<BookmarkTarget, 'kind' | 'id'>) => (target.kind === 'work' ? `/works/${target.id}` : `/series/${target.id}`);

interface Props {
  ctx: PageContext;
  target: BookmarkTarget;
  values: FormValues;
  errors?: FieldErrors;
  /** Editing this bookmark; absent for a new one. */
  bookmarkId?: number;
}

/** Create or edit a bookmark: notes, your own tags, private, rec. */
export function BookmarkFormPage({ ctx, target, values, errors = {}, bookmarkId }: Props) {
  const editing = bookmarkId !== undefined;
  const title = `${editing ? 'Edit bookmark of' : 'Bookmark'} “${target.title}”`;
  const action = editing ? `/bookmarks/${bookmarkId}/edit` : `${targetUrl(target)}/bookmark`;
  return (
    <Layout ctx={ctx} title={titleWithErrors(title, errors)}>
      <h1>{title}</h1>
      <p>
        <a href={targetUrl(target)}>Back to the {target.kind}</a>
      </p>
      <ErrorSummary errors={errors} />
      {errors.form ? <p class="notice" role="alert" id="field-form">{errors.form}</p> : null}
      <form method="post" action={action} class="stack-form" noValidate>
        <CsrfField ctx={ctx} />
        <Field name="notes" label="Notes" errors={errors} hint={`Why you bookmarked it: plain text or HTML, up to ${BOOKMARK_LIMITS.notes.toLocaleString('en')} characters.`}>
          {(p) => <textarea {...p} rows={5} value={values.notes ?? ''} />}
        </Field>
        <Field name="tags" label="Your tags" errors={errors} hint={`Your own labels, comma separated: up to ${BOOKMARK_LIMITS.tags} tags of up to ${BOOKMARK_LIMITS.tagLength} characters. They are only for your bookmarks.`}>
          {(p) => <input {...p} type="text" value={values.tags ?? ''} autocomplete="off" />}
        </Field>
        <CheckboxField name="rec" label="Rec" hint="Recommend it: recs are marked and can be listed on their own." values={values} />
        <CheckboxField name="private" label="Private" hint="Only you can see a private bookmark, and it isn't counted on the work." values={values} />
        <div class="form-actions">
          <button type="submit">{editing ? 'Save bookmark' : 'Create bookmark'}</button>
          {editing ? <a class="button button-danger" href={`/bookmarks/${bookmarkId}/delete`}>Delete bookmark</a> : null}
        </div>
      </form>
    </Layout>
  );
}
