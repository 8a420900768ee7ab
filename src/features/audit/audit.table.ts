import type { ColumnType, Generated } from 'kysely';

/** One change made by a wrangler or an admin. Only ever inserted. */
export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number | null;
  actor_name: string;
  action: string;
  tag_id: number | null;
  tag_name: string | null;
  subject_user_id: number | null;
  summary: string;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
  created_at: ColumnType<Date, never, never>;
}
