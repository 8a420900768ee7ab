import type { FormValues } from '../../../platform/http/forms.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { CsrfField, ErrorSummary, Field, titleWithErrors, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { Work } from '../../works/works.model.ts';
import { chapterLabel, type ChapterHeading } from '../chapters.model.ts';
import { positionFieldName } from '../chapters.schemas.ts';

interface Props {
  ctx: PageContext;
  work: Pick<Work, 'id' | 'title'>;
  index: ChapterHeading[];
  values: FormValues;
  errors?: FieldErrors;
}

/** One number per chapter: works without JavaScript, and with a keyboard or screen reader. */
export function ReorderPage({ ctx, work, index, values, errors = {} }: Props) {
  const title = `Reorder the chapters of “${work.title}”`;
  return (
    <Layout ctx={ctx} title={titleWithErrors(title, errors)}>
      <h1>{title}</h1>
      <ErrorSummary errors={errors} />
      <p class="hint">
        Give each chapter the number it should have. A chapter you move takes that place, and the others keep their order around it.
      </p>
      <form method="post" action={`/works/${work.id}/chapters/order`} class="stack-form reorder-form" noValidate>
        <CsrfField ctx={ctx} />
        <ol class="reorder-list">
          {index.map((chapter) => {
            const name = positionFieldName(chapter.id);
            return (
              <li key={chapter.id}>
                <Field name={name} label={`Number for ${chapterLabel(chapter)}`} errors={errors}>
                  {(p) => <input {...p} type="text" inputMode="numeric" autoComplete="off" class="input-short" value={values[name] ?? String(chapter.position)} />}
                </Field>
              </li>
            );
          })}
        </ol>
        <div class="form-actions">
          <button type="submit">Save order</button>
          <a href={`/works/${work.id}`}>Cancel</a>
        </div>
      </form>
    </Layout>
  );
}
