import type { ColumnType, Generated } from 'kysely';

/** A member's bookmark of a work or a series (exactly one of the two). Migration 0015. */
export interface BookmarksTable {
  id: Generated<number>;
  user_id: number;
  work_id: number | null;
  series_id: number | null;
  /** Sanitized HTML. */
  notes: ColumnType<string, string | undefined, string>;
  private: ColumnType<boolean, boolean | undefined, boolean>;
  rec: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: ColumnType<Date, never, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

/** The bookmarker's own tags, free text, in the order typed. */
export interface BookmarkTagsTable {
  bookmark_id: number;
  position: number;
  name: string;
}
