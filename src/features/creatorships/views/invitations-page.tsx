import { DateTime } from '../../../platform/views/format.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import { CsrfField } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { Invitation } from '../creatorships.model.ts';

function InvitationItem({ ctx, invitation }: { ctx: PageContext; invitation: Invitation }) {
  const base = `/invitations/${invitation.workId}/${invitation.pseudId}`;
  const headingId = `invitation-${invitation.workId}-${invitation.pseudId}`;
  return (
    <li class="blurb" aria-labelledby={headingId}>
      <h2 class="blurb-heading" id={headingId}>
        <a href={`/works/${invitation.workId}`}>{invitation.workTitle}</a>
      </h2>
      <p>
        {invitation.creatorNames.length > 0 ? `${invitation.creatorNames.join(', ')} invited` : 'Invited'} your pen name{' '}
        <strong>{invitation.pseudName}</strong> to be credited as a co-creator, on <DateTime date={invitation.invitedAt} />.
      </p>
      <div class="form-actions">
        <form method="post" action={`${base}/accept`} class="inline-form">
          <CsrfField ctx={ctx} />
          <button type="submit">Accept<span class="visually-hidden"> {invitation.workTitle}</span></button>
        </form>
        <form method="post" action={`${base}/decline`} class="inline-form">
          <CsrfField ctx={ctx} />
          <button type="submit" class="button-secondary">Decline<span class="visually-hidden"> {invitation.workTitle}</span></button>
        </form>
      </div>
    </li>
  );
}

export function InvitationsPage({ ctx, invitations }: { ctx: PageContext; invitations: Invitation[] }) {
  return (
    <Layout ctx={ctx} title="Co-creator invitations">
      <h1>Co-creator invitations</h1>
      {invitations.length === 0 ? (
        <p class="empty">You have no invitations waiting for an answer.</p>
      ) : (
        <ol class="work-list">
          {invitations.map((invitation) => (
            <InvitationItem key={`${invitation.workId}-${invitation.pseudId}`} ctx={ctx} invitation={invitation} />
          ))}
        </ol>
      )}
    </Layout>
  );
}
