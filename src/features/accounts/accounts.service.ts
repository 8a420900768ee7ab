import type { Db } from '../../platform/db/schema.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../platform/security/passwords.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import type { Role } from './accounts.table.ts';
import { findUserByLogin, grantRole, insertPseud, insertUser, usernameOrEmailTaken } from './accounts.repository.ts';

export interface NewAccount {
  username: string;
  email: string;
  password: string;
  roles?: Role[];
}

export type SignUpResult = { ok: true; userId: number } | { ok: false; errors: FieldErrors };

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

/** Creates a user with their default pseud (named after them) in one transaction. */
export async function createAccount(db: Db, account: NewAccount): Promise<SignUpResult> {
  const taken = await usernameOrEmailTaken(db, account.username, account.email);
  if (taken.username || taken.email) return { ok: false, errors: takenErrors(taken) };
  const passwordHash = await hashPassword(account.password);
  try {
    const userId = await db.transaction().execute(async (trx) => {
      const id = await insertUser(trx, { username: account.username, email: account.email, passwordHash });
      await insertPseud(trx, { userId: id, name: account.username, isDefault: true });
      for (const role of account.roles ?? []) await grantRole(trx, id, role);
      return id;
    });
    return { ok: true, userId };
  } catch (error) {
    // Two sign-ups raced for the same name: the unique index decided.
    if (isUniqueViolation(error)) return { ok: false, errors: takenErrors(await usernameOrEmailTaken(db, account.username, account.email)) };
    throw error;
  }
}

function takenErrors(taken: { username: boolean; email: boolean }): FieldErrors {
  return {
    ...(taken.username ? { username: 'That username is already taken.' } : {}),
    ...(taken.email ? { email: 'An account with that email already exists.' } : {}),
  };
}

export async function authenticate(db: Db, login: string, password: string): Promise<{ id: number; username: string } | null> {
  const user = await findUserByLogin(db, login);
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? { id: user.id, username: user.username } : null;
}
