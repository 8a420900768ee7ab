import { sql, type RawBuilder } from 'kysely';
import type { DbOrTrx } from './schema.ts';

/** PostgreSQL's estimate of how many rows `query` returns, from its plan: nothing is read. */
export async function estimateRows(db: DbOrTrx, query: RawBuilder<unknown>): Promise<number> {
  const result = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`explain (format json) ${query}`.execute(db);
  return Math.round(result.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
}

/** PostgreSQL's estimate of a table's rows (as of its last ANALYZE or VACUUM; 0 before either). */
export async function estimateTableRows(db: DbOrTrx, table: string): Promise<number> {
  const result = await sql<{ rows: number }>`select greatest(reltuples, 0)::float8 as rows from pg_class where oid = ${table}::regclass`.execute(db);
  return Number(result.rows[0]?.rows ?? 0);
}
