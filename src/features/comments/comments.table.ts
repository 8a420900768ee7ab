import type { ColumnType, Generated } from 'kysely';

export type CommentPermission = 'everyone' | 'members' | 'nobody';

/** One comment or reply (migration 0014). */
export interface CommentsTable {
  id: Generated<number>;
  work_id: number;
  chapter_id: number | null;
  parent_id: number | null;
  user_id: number | null;
  pseud_id: number | null;
  guest_name: string | null;
  /** Never shown anywhere. */
  guest_email: string | null;
  /** Sanitized HTML; '' once deleted. */
  body: string;
  approved: boolean;
  frozen: ColumnType<boolean, boolean | undefined, boolean>;
  edited_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  deleted_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  created_at: ColumnType<Date, never, never>;
}

/** Recent comments per rate-limit key (a salted address hash or an account). */
export interface CommentAttemptsTable {
  key: string;
  created_at: ColumnType<Date, never, never>;
}
