import type { Role } from '../accounts/accounts.table.ts';
import type { Tag } from '../tags/tags.model.ts';

/** The roles an admin can grant and revoke (moderators come with a later issue). */
export const GRANTABLE_ROLES = ['tag_wrangler', 'admin'] as const satisfies readonly Role[];
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

export const isGrantableRole = (value: string): value is GrantableRole => (GRANTABLE_ROLES as readonly string[]).includes(value);

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Admin',
  tag_wrangler: 'Tag wrangler',
  moderator: 'Moderator',
};

/** A member as the admin pages list them. */
export interface UserWithRoles {
  id: number;
  username: string;
  roles: Role[];
}

/** A member's admin page: roles and, for wranglers, the fandoms they look after. */
export interface UserAdminDetails extends UserWithRoles {
  fandoms: Tag[];
}

export const adminUserPath = (username: string) => `/admin/users/${encodeURIComponent(username)}`;
