import type { FormValues } from '../../../platform/http/forms.ts';
import type { FieldErrors } from '../../../platform/views/forms.tsx';

const PERMISSIONS = [
  { value: 'everyone', label: 'Everyone, guests included' },
  { value: 'members', label: 'Members of the archive only' },
  { value: 'nobody', label: 'Nobody: comments are off' },
] as const;

/** Who may comment on the work, and whether comments wait for approval (on the work form). */
export function CommentSettingsFields({ values, errors }: { values: FormValues; errors: FieldErrors }) {
  const chosen = values.comment_permission ?? 'everyone';
  const error = errors.comment_permission ?? errors.moderate_comments;
  return (
    <section class="form-section" aria-labelledby="comment-settings-heading">
      <h2 id="comment-settings-heading">Comments</h2>
      <fieldset class={error ? 'field field-invalid' : 'field'} id="field-comment_permission" {...(error ? { 'aria-describedby': 'field-comment_permission-error' } : {})}>
        <legend>Who may comment</legend>
        {error ? <p class="field-error" id="field-comment_permission-error">{error}</p> : null}
        {PERMISSIONS.map((option) => (
          <label class="choice" key={option.value}>
            <input type="radio" name="comment_permission" value={option.value} checked={chosen === option.value} /> {option.label}
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label class="choice" for="field-moderate_comments">
          <input type="checkbox" id="field-moderate_comments" name="moderate_comments" value="1" checked={values.moderate_comments === '1'} aria-describedby="field-moderate_comments-hint" /> Hold
          new comments until I approve them
        </label>
        <p class="hint" id="field-moderate_comments-hint">Held comments wait in the moderation queue on the work's page. Your own comments are never held.</p>
      </div>
    </section>
  );
}
