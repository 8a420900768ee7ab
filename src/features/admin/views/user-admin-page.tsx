import { CsrfField, ErrorSummary, Field, titleWithErrors, type FieldErrors } from '../../../platform/views/forms.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { TagLink } from '../../tags/views/tag-link.tsx';
import { GRANTABLE_ROLES, ROLE_LABELS, adminUserPath, type GrantableRole, type UserAdminDetails } from '../admin.model.ts';

interface Props {
  ctx: PageContext;
  user: UserAdminDetails;
  /** What the last change did, after its redirect. */
  notice?: string;
  errors?: FieldErrors;
  /** The fandom name as typed, kept after an error. */
  fandom?: string;
}

function RoleRow({ ctx, user, role }: { ctx: PageContext; user: UserAdminDetails; role: GrantableRole }) {
  const held = user.roles.includes(role);
  const label = ROLE_LABELS[role];
  return (
    <li>
      <strong>{label}</strong>: {held ? 'yes' : 'no'}{' '}
      <form method="post" action={`${adminUserPath(user.username)}/roles/${held ? 'revoke' : 'grant'}`} class="inline-form">
        <CsrfField ctx={ctx} />
        <input type="hidden" name="role" value={role} />
        <button type="submit" class={held ? 'button-secondary' : ''}>
          {held ? `Revoke ${label.toLowerCase()}` : `Make ${label.toLowerCase()}`}
        </button>
      </form>
    </li>
  );
}

function Fandoms({ ctx, user, errors, fandom }: { ctx: PageContext; user: UserAdminDetails; errors: FieldErrors; fandom: string }) {
  const base = adminUserPath(user.username);
  return (
    <section aria-labelledby="fandoms-heading">
      <h2 id="fandoms-heading">Assigned fandoms</h2>
      {user.fandoms.length === 0 ? (
        <p class="empty">No fandoms are assigned to {user.username}.</p>
      ) : (
        <ul class="assigned-fandoms">
          {user.fandoms.map((f) => (
            <li key={f.id}>
              <TagLink tag={f} />{' '}
              <form method="post" action={`${base}/fandoms/unassign`} class="inline-form">
                <CsrfField ctx={ctx} />
                <input type="hidden" name="fandom_id" value={String(f.id)} />
                <button type="submit" class="button-secondary" aria-label={`Unassign ${f.name}`}>Unassign</button>
              </form>
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={`${base}/fandoms`} class="stack-form">
        <CsrfField ctx={ctx} />
        <Field name="fandom" label="Assign a fandom" hint="The name of a canonical fandom." errors={errors}>
          {(props) => <input type="text" {...props} value={fandom} maxLength={150} required />}
        </Field>
        <div class="form-actions"><button type="submit">Assign</button></div>
      </form>
    </section>
  );
}

/** One member's roles and, for wranglers, the fandoms they look after. */
export function UserAdminPage({ ctx, user, notice, errors = {}, fandom = '' }: Props) {
  const title = `${user.username}: roles`;
  return (
    <Layout ctx={ctx} title={titleWithErrors(title, errors)}>
      <p><a href="/admin/users">Users and roles</a></p>
      <h1>{user.username}</h1>
      <p><a href={`/users/${encodeURIComponent(user.username)}`}>Public page</a></p>
      {notice ? <p class="notice" role="status">{notice}</p> : null}
      <ErrorSummary errors={errors} />
      <h2>Roles</h2>
      <ul class="role-list">
        {GRANTABLE_ROLES.map((role) => (
          <RoleRow key={role} ctx={ctx} user={user} role={role} />
        ))}
      </ul>
      {user.roles.includes('tag_wrangler') ? (
        <Fandoms ctx={ctx} user={user} errors={errors} fandom={fandom} />
      ) : (
        <p class="hint">Fandoms can be assigned once {user.username} is a tag wrangler.</p>
      )}
    </Layout>
  );
}
