import type { ColumnType } from 'kysely';

/** The fandoms a wrangler looks after; their queue starts with these. */
export interface WranglerFandomsTable {
  user_id: number;
  fandom_id: number;
  assigned_at: ColumnType<Date, never, never>;
}
