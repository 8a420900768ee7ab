import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import type { Role } from './accounts.table.ts';

export interface UserRecord {
  id: number;
  username: string;
  email: string;
  passwordHash: string;
}

export async function insertUser(db: DbOrTrx, user: { username: string; email: string; passwordHash: string }): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({ username: user.username, email: user.email, password_hash: user.passwordHash })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertPseud(db: DbOrTrx, pseud: { userId: number; name: string; isDefault: boolean }): Promise<number> {
  const row = await db
    .insertInto('pseuds')
    .values({ user_id: pseud.userId, name: pseud.name, is_default: pseud.isDefault })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function grantRole(db: DbOrTrx, userId: number, role: Role): Promise<void> {
  await db.insertInto('user_roles').values({ user_id: userId, role }).onConflict((oc) => oc.doNothing()).execute();
}

/** Finds an account by username or email, ignoring case. */
export async function findUserByLogin(db: DbOrTrx, login: string): Promise<UserRecord | undefined> {
  const row = await db
    .selectFrom('users')
    .select(['id', 'username', 'email', 'password_hash'])
    .where((eb) => eb.or([eb(sql`lower(username)`, '=', login.toLowerCase()), eb(sql`lower(email)`, '=', login.toLowerCase())]))
    .orderBy('id')
    .executeTakeFirst();
  return row && { id: row.id, username: row.username, email: row.email, passwordHash: row.password_hash };
}

export async function findUserIdByUsername(db: DbOrTrx, username: string): Promise<{ id: number; username: string } | undefined> {
  return db
    .selectFrom('users')
    .select(['id', 'username'])
    .where(sql`lower(username)`, '=', username.toLowerCase())
    .executeTakeFirst();
}

export async function usernameOrEmailTaken(db: DbOrTrx, username: string, email: string): Promise<{ username: boolean; email: boolean }> {
  const rows = await db
    .selectFrom('users')
    .select(['username', 'email'])
    .where((eb) => eb.or([eb(sql`lower(username)`, '=', username.toLowerCase()), eb(sql`lower(email)`, '=', email.toLowerCase())]))
    .execute();
  return {
    username: rows.some((r) => r.username.toLowerCase() === username.toLowerCase()),
    email: rows.some((r) => r.email.toLowerCase() === email.toLowerCase()),
  };
}

export interface PseudRecord {
  id: number;
  name: string;
  isDefault: boolean;
}

export async function listPseudsOfUser(db: DbOrTrx, userId: number): Promise<PseudRecord[]> {
  const rows = await db
    .selectFrom('pseuds')
    .select(['id', 'name', 'is_default'])
    .where('user_id', '=', userId)
    .orderBy('is_default', 'desc')
    .orderBy(sql`lower(name)`)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, isDefault: r.is_default }));
}
