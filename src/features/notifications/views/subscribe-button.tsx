import { CsrfField } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { TARGET_NOUN, type SubscribeButtonState } from '../notifications.model.ts';

/**
 * Subscribe / Unsubscribe for a work, author or series page: one POST form. Renders nothing
 * for guests and for the thing's own creators (state null; see subscribeButtonState).
 */
export function SubscribeButton({ ctx, state }: { ctx: PageContext; state: SubscribeButtonState }) {
  if (!state) return null;
  const noun = TARGET_NOUN[state.target.type];
  return (
    <form method="post" action={state.subscribed ? '/subscriptions/remove' : '/subscriptions'} class="inline-form subscribe-form">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="target_type" value={state.target.type} />
      <input type="hidden" name="target_id" value={String(state.target.id)} />
      {state.subscribed ? (
        <button type="submit" class="button-secondary" aria-describedby={`subscribed-${state.target.type}`}>Unsubscribe</button>
      ) : (
        <button type="submit">Subscribe{state.target.type === 'user' ? ' to this author' : ''}</button>
      )}
      {state.subscribed ? (
        <span class="hint" id={`subscribed-${state.target.type}`}>You're subscribed to this {noun}.</span>
      ) : null}
    </form>
  );
}
