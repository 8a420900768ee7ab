import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { ROLE_LABELS, adminUserPath, type UserWithRoles } from '../admin.model.ts';

const rolesText = (user: UserWithRoles) => (user.roles.length === 0 ? 'Member' : user.roles.map((r) => ROLE_LABELS[r]).join(', '));

/** Finds a member by name; with no search, lists everyone who holds a role. */
export function UsersPage({ ctx, query, users, limit }: { ctx: PageContext; query: string; users: UserWithRoles[]; limit: number }) {
  return (
    <Layout ctx={ctx} title="Users and roles">
      <p><a href="/admin">Admin</a></p>
      <h1>Users and roles</h1>
      <form method="get" action="/admin/users" class="search-form" role="search">
        <label for="user-search">Name</label>
        <input type="text" id="user-search" name="q" value={query} maxLength={40} />
        <button type="submit">Find</button>
      </form>
      <h2>{query === '' ? 'Members with a role' : `Members whose name contains “${query}”`}</h2>
      {users.length === 0 ? (
        <p class="empty">{query === '' ? 'Nobody holds a role yet.' : 'No member has a name like that.'}</p>
      ) : (
        <ul class="user-list">
          {users.map((user) => (
            <li key={user.id}>
              <a href={adminUserPath(user.username)}>{user.username}</a> <span class="hint">({rolesText(user)})</span>
            </li>
          ))}
        </ul>
      )}
      {users.length === limit ? <p class="hint">Showing the first {limit}: type more of the name to narrow the list.</p> : null}
    </Layout>
  );
}
