import { Layout } from '../../../platform/views/layout.tsx';
import { CsrfField, ErrorSummary, Field, titleWithErrors, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { FormValues } from '../../../platform/http/forms.ts';

interface Props {
  ctx: PageContext;
  values?: FormValues;
  errors?: FieldErrors;
}

export function SignupPage({ ctx, values = {}, errors = {} }: Props) {
  return (
    <Layout ctx={ctx} title={titleWithErrors('Sign up', errors)}>
      <h1>Create an account</h1>
      <ErrorSummary errors={errors} />
      <form method="post" action="/signup" class="stack-form" noValidate>
        <CsrfField ctx={ctx} />
        <Field name="username" label="Username" errors={errors} hint="3 to 40 letters, numbers or underscores. This is also your first pen name.">
          {(p) => <input {...p} type="text" autoComplete="username" required maxLength={40} value={values.username ?? ''} />}
        </Field>
        <Field name="email" label="Email" errors={errors}>
          {(p) => <input {...p} type="email" autoComplete="email" required maxLength={254} value={values.email ?? ''} />}
        </Field>
        <Field name="password" label="Password" errors={errors} hint="At least 8 characters.">
          {(p) => <input {...p} type="password" autoComplete="new-password" required minLength={8} />}
        </Field>
        <Field name="password_confirmation" label="Confirm password" errors={errors}>
          {(p) => <input {...p} type="password" autoComplete="new-password" required />}
        </Field>
        <button type="submit">Sign up</button>
      </form>
      <p>
        Already have an account? <a href="/login">Log in</a>.
      </p>
    </Layout>
  );
}
