import type { ColumnType } from 'kysely';

type Timestamp = ColumnType<Date, Date | undefined, Date>;

/** One row per member and work they visited (migration 0015). */
export interface ReadingHistoryTable {
  user_id: number;
  work_id: number;
  first_visited_at: Timestamp;
  last_visited_at: Timestamp;
  visit_count: ColumnType<number, number | undefined, number>;
  /** The furthest chapter viewed; null once that chapter is deleted. */
  chapter_id: number | null;
}

export interface MarkedForLaterTable {
  user_id: number;
  work_id: number;
  created_at: ColumnType<Date, never, never>;
}

/** A row only for members who changed the setting; no row means history is on. */
export interface HistorySettingsTable {
  user_id: number;
  enabled: boolean;
  updated_at: Timestamp;
}
