import type { DbOrTrx } from '../../platform/db/schema.ts';
import type { Tag } from '../tags/tags.model.ts';

/**
 * The tags an audit page names, as they are now (a renamed tag links to its current name),
 * in one query for the whole page.
 */
export async function findTagsByIds(db: DbOrTrx, ids: number[]): Promise<Map<number, Tag>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('tags').select(['id', 'type', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r]));
}
