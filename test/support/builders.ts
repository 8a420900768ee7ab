import { randomBytes } from 'node:crypto';
import { listPseudsOfUser } from '../../src/features/accounts/accounts.repository.ts';
import { createAccount } from '../../src/features/accounts/accounts.service.ts';
import type { Role } from '../../src/features/accounts/accounts.table.ts';
import { postWork } from '../../src/features/works/works.service.ts';
import type { SongCredit } from '../../src/features/songs/songs.model.ts';
import { songCreditFormValues } from '../../src/features/songs/songs.service.ts';
import type { Db } from '../../src/platform/db/schema.ts';
import type { Viewer } from '../../src/platform/views/page-context.ts';
import type { TestClient } from './test-app.ts';

export const PASSWORD = 'correct horse battery staple';

export function uniqueName(prefix = 'user'): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

export interface BuiltUser extends Viewer {
  email: string;
  password: string;
  defaultPseudId: number;
}

/** Creates an account directly, for tests whose subject is something else. */
export async function buildUser(db: Db, overrides: { username?: string; email?: string; password?: string; roles?: Role[] } = {}): Promise<BuiltUser> {
  const username = overrides.username ?? uniqueName();
  const email = overrides.email ?? `${username}@example.org`;
  const password = overrides.password ?? PASSWORD;
  const result = await createAccount(db, { username, email, password, roles: overrides.roles ?? [] });
  if (!result.ok) throw new Error(`buildUser failed: ${JSON.stringify(result.errors)}`);
  const pseuds = await listPseudsOfUser(db, result.userId);
  return { id: result.userId, username, email, password, roles: overrides.roles ?? [], defaultPseudId: pseuds[0]!.id };
}

export interface WorkOverrides {
  title?: string;
  summary?: string;
  notes?: string;
  end_notes?: string;
  body?: string;
  format?: 'html' | 'plain';
  /** Up to three song credits. */
  songs?: SongCredit[];
}

export async function buildWork(db: Db, user: BuiltUser, overrides: WorkOverrides = {}): Promise<number> {
  const result = await postWork(db, user, {
    title: overrides.title ?? `A work ${randomBytes(3).toString('hex')}`,
    pseud_id: user.defaultPseudId,
    summary: overrides.summary ?? '',
    notes: overrides.notes ?? '',
    end_notes: overrides.end_notes ?? '',
    body: overrides.body ?? '<p>Once upon a time there was a story.</p>',
    format: overrides.format ?? 'html',
    ...songCreditFormValues(overrides.songs ?? []),
  });
  if (!result.ok) throw new Error(`buildWork failed: ${JSON.stringify(result.errors)}`);
  return result.workId;
}

/** Signs up through the real form, leaving the client logged in. */
export async function signUpThroughForm(client: TestClient, overrides: { username?: string; password?: string } = {}) {
  const username = overrides.username ?? uniqueName();
  const password = overrides.password ?? PASSWORD;
  await client.get('/signup');
  const response = await client.post('/signup', { username, email: `${username}@example.org`, password, password_confirmation: password });
  if (response.statusCode !== 303) throw new Error(`sign-up failed with ${response.statusCode}: ${response.body.slice(0, 500)}`);
  return { username, password };
}

export async function logInThroughForm(client: TestClient, login: string, password = PASSWORD) {
  await client.get('/login');
  return client.post('/login', { login, password });
}
