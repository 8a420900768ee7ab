import type { FormValues } from '../../../platform/http/forms.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { CsrfField, ErrorSummary, Field, titleWithErrors, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { Pseud } from '../pseuds.model.ts';
import { PSEUD_NAME_MAX } from '../pseuds.schemas.ts';

export function RenamePseudPage({ ctx, pseud, values, errors = {} }: { ctx: PageContext; pseud: Pseud; values: FormValues; errors?: FieldErrors }) {
  return (
    <Layout ctx={ctx} title={titleWithErrors(`Rename ${pseud.name}`, errors)}>
      <h1>Rename “{pseud.name}”</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action={`/pseuds/${pseud.id}/edit`} class="stack-form" noValidate>
        <CsrfField ctx={ctx} />
        <Field name="name" label="Pen name" errors={errors} hint={`1 to ${PSEUD_NAME_MAX} letters, numbers, spaces, underscores or hyphens.`}>
          {(p) => <input {...p} type="text" required maxLength={PSEUD_NAME_MAX} value={values.name ?? ''} />}
        </Field>
        <div class="form-actions">
          <button type="submit">Rename</button>
          <a href={`/users/${encodeURIComponent(pseud.username)}/pseuds`}>Cancel</a>
        </div>
      </form>
    </Layout>
  );
}
