import type { ColumnType, Generated } from 'kysely';
import type { TagType } from './tags.model.ts';

export interface TagsTable {
  id: Generated<number>;
  type: TagType;
  name: string;
  canonical: ColumnType<boolean, boolean | undefined, boolean>;
  position: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: ColumnType<Date, never, never>;
  /** The canonical tag of the same type this one is a synonym of; null for canonical and unwrangled tags. */
  synonym_of: ColumnType<number | null, number | null | undefined, number | null>;
  unwrangleable: ColumnType<boolean, boolean | undefined, boolean>;
  /** Works tagged with this tag directly; kept by triggers on work_tags (migration 0009). */
  taggings_count: ColumnType<number, never, never>;
}

export interface WorkTagsTable {
  work_id: number;
  tag_id: number;
  position: ColumnType<number, number | undefined, number>;
}

/** Parent links: fandom → character, relationship, freeform; character → relationship. */
export interface TagParentsTable {
  parent_id: number;
  child_id: number;
}

/** Meta/sub links between canonical tags of one type; never a cycle. */
export interface MetaTagsTable {
  meta_id: number;
  sub_id: number;
}

/** The lowercased words of each tag name, kept by triggers on tags (migration 0009), for autocomplete. */
export interface TagWordsTable {
  tag_id: number;
  type: TagType;
  word: string;
}
