import type { ColumnType, Generated } from 'kysely';

/** The change feed the guest page cache follows (migration 0013; triggers write it). */
export interface PageCacheChangesTable {
  id: Generated<number>;
  xid: ColumnType<string, never, never>;
  created_at: ColumnType<Date, never, never>;
  keys: string[];
}
