import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import type { Role } from '../accounts/accounts.table.ts';
import type { Tag } from '../tags/tags.model.ts';
import type { UserAdminDetails, UserWithRoles } from './admin.model.ts';

const rolesOf = sql<Role[]>`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = users.id), '{}')`;

/** `%` and `_` typed by an admin are matched literally. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Members whose name contains the text (ignoring case), exact matches first; with no text,
 * everyone who holds a role, so an admin sees the archive's staff at a glance.
 */
export async function searchUsers(db: DbOrTrx, text: string, limit: number): Promise<UserWithRoles[]> {
  let query = db.selectFrom('users').select(['users.id', 'users.username', rolesOf.as('roles')]).where('users.username', '<>', 'orphan_account');
  if (text === '') query = query.where(sql<boolean>`exists (select 1 from user_roles r where r.user_id = users.id)`);
  else query = query.where(sql<string>`lower(users.username)`, 'like', likePattern(text.toLowerCase()));
  const rows = await query
    .orderBy(sql`lower(users.username) = ${text.toLowerCase()}`, 'desc')
    .orderBy(sql`lower(users.username)`)
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, username: r.username, roles: r.roles }));
}

/** A member by name (ignoring case) with their roles and assigned fandoms, in one query. */
export async function findUserAdminDetails(db: DbOrTrx, username: string): Promise<UserAdminDetails | undefined> {
  const row = await db
    .selectFrom('users')
    .select([
      'users.id',
      'users.username',
      rolesOf.as('roles'),
      sql<Tag[]>`coalesce((
        select json_agg(json_build_object('id', t.id, 'type', t.type, 'name', t.name) order by lower(t.name))
        from wrangler_fandoms wf join tags t on t.id = wf.fandom_id where wf.user_id = users.id), '[]')`.as('fandoms'),
    ])
    .where(sql<string>`lower(users.username)`, '=', username.toLowerCase())
    .executeTakeFirst();
  return row && { id: row.id, username: row.username, roles: row.roles, fandoms: row.fandoms.map((f) => ({ ...f, id: Number(f.id) })) };
}

export async function userHasRole(db: DbOrTrx, userId: number, role: Role): Promise<boolean> {
  const row = await db.selectFrom('user_roles').select('user_id').where('user_id', '=', userId).where('role', '=', role).executeTakeFirst();
  return row !== undefined;
}

/** Inserts the role; false when the member already held it. */
export async function insertRole(db: DbOrTrx, userId: number, role: Role): Promise<boolean> {
  const result = await db.insertInto('user_roles').values({ user_id: userId, role }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Deletes the role; false when the member didn't hold it. */
export async function deleteRole(db: DbOrTrx, userId: number, role: Role): Promise<boolean> {
  const result = await db.deleteFrom('user_roles').where('user_id', '=', userId).where('role', '=', role).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Locks every admin row and counts them. Two admins revoking each other at once are then
 * applied one after the other, and the second sees that only one admin is left.
 */
export async function lockAndCountAdmins(db: DbOrTrx): Promise<number> {
  const rows = await db.selectFrom('user_roles').select('user_id').where('role', '=', 'admin').forUpdate().execute();
  return rows.length;
}

/** A canonical fandom by name (ignoring case); also says why another tag of that name won't do. */
export async function findFandomForAssignment(db: DbOrTrx, name: string): Promise<{ id: number; name: string; canonical: boolean } | undefined> {
  return db
    .selectFrom('tags')
    .select(['id', 'name', 'canonical'])
    .where('type', '=', 'fandom')
    .where(sql<string>`lower(name)`, '=', name.toLowerCase())
    .executeTakeFirst();
}

export async function insertWranglerFandom(db: DbOrTrx, userId: number, fandomId: number): Promise<boolean> {
  const result = await db.insertInto('wrangler_fandoms').values({ user_id: userId, fandom_id: fandomId }).onConflict((oc) => oc.doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Removes the assignment; the fandom's name when there was one. */
export async function deleteWranglerFandom(db: DbOrTrx, userId: number, fandomId: number): Promise<string | undefined> {
  const row = await db
    .deleteFrom('wrangler_fandoms')
    .using('tags')
    .whereRef('tags.id', '=', 'wrangler_fandoms.fandom_id')
    .where('wrangler_fandoms.user_id', '=', userId)
    .where('wrangler_fandoms.fandom_id', '=', fandomId)
    .returning('tags.name')
    .executeTakeFirst();
  return row?.name;
}
