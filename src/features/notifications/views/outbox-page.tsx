import { Layout } from '../../../platform/views/layout.tsx';
import { formatCount } from '../../../platform/views/format.tsx';
import { Pagination, pageHref } from '../../../platform/views/pagination.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { PageWindow } from '../../../platform/http/pagination.ts';
import type { OutboxEmail } from '../email-outbox.repository.ts';

interface Props {
  ctx: PageContext;
  emails: OutboxEmail[];
  window: PageWindow;
  smtp: boolean;
}

const when = (date: Date) => `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function Status({ email, smtp }: { email: OutboxEmail; smtp: boolean }) {
  if (email.sentAt) return <>Sent {when(email.sentAt)}</>;
  if (!smtp) return <>Not sent: no SMTP server is configured</>;
  return <>Waiting to be sent{email.lastError ? ` (last attempt failed: ${email.lastError})` : ''}</>;
}

/** Admins read every email Quire composed: the only delivery when SMTP_URL is unset. */
export function OutboxPage({ ctx, emails, window, smtp }: Props) {
  return (
    <Layout ctx={ctx} title="Email outbox">
      <h1>Email outbox</h1>
      <p>
        {smtp
          ? 'Emails are sent through the SMTP server; each stays here for 30 days as a record.'
          : 'No SMTP server is configured (SMTP_URL), so emails stay here instead of being sent. They are kept for 30 days.'}{' '}
        {window.total === 0 ? 'There are none yet.' : `Showing ${formatCount(window.first)}–${formatCount(window.last)} of ${formatCount(window.total)}, newest first.`}
      </p>
      {emails.map((email) => (
        <article class="outbox-email" key={email.id} aria-labelledby={`email-${email.id}`}>
          <h2 id={`email-${email.id}`}>{email.subject}</h2>
          <dl class="stats">
            <dt>To:</dt>
            <dd>{email.to}</dd>
            <dt>Created:</dt>
            <dd>{when(email.createdAt)}</dd>
            <dt>Status:</dt>
            <dd><Status email={email} smtp={smtp} /></dd>
          </dl>
          <pre class="email-body">{email.text}</pre>
          {email.unsubscribePath ? (
            <p>
              <a href={email.unsubscribePath}>Open this email's unsubscribe link<span class="visually-hidden"> ({email.subject})</span></a>
            </p>
          ) : null}
        </article>
      ))}
      <Pagination page={window.page} pageCount={window.pageCount} href={pageHref('/admin/outbox')} />
    </Layout>
  );
}
