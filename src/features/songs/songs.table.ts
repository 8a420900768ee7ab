import type { ColumnType, Generated } from 'kysely';

export interface SongCreditsTable {
  id: Generated<number>;
  work_id: number;
  position: number;
  title: string;
  artist: string;
  link: string | null;
  created_at: ColumnType<Date, never, never>;
}
