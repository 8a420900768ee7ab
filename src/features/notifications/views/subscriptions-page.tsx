import { Layout } from '../../../platform/views/layout.tsx';
import { DateTime } from '../../../platform/views/format.tsx';
import { CsrfField } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { TARGET_NOUN, targetPath, type SubscriptionListing } from '../notifications.model.ts';
import type { EmailMode } from '../notifications.table.ts';

interface Props {
  ctx: PageContext;
  subscriptions: SubscriptionListing[];
  mode: EmailMode;
  notice?: string | undefined;
}

const MODES: { value: EmailMode; label: string; hint: string }[] = [
  { value: 'immediate', label: 'Right away', hint: 'One email for each new chapter or work.' },
  { value: 'digest', label: 'Daily digest', hint: 'One email a day listing everything new.' },
  { value: 'off', label: 'No email', hint: 'Notices only in your inbox here.' },
];

function EmailModeForm({ ctx, mode }: { ctx: PageContext; mode: EmailMode }) {
  return (
    <form method="post" action="/subscriptions/email" class="email-mode-form">
      <CsrfField ctx={ctx} />
      <fieldset class="field">
        <legend>Email me about new chapters and works</legend>
        {MODES.map((m, index) => (
          <label class="choice" key={m.value}>
            <input type="radio" name="mode" value={m.value} checked={mode === m.value} {...(index === 0 ? { id: 'field-mode' } : {})} /> {m.label}{' '}
            <span class="hint">{m.hint}</span>
          </label>
        ))}
      </fieldset>
      <div class="form-actions">
        <button type="submit">Save email setting</button>
      </div>
    </form>
  );
}

export function SubscriptionsPage({ ctx, subscriptions, mode, notice }: Props) {
  return (
    <Layout ctx={ctx} title="Subscriptions">
      <h1>Subscriptions</h1>
      {notice ? <p class="notice" role="status">{notice}</p> : null}
      <p>New chapters of works, new works by authors and new works in series you subscribe to arrive in your inbox.</p>
      <h2>Email</h2>
      <EmailModeForm ctx={ctx} mode={mode} />
      <h2>What you follow</h2>
      {subscriptions.length === 0 ? (
        <p>You aren't subscribed to anything yet. Use the Subscribe button on a work, an author's page or a series.</p>
      ) : (
        <ul class="subscription-list">
          {subscriptions.map((s) => (
            <li key={s.id}>
              <span class="subscription-kind">{TARGET_NOUN[s.target.type]}</span>{' '}
              <a href={targetPath(s.target, s.name)}>{s.name}</a>{' '}
              <span class="hint">since <DateTime date={s.createdAt} /></span>
              <form method="post" action="/subscriptions/remove" class="inline-form">
                <CsrfField ctx={ctx} />
                <input type="hidden" name="target_type" value={s.target.type} />
                <input type="hidden" name="target_id" value={String(s.target.id)} />
                <input type="hidden" name="return_to" value="subscriptions" />
                <button type="submit" class="button-secondary">
                  Unsubscribe<span class="visually-hidden"> from {s.name}</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
