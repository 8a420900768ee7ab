import type { FormValues } from '../../../platform/http/forms.ts';
import { CsrfField, Field, type FieldErrors } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { PseudRecord } from '../../accounts/accounts.repository.ts';
import { COMMENT_MAX, GUEST_MAX_LINKS } from '../comments.model.ts';

export interface CommentFormProps {
  ctx: PageContext;
  action: string;
  /** The viewer's pen names (members); empty for guests, who give a name and an email. */
  pseuds: PseudRecord[];
  values?: FormValues;
  errors?: FieldErrors;
  prefix?: string;
  submitLabel?: string;
  /** Hidden fields: chapter_id, return_to. */
  hidden?: Record<string, string>;
  moderated?: boolean;
}

const bodyHint = (guest: boolean) =>
  `Up to ${COMMENT_MAX.toLocaleString('en')} characters. Plain text (a blank line starts a new paragraph) or HTML such as <em> and <a>.` +
  (guest ? ` Guests can include at most ${GUEST_MAX_LINKS} links.` : '');

/**
 * A comment or reply form. It carries a honeypot: a text field hidden from people — visually
 * hidden, aria-hidden and out of the tab order, with a label asking to leave it empty — that
 * form-filling bots fill in.
 */
export function CommentForm({ ctx, action, pseuds, values = {}, errors = {}, prefix = 'comment', submitLabel = 'Post comment', hidden = {}, moderated = false }: CommentFormProps) {
  const guest = ctx.viewer === null;
  const defaultPseud = pseuds.find((pseud) => pseud.isDefault) ?? pseuds[0];
  const chosenPseud = values.pseud_id ?? String(defaultPseud?.id ?? '');
  return (
    <form method="post" action={action} class="stack-form comment-form" noValidate>
      <CsrfField ctx={ctx} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {guest ? (
        <>
          <Field idPrefix={prefix} name="name" label="Your name" errors={errors} hint="Shown with your comment.">
            {(p) => <input {...p} type="text" maxLength={100} autocomplete="name" value={values.name ?? ''} />}
          </Field>
          <Field idPrefix={prefix} name="email" label="Your email" errors={errors} hint="Never shown to anyone.">
            {(p) => <input {...p} type="email" maxLength={254} autocomplete="email" value={values.email ?? ''} />}
          </Field>
        </>
      ) : (
        <Field idPrefix={prefix} name="pseud_id" label="Comment as" errors={errors}>
          {(p) => (
            <select {...p}>
              {pseuds.map((pseud) => (
                <option key={pseud.id} value={String(pseud.id)} selected={chosenPseud === String(pseud.id)}>
                  {pseud.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field idPrefix={prefix} name="body" label="Comment" errors={errors} hint={bodyHint(guest)}>
        {(p) => <textarea {...p} rows={6} maxLength={COMMENT_MAX} value={values.body ?? ''} />}
      </Field>
      <div class="comment-honeypot" aria-hidden="true">
        <label for={`${prefix}-homepage`}>Leave this field empty</label>
        <input type="text" id={`${prefix}-homepage`} name="homepage" tabIndex={-1} autocomplete="off" value="" />
      </div>
      {moderated ? <p class="hint">The creators approve comments on this work before they appear.</p> : null}
      <div class="form-actions">
        <button type="submit">{submitLabel}</button>
      </div>
    </form>
  );
}
