import { sql, type RawBuilder } from 'kysely';

/**
 * PLACEHOLDER owned by the search helper, who replaces this file at merge with the real
 * parser and SQL (see /work/wt/COMMON.md, "Text search module"). The listings call these
 * three functions with exactly these signatures; until then nothing is searchable, so the
 * listing ignores `q`, `full_text` and `sort=best`.
 */
export interface TextQuery {
  /** The raw text, kept so a real implementation can replace this shape freely. */
  raw: string;
}

/** Never throws; null when there is nothing searchable in `raw`. */
export function parseTextQuery(raw: string): TextQuery | null {
  void raw;
  return null;
}

/** True for the outer `works` row when it matches the query (the real one looks at chapter text too with fullText). */
export function textMatchSql(query: TextQuery, options: { fullText: boolean }): RawBuilder<boolean> {
  void query;
  void options;
  return sql<boolean>`true`;
}

/** The outer `works` row's rank for the query, higher is better. */
export function textRankSql(query: TextQuery): RawBuilder<number> {
  void query;
  return sql<number>`0`;
}
