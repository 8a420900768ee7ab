import { Layout } from '../../../platform/views/layout.tsx';
import { CsrfField, ErrorSummary, Field, titleWithErrors, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { FormValues } from '../../../platform/http/forms.ts';

interface Props {
  ctx: PageContext;
  values?: FormValues;
  errors?: FieldErrors;
  returnTo?: string;
  /** Why the reader was sent here, when a page asked them to log in. */
  notice?: string;
}

export function LoginPage({ ctx, values = {}, errors = {}, returnTo = '/', notice }: Props) {
  return (
    <Layout ctx={ctx} title={titleWithErrors('Log in', errors)}>
      <h1>Log in</h1>
      {notice ? <p class="notice" role="status">{notice}</p> : null}
      <ErrorSummary errors={errors} />
      <form method="post" action="/login" class="stack-form" noValidate>
        <CsrfField ctx={ctx} />
        <input type="hidden" name="return_to" value={returnTo} />
        <Field name="login" label="Username or email" errors={errors}>
          {(p) => <input {...p} type="text" autoComplete="username" required value={values.login ?? ''} />}
        </Field>
        <Field name="password" label="Password" errors={errors}>
          {(p) => <input {...p} type="password" autoComplete="current-password" required />}
        </Field>
        <button type="submit">Log in</button>
      </form>
      <p>
        New here? <a href="/signup">Create an account</a>.
      </p>
    </Layout>
  );
}
