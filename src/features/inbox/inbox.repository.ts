import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import type { InboxKind } from './inbox.table.ts';

export interface InboxItemInput {
  userId: number;
  kind: InboxKind;
  workId?: number | null;
  commentId?: number | null;
  /** Plain text, shown escaped. */
  summary: string;
  /** A path inside the archive, starting with "/". */
  url: string;
}

/** Delivers notices; call it in the same transaction as what they announce. */
export async function addInboxItems(db: DbOrTrx, items: readonly InboxItemInput[]): Promise<void> {
  if (items.length === 0) return;
  await db
    .insertInto('inbox_items')
    .values(items.map((item) => ({
      user_id: item.userId,
      kind: item.kind,
      work_id: item.workId ?? null,
      comment_id: item.commentId ?? null,
      summary: item.summary.slice(0, 1000),
      url: item.url,
    })))
    .execute();
}

export async function countUnread(db: DbOrTrx, userId: number): Promise<number> {
  const row = await db
    .selectFrom('inbox_items')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One notice as the inbox page shows it, with the comment it is about (if any). */
export interface InboxEntry {
  id: number;
  kind: InboxKind;
  summary: string;
  url: string;
  read: boolean;
  createdAt: Date;
  commentId: number | null;
  /** The comment's sanitized text, when the notice is about a comment that is still there. */
  commentBody: string | null;
  /** The comment can take a reply from the inbox (approved, not deleted, not frozen). */
  replyable: boolean;
}

/** A page of the member's notices, newest first, with the total for paging (one query). */
export async function listInboxPage(db: DbOrTrx, userId: number, offset: number, limit: number): Promise<{ entries: InboxEntry[]; total: number }> {
  const rows = await db
    .selectFrom('inbox_items as i')
    .leftJoin('comments as c', 'c.id', 'i.comment_id')
    .select([
      'i.id',
      'i.kind',
      'i.summary',
      'i.url',
      'i.read_at',
      'i.created_at',
      'i.comment_id',
      'c.body as comment_body',
      sql<boolean>`coalesce(c.approved and c.deleted_at is null and not c.frozen, false)`.as('replyable'),
      sql<number>`count(*) over ()`.as('total'),
    ])
    .where('i.user_id', '=', userId)
    .orderBy('i.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return {
    total: Number(rows[0]?.total ?? 0),
    entries: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      summary: row.summary,
      url: row.url,
      read: row.read_at !== null,
      createdAt: row.created_at,
      commentId: row.comment_id,
      commentBody: row.comment_body || null,
      replyable: row.replyable,
    })),
  };
}

export async function countInbox(db: DbOrTrx, userId: number): Promise<number> {
  const row = await db.selectFrom('inbox_items').select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Marks one of the member's notices read or unread; false when it isn't theirs. */
export async function setInboxItemRead(db: DbOrTrx, userId: number, itemId: number, read: boolean): Promise<boolean> {
  const result = await db
    .updateTable('inbox_items')
    .set({ read_at: read ? sql<Date>`coalesce(read_at, now())` : null })
    .where('id', '=', itemId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function markAllInboxRead(db: DbOrTrx, userId: number): Promise<void> {
  await db.updateTable('inbox_items').set({ read_at: sql<Date>`now()` }).where('user_id', '=', userId).where('read_at', 'is', null).execute();
}

/** Marks read the member's notices about one comment (after they answered it from the inbox). */
export async function markReadAbout(db: DbOrTrx, userId: number, commentId: number): Promise<void> {
  await db.updateTable('inbox_items').set({ read_at: sql<Date>`now()` }).where('user_id', '=', userId).where('comment_id', '=', commentId).where('read_at', 'is', null).execute();
}

/** The unread count as a subquery on the outer `users` row, so the session query carries it. */
export const unreadCountSql = sql<number>`(select count(*) from inbox_items ii where ii.user_id = users.id and ii.read_at is null)`;
