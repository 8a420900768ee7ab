import type { ColumnType, Generated } from 'kysely';
import type { TagType } from './tags.model.ts';

export interface TagsTable {
  id: Generated<number>;
  type: TagType;
  name: string;
  canonical: ColumnType<boolean, boolean | undefined, boolean>;
  position: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: ColumnType<Date, never, never>;
}

export interface WorkTagsTable {
  work_id: number;
  tag_id: number;
  position: ColumnType<number, number | undefined, number>;
}
