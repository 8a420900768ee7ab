import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import { storedPreferencesJson } from '../preferences/preferences.repository.ts';
import type { Role } from './accounts.table.ts';
import { unreadCountSql } from '../inbox/inbox.repository.ts';

export interface SessionViewerRow {
  userId: number;
  username: string;
  roles: Role[];
  lastSeenAt: Date;
  /** The member's saved reader preferences (see features/preferences), or null. */
  preferences: unknown;
  /** Unread inbox notices, for the header. */
  unreadInbox: number;
}

export async function insertSession(db: DbOrTrx, session: { id: string; userId: number; expiresAt: Date }): Promise<void> {
  await db.insertInto('sessions').values({ id: session.id, user_id: session.userId, expires_at: session.expiresAt }).execute();
}

/** The signed-in user behind a live session, with their roles and reader preferences, in one query. */
export async function findLiveSession(db: DbOrTrx, sessionId: string): Promise<SessionViewerRow | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'users.id as user_id',
      'users.username',
      'sessions.last_seen_at',
      sql<Role[]>`coalesce((select array_agg(r.role order by r.role) from user_roles r where r.user_id = users.id), '{}')`.as('roles'),
      storedPreferencesJson.as('preferences'),
      unreadCountSql.as('unread_inbox'),
    ])
    .where('sessions.id', '=', sessionId)
    .where('sessions.expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
  return row && { userId: row.user_id, username: row.username, roles: row.roles, lastSeenAt: row.last_seen_at, preferences: row.preferences, unreadInbox: Number(row.unread_inbox) };
}

export async function extendSession(db: DbOrTrx, sessionId: string, expiresAt: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: new Date(), expires_at: expiresAt }).where('id', '=', sessionId).execute();
}

export async function deleteSession(db: DbOrTrx, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Run by the hourly session-cleanup job: expired sessions can never be used again. */
export async function deleteExpiredSessions(db: DbOrTrx): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', sql<Date>`now()`).executeTakeFirst();
  return Number(result.numDeletedRows);
}
