import { Layout } from '../../../platform/views/layout.tsx';
import { CsrfField, ErrorSummary, titleWithErrors, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { Pseud } from '../pseuds.model.ts';

interface Props {
  ctx: PageContext;
  pseud: Pseud;
  /** Works and series still credited to the pseud. */
  links: number;
  errors?: FieldErrors;
}

export function DeletePseudPage({ ctx, pseud, links, errors = {} }: Props) {
  const back = `/users/${encodeURIComponent(pseud.username)}/pseuds`;
  if (pseud.isDefault) {
    return (
      <Layout ctx={ctx} title={`Delete ${pseud.name}`}>
        <h1>“{pseud.name}” can't be deleted</h1>
        <p>This is your default pen name, the one named after your account. Every account keeps one.</p>
        <p><a href={back}>Back to your pen names</a></p>
      </Layout>
    );
  }
  const error = errors.move_works;
  return (
    <Layout ctx={ctx} title={titleWithErrors(`Delete ${pseud.name}`, errors)}>
      <h1>Delete the pen name “{pseud.name}”?</h1>
      <ErrorSummary errors={errors} />
      {links > 0 ? (
        <p>
          {pseud.name} is still credited on {links} work{links === 1 ? '' : 's'} or series. They will be credited to your
          default pen name, {pseud.username}, instead.
        </p>
      ) : (
        <p>No works or series are credited to {pseud.name}.</p>
      )}
      <form method="post" action={`/pseuds/${pseud.id}/delete`} class="stack-form">
        <CsrfField ctx={ctx} />
        {links > 0 ? (
          <div class={error ? 'field field-invalid' : 'field'}>
            {error ? <p class="field-error" id="field-move_works-error">{error}</p> : null}
            <label class="choice">
              <input id="field-move_works" type="checkbox" name="move_works" value="yes" {...(error ? { 'aria-invalid': 'true', 'aria-describedby': 'field-move_works-error' } : {})} />
              Move its works and series to {pseud.username}
            </label>
          </div>
        ) : null}
        <div class="form-actions">
          <button type="submit" class="button-danger">Yes, delete this pen name</button>
          <a href={back}>No, keep it</a>
        </div>
      </form>
    </Layout>
  );
}
