import type { ColumnType } from 'kysely';

export interface ReaderPreferencesTable {
  user_id: number;
  font_size: number;
  line_width: string;
  theme: string;
  hide_tags: boolean;
  hide_lyrics: boolean;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
