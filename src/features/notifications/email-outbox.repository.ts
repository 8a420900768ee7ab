import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';

export interface EmailInput {
  userId: number | null;
  to: string;
  subject: string;
  text: string;
  /** `/unsubscribe/<token>`; the absolute link is in the text and the List-Unsubscribe header. */
  unsubscribePath: string | null;
}

export interface OutboxEmail {
  id: number;
  to: string;
  subject: string;
  text: string;
  unsubscribePath: string | null;
  createdAt: Date;
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
}

export async function insertEmails(db: DbOrTrx, emails: readonly EmailInput[]): Promise<void> {
  if (emails.length === 0) return;
  await db
    .insertInto('email_outbox')
    .values(emails.map((e) => ({ user_id: e.userId, to_address: e.to, subject: e.subject, body_text: e.text, unsubscribe_path: e.unsubscribePath })))
    .execute();
}

const outboxColumns = ['id', 'to_address', 'subject', 'body_text', 'unsubscribe_path', 'created_at', 'sent_at', 'attempts', 'last_error'] as const;

type OutboxRow = { id: number; to_address: string; subject: string; body_text: string; unsubscribe_path: string | null; created_at: Date; sent_at: Date | null; attempts: number; last_error: string | null };

const toEmail = (row: OutboxRow): OutboxEmail => ({
  id: row.id,
  to: row.to_address,
  subject: row.subject,
  text: row.body_text,
  unsubscribePath: row.unsubscribe_path,
  createdAt: row.created_at,
  sentAt: row.sent_at,
  attempts: row.attempts,
  lastError: row.last_error,
});

/** One page of the outbox, newest first. */
export async function listOutbox(db: DbOrTrx, limit: number, offset: number): Promise<OutboxEmail[]> {
  const rows = await db.selectFrom('email_outbox').select([...outboxColumns]).orderBy('id', 'desc').limit(limit).offset(offset).execute();
  return rows.map(toEmail);
}

export async function countOutbox(db: DbOrTrx): Promise<number> {
  const row = await db.selectFrom('email_outbox').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Claims up to `limit` unsent emails for one delivery run and commits at once, so SMTP is never
 * talked to inside a transaction (PGlite has one connection). A claimed email is retried after
 * ten minutes if its sender died before marking it; five attempts at most.
 */
export async function claimUnsentEmails(db: DbOrTrx, limit: number): Promise<OutboxEmail[]> {
  const rows = await db
    .updateTable('email_outbox')
    .set({ next_attempt_at: sql<Date>`now() + interval '10 minutes'`, attempts: sql<number>`attempts + 1` })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('email_outbox')
        .select('id')
        .where('sent_at', 'is', null)
        .where('next_attempt_at', '<=', sql<Date>`now()`)
        .where('attempts', '<', 5)
        .orderBy('next_attempt_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning([...outboxColumns])
    .execute();
  return rows.map(toEmail);
}

export async function markEmailSent(db: DbOrTrx, id: number): Promise<void> {
  await db.updateTable('email_outbox').set({ sent_at: sql<Date>`now()`, last_error: null }).where('id', '=', id).execute();
}

export async function markEmailFailed(db: DbOrTrx, id: number, error: string): Promise<void> {
  await db.updateTable('email_outbox').set({ last_error: error.slice(0, 500), next_attempt_at: sql<Date>`now() + interval '5 minutes'` }).where('id', '=', id).execute();
}

/** Mail older than `days` goes, sent or not: the outbox is a record and a queue, not an archive. */
export async function pruneOutbox(db: DbOrTrx, days: number): Promise<number> {
  const result = await db.deleteFrom('email_outbox').where('created_at', '<', sql<Date>`now() - make_interval(days => ${days})`).executeTakeFirst();
  return Number(result.numDeletedRows);
}
