import type { ColumnType, Generated } from 'kysely';

/** One kudos: from a member (user_id) or a guest (ip_hash, a keyed hash of the address). Migration 0015. */
export interface KudosTable {
  id: Generated<number>;
  work_id: number;
  user_id: number | null;
  ip_hash: string | null;
  created_at: ColumnType<Date, never, never>;
}
