import type { FormValues } from '../../../platform/http/forms.ts';
import { formatCount } from '../../../platform/views/format.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { CsrfField, ErrorSummary, Field, titleWithErrors, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { PseudWithCredits } from '../pseuds.model.ts';
import { PSEUD_NAME_MAX } from '../pseuds.schemas.ts';

interface Props {
  ctx: PageContext;
  username: string;
  pseuds: PseudWithCredits[];
  isOwner: boolean;
  values?: FormValues;
  errors?: FieldErrors;
}

export const pseudPath = (username: string, name: string) => `/users/${encodeURIComponent(username)}/pseuds/${encodeURIComponent(name)}`;

const plural = (n: number, one: string) => `${formatCount(n)} ${one}${n === 1 ? '' : 's'}`;

function PseudRow({ username, pseud, isOwner }: { username: string; pseud: PseudWithCredits; isOwner: boolean }) {
  return (
    <li class="pseud-row">
      <a href={pseudPath(username, pseud.name)}>{pseud.name}</a>
      {pseud.isDefault ? ' (default)' : ''} · {plural(pseud.workCount, 'work')}
      {pseud.seriesCount > 0 ? ` · ${formatCount(pseud.seriesCount)} series` : ''}
      {isOwner && !pseud.isDefault ? (
        <span class="row-actions">
          {' '}· <a href={`/pseuds/${pseud.id}/edit`}>Rename<span class="visually-hidden"> {pseud.name}</span></a>
          {' '}· <a href={`/pseuds/${pseud.id}/delete`}>Delete<span class="visually-hidden"> {pseud.name}</span></a>
        </span>
      ) : null}
    </li>
  );
}

export function PseudsPage({ ctx, username, pseuds, isOwner, values = {}, errors = {} }: Props) {
  const heading = isOwner ? 'Your pen names' : `Pen names of ${username}`;
  return (
    <Layout ctx={ctx} title={titleWithErrors(heading, errors)}>
      <h1>{heading}</h1>
      <ErrorSummary errors={errors} />
      <ul class="plain-list">
        {pseuds.map((pseud) => (
          <PseudRow key={pseud.id} username={username} pseud={pseud} isOwner={isOwner} />
        ))}
      </ul>
      {isOwner ? (
        <section aria-labelledby="new-pseud-heading">
          <h2 id="new-pseud-heading">Add a pen name</h2>
          <form method="post" action={`/users/${encodeURIComponent(username)}/pseuds`} class="stack-form" noValidate>
            <CsrfField ctx={ctx} />
            <Field name="name" label="New pen name" errors={errors} hint={`1 to ${PSEUD_NAME_MAX} letters, numbers, spaces, underscores or hyphens.`}>
              {(p) => <input {...p} type="text" required maxLength={PSEUD_NAME_MAX} value={values.name ?? ''} />}
            </Field>
            <div class="form-actions">
              <button type="submit">Add pen name</button>
            </div>
          </form>
        </section>
      ) : null}
      <p><a href={`/users/${encodeURIComponent(username)}`}>Back to {username}</a></p>
    </Layout>
  );
}
