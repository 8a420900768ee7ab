import type { FormValues } from '../../../platform/http/forms.ts';
import { Layout } from '../../../platform/views/layout.tsx';
import { CsrfField, ErrorSummary, Field, titleWithErrors, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { Work } from '../../works/works.model.ts';

interface Props {
  ctx: PageContext;
  work: Work;
  values: FormValues;
  errors?: FieldErrors;
}

export function InvitePage({ ctx, work, values, errors = {} }: Props) {
  return (
    <Layout ctx={ctx} title={titleWithErrors(`Invite a co-creator to ${work.title}`, errors)}>
      <h1>Invite a co-creator to “{work.title}”</h1>
      <ErrorSummary errors={errors} />
      <p>
        The person you invite sees the invitation on their invitations page. The work shows them as a creator only
        after they accept, and from then on they can edit it too.
      </p>
      <form method="post" action={`/works/${work.id}/invite`} class="stack-form" noValidate>
        <CsrfField ctx={ctx} />
        <Field name="creator" label="Co-creator" errors={errors} hint="Their username, or username/pen name to credit one of their other pen names.">
          {(p) => <input {...p} type="text" required maxLength={82} autoComplete="off" value={values.creator ?? ''} />}
        </Field>
        <div class="form-actions">
          <button type="submit">Send invitation</button>
          <a href={`/works/${work.id}`}>Back to the work</a>
        </div>
      </form>
    </Layout>
  );
}
