import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import type { EmailMode, NotificationEventKind } from './notifications.table.ts';

export interface NotificationEvent {
  id: number;
  kind: NotificationEventKind;
  workId: number;
  chapterId: number | null;
  seriesId: number | null;
}

/**
 * Takes up to `limit` events out of the outbox, oldest first. The caller processes them in the
 * same transaction: if that fails, the delete rolls back and the events wait for the next run.
 * SKIP LOCKED lets two app servers drain at once without taking the same events.
 */
export async function takeEvents(trx: DbOrTrx, limit: number): Promise<NotificationEvent[]> {
  const rows = await trx
    .deleteFrom('notification_events')
    .where('id', 'in', (eb) => eb.selectFrom('notification_events').select('id').orderBy('id').limit(limit).forUpdate().skipLocked())
    .returning(['id', 'kind', 'work_id', 'chapter_id', 'series_id'])
    .execute();
  return rows
    .map((r) => ({ id: r.id, kind: r.kind, workId: r.work_id, chapterId: r.chapter_id, seriesId: r.series_id }))
    .sort((a, b) => a.id - b.id);
}

export async function countEvents(db: DbOrTrx): Promise<number> {
  const row = await db.selectFrom('notification_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export type SubscriptionReason = 'work' | 'user' | 'series';

export interface Recipient {
  subscriptionId: number;
  userId: number;
  username: string;
  email: string;
  mode: EmailMode;
  reason: SubscriptionReason;
  /** The subscription's thing, named: the work's or series' title, or the author's name. */
  subscribedTo: string;
}

/**
 * Everyone subscribed to what an event announces, one row per subscription: a new chapter
 * reaches the work's subscribers; a new work its creators' and its series' subscribers; a
 * work joining a series that series' subscribers.
 */
export async function findRecipients(db: DbOrTrx, event: NotificationEvent, creatorUserIds: readonly number[]): Promise<Recipient[]> {
  let query = db
    .selectFrom('subscriptions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('email_settings as es', 'es.user_id', 's.user_id')
    .leftJoin('works as w', 'w.id', 's.work_id')
    .leftJoin('users as a', 'a.id', 's.author_id')
    .leftJoin('series as se', 'se.id', 's.series_id')
    .select([
      's.id',
      's.user_id',
      'u.username',
      'u.email',
      sql<EmailMode>`coalesce(es.mode, 'immediate')`.as('mode'),
      sql<SubscriptionReason>`case when s.work_id is not null then 'work' when s.author_id is not null then 'user' else 'series' end`.as('reason'),
      sql<string>`coalesce(w.title, a.username, se.title)`.as('subscribed_to'),
    ]);
  if (event.kind === 'new_chapter') query = query.where('s.work_id', '=', event.workId);
  else if (event.kind === 'series_work') query = query.where('s.series_id', '=', event.seriesId ?? 0);
  else {
    query = query.where((eb) =>
      eb.or([
        ...(creatorUserIds.length > 0 ? [eb('s.author_id', 'in', creatorUserIds)] : []),
        eb('s.series_id', 'in', eb.selectFrom('serial_works').select('series_id').where('work_id', '=', event.workId)),
      ]),
    );
  }
  const rows = await query.orderBy('s.id').execute();
  return rows.map((r) => ({ subscriptionId: r.id, userId: r.user_id, username: r.username, email: r.email, mode: r.mode, reason: r.reason, subscribedTo: r.subscribed_to }));
}

export async function findChapterHeading(db: DbOrTrx, workId: number, chapterId: number): Promise<{ position: number; title: string } | undefined> {
  return db.selectFrom('chapters').select(['position', 'title']).where('work_id', '=', workId).where('id', '=', chapterId).executeTakeFirst();
}

export async function findSeriesTitle(db: DbOrTrx, seriesId: number): Promise<string | undefined> {
  const row = await db.selectFrom('series').select('title').where('id', '=', seriesId).executeTakeFirst();
  return row?.title;
}

export async function insertDigestItems(db: DbOrTrx, items: readonly { userId: number; summary: string; url: string }[]): Promise<void> {
  if (items.length === 0) return;
  await db.insertInto('email_digest_items').values(items.map((i) => ({ user_id: i.userId, summary: i.summary, url: i.url }))).execute();
}

export interface DigestBatch {
  userId: number;
  username: string;
  email: string;
  mode: EmailMode;
  items: { summary: string; url: string; createdAt: Date }[];
}

/** Takes every waiting digest item of up to `limit` members (deleting them in the caller's transaction). */
export async function takeDigestItems(trx: DbOrTrx, limit: number): Promise<DigestBatch[]> {
  const users = await trx
    .selectFrom('email_digest_items')
    .select('user_id')
    .distinct()
    .orderBy('user_id')
    .limit(limit)
    .execute();
  if (users.length === 0) return [];
  const ids = users.map((u) => u.user_id);
  const items = await trx
    .deleteFrom('email_digest_items')
    .where('id', 'in', (eb) => eb.selectFrom('email_digest_items').select('id').where('user_id', 'in', ids).forUpdate().skipLocked())
    .returning(['user_id', 'summary', 'url', 'created_at', 'id'])
    .execute();
  const people = await trx
    .selectFrom('users as u')
    .leftJoin('email_settings as es', 'es.user_id', 'u.id')
    .select(['u.id', 'u.username', 'u.email', sql<EmailMode>`coalesce(es.mode, 'immediate')`.as('mode')])
    .where('u.id', 'in', ids)
    .execute();
  return people.map((p) => ({
    userId: p.id,
    username: p.username,
    email: p.email,
    mode: p.mode,
    items: items
      .filter((i) => i.user_id === p.id)
      .sort((a, b) => a.id - b.id)
      .map((i) => ({ summary: i.summary, url: i.url, createdAt: i.created_at })),
  })).filter((batch) => batch.items.length > 0);
}
