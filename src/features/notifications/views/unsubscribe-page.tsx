import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';

export type UnsubscribeView =
  | { state: 'confirm'; what: string; action: string }
  | { state: 'done'; what: string }
  | { state: 'gone' }
  | { state: 'invalid' | 'expired' };

const TITLES: Record<UnsubscribeView['state'], string> = {
  confirm: 'Unsubscribe',
  done: 'Unsubscribed',
  gone: 'Already unsubscribed',
  invalid: 'This unsubscribe link is not valid',
  expired: 'This unsubscribe link has expired',
};

/**
 * The page behind an email's unsubscribe link: needs no log-in. Its form posts without a CSRF
 * token on purpose: the signed link is the authorization (see the route).
 */
export function UnsubscribePage({ ctx, view }: { ctx: PageContext; view: UnsubscribeView }) {
  return (
    <Layout ctx={ctx} title={TITLES[view.state]}>
      <h1>{TITLES[view.state]}</h1>
      {view.state === 'confirm' ? (
        <>
          <p>Stop getting notices about {view.what}?</p>
          <form method="post" action={view.action}>
            <input type="hidden" name="List-Unsubscribe" value="One-Click" />
            <button type="submit">Unsubscribe</button>
          </form>
        </>
      ) : null}
      {view.state === 'done' ? <p role="status">Done: you won't get notices about {view.what} any more.</p> : null}
      {view.state === 'gone' ? <p>You aren't subscribed to this any more, so there is nothing left to do.</p> : null}
      {view.state === 'invalid' ? <p>The link may have been cut short or changed when it was copied. Open it again from the email, or log in and manage your subscriptions.</p> : null}
      {view.state === 'expired' ? <p>Unsubscribe links work for 90 days. Log in and manage your subscriptions instead.</p> : null}
      <p><a href="/subscriptions">Manage your subscriptions</a></p>
    </Layout>
  );
}
