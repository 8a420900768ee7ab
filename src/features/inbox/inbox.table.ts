import type { ColumnType, Generated } from 'kysely';

export type InboxKind = 'comment' | 'reply' | 'new_chapter' | 'new_work' | 'series_update';

/** One notice for one member (migration 0010). */
export interface InboxItemsTable {
  id: Generated<number>;
  user_id: number;
  kind: InboxKind;
  work_id: number | null;
  comment_id: number | null;
  summary: string;
  url: string;
  read_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: ColumnType<Date, never, never>;
}
