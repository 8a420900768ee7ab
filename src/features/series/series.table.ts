import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;
type Timestamp = ColumnType<Date, Date | undefined, Date>;
type TextWithDefault = ColumnType<string, string | undefined, string>;

export interface SeriesTable {
  id: Generated<number>;
  title: string;
  summary: TextWithDefault;
  notes: TextWithDefault;
  complete: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SeriesCreatorshipsTable {
  series_id: number;
  pseud_id: number;
  position: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
}

/** A work's place in a series; positions run 1..n without gaps. */
export interface SerialWorksTable {
  series_id: number;
  work_id: number;
  position: number;
  created_at: CreatedAt;
}
