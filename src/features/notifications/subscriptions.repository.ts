import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import type { EmailMode } from './notifications.table.ts';
import type { SubscriptionListing, SubscriptionTarget } from './notifications.model.ts';

const COLUMN = { work: 'work_id', user: 'author_id', series: 'series_id' } as const;

/** Adds a subscription; null when the member already has it (the unique index decides, so a double click can't make two). */
export async function insertSubscription(db: DbOrTrx, userId: number, target: SubscriptionTarget): Promise<number | null> {
  const row = await db
    .insertInto('subscriptions')
    .values({ user_id: userId, [COLUMN[target.type]]: target.id })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

export async function findSubscriptionId(db: DbOrTrx, userId: number, target: SubscriptionTarget): Promise<number | undefined> {
  const row = await db.selectFrom('subscriptions').select('id').where('user_id', '=', userId).where(COLUMN[target.type], '=', target.id).executeTakeFirst();
  return row?.id;
}

export async function deleteSubscription(db: DbOrTrx, userId: number, target: SubscriptionTarget): Promise<boolean> {
  const result = await db.deleteFrom('subscriptions').where('user_id', '=', userId).where(COLUMN[target.type], '=', target.id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function deleteSubscriptionById(db: DbOrTrx, userId: number, subscriptionId: number): Promise<boolean> {
  const result = await db.deleteFrom('subscriptions').where('id', '=', subscriptionId).where('user_id', '=', userId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** What a subscription is to, named for people, plus where it lives. */
const listingQuery = (db: DbOrTrx) =>
  db
    .selectFrom('subscriptions as s')
    .leftJoin('works as w', 'w.id', 's.work_id')
    .leftJoin('users as a', 'a.id', 's.author_id')
    .leftJoin('series as se', 'se.id', 's.series_id')
    .select([
      's.id',
      's.user_id',
      's.work_id',
      's.author_id',
      's.series_id',
      's.created_at',
      sql<string>`coalesce(w.title, a.username, se.title)`.as('name'),
    ]);

type ListingRow = Awaited<ReturnType<ReturnType<typeof listingQuery>['executeTakeFirstOrThrow']>>;

function toListing(row: ListingRow): SubscriptionListing {
  const target: SubscriptionTarget =
    row.work_id !== null ? { type: 'work', id: row.work_id } : row.author_id !== null ? { type: 'user', id: row.author_id } : { type: 'series', id: row.series_id ?? 0 };
  return { id: row.id, userId: row.user_id, target, name: row.name, createdAt: row.created_at };
}

/** A member's subscriptions, newest first, in one query. */
export async function listSubscriptions(db: DbOrTrx, userId: number, limit: number): Promise<SubscriptionListing[]> {
  const rows = await listingQuery(db).where('s.user_id', '=', userId).orderBy('s.id', 'desc').limit(limit).execute();
  return rows.map(toListing);
}

export async function findSubscriptionListing(db: DbOrTrx, subscriptionId: number, userId: number): Promise<SubscriptionListing | undefined> {
  const row = await listingQuery(db).where('s.id', '=', subscriptionId).where('s.user_id', '=', userId).executeTakeFirst();
  return row && toListing(row);
}

export async function findEmailMode(db: DbOrTrx, userId: number): Promise<EmailMode> {
  const row = await db.selectFrom('email_settings').select('mode').where('user_id', '=', userId).executeTakeFirst();
  return row?.mode ?? 'immediate';
}

export async function saveEmailMode(db: DbOrTrx, userId: number, mode: EmailMode): Promise<void> {
  await db
    .insertInto('email_settings')
    .values({ user_id: userId, mode })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ mode, updated_at: new Date() }))
    .execute();
}
