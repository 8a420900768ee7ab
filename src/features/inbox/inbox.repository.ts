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
