import type { ColumnType, Generated } from 'kysely';
import type { CommentPermission } from '../comments/comments.table.ts';

type CreatedAt = ColumnType<Date, never, never>;
type Timestamp = ColumnType<Date, Date | undefined, Date>;
type TextWithDefault = ColumnType<string, string | undefined, string>;

export interface WorksTable {
  id: Generated<number>;
  title: string;
  summary: TextWithDefault;
  notes: TextWithDefault;
  end_notes: TextWithDefault;
  word_count: ColumnType<number, number | undefined, number>;
  chapter_count: ColumnType<number, number | undefined, number>;
  expected_chapters: ColumnType<number | null, number | null | undefined, number | null>;
  published_at: Timestamp;
  revised_at: Timestamp;
  /** Derived by the tag graph (tags/tag-graph.repository.ts); written only with SQL there. int8[] arrives as strings. */
  filter_tag_ids: ColumnType<string[], never, never>;
  created_at: CreatedAt;
  updated_at: Timestamp;
  language: ColumnType<string, string | undefined, string>;
  /** False while the work is a draft, visible only to its creators. */
  posted: ColumnType<boolean, boolean | undefined, boolean>;
  /** Members-only: invisible to guests everywhere. */
  restricted: ColumnType<boolean, boolean | undefined, boolean>;
  backdated: ColumnType<boolean, boolean | undefined, boolean>;
  /** Response counters (migration 0010), kept by the feature that owns each response. */
  hits_count: ColumnType<number, number | undefined, number>;
  kudos_count: ColumnType<number, number | undefined, number>;
  comments_count: ColumnType<number, number | undefined, number>;
  bookmarks_count: ColumnType<number, number | undefined, number>;
  /** Derived by triggers (migration 0011): fandoms of more than one family; accepted creators' names, lowercased. */
  crossover: ColumnType<boolean, never, never>;
  creator_sort: ColumnType<string, never, never>;
  /** tsvector (migration 0012), written only with SQL in search/search.repository.ts and tag-graph.repository.ts. */
  search_document: ColumnType<string, never, never>;
  /** Who may comment, and whether new comments wait for a creator's approval (migration 0014). */
  comment_permission: ColumnType<CommentPermission, CommentPermission | undefined, CommentPermission>;
  moderate_comments: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface ChaptersTable {
  id: Generated<number>;
  work_id: number;
  position: number;
  title: TextWithDefault;
  summary: TextWithDefault;
  notes: TextWithDefault;
  end_notes: TextWithDefault;
  body: string;
  word_count: ColumnType<number, number | undefined, number>;
  published_at: Timestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
  /** Bumped by every save, so a save from a stale form is refused (migration 0003). */
  lock_version: ColumnType<number, number | undefined, number>;
  /** tsvector of the body's text (migration 0012), kept by a trigger on chapters. */
  search_text: ColumnType<string, never, never>;
}

export interface CreatorshipsTable {
  work_id: number;
  pseud_id: number;
  position: ColumnType<number, number | undefined, number>;
  /** Null while a co-creator invitation is pending. */
  accepted_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: CreatedAt;
}
