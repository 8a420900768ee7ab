import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import type { FreeTagType, SystemTagType, Tag, TagType } from './tags.model.ts';

export interface TagRef {
  type: TagType;
  name: string;
}

/** The fixed rating, warning and category tags, in display order. */
export async function listSystemTags(db: DbOrTrx): Promise<Record<SystemTagType, Tag[]>> {
  const rows = await db
    .selectFrom('tags')
    .select(['id', 'type', 'name'])
    .where('type', 'in', ['rating', 'warning', 'category'])
    .orderBy('type')
    .orderBy('position')
    .execute();
  const byType: Record<SystemTagType, Tag[]> = { rating: [], warning: [], category: [] };
  for (const row of rows) byType[row.type as SystemTagType].push(row);
  return byType;
}

/**
 * Finds each tag by type and name (ignoring case), creating free tags on first use.
 * Concurrent first uses of one name both end up with the same row.
 */
export async function findOrCreateTags(db: DbOrTrx, refs: TagRef[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (refs.length === 0) return ids;
  const free = refs.filter((ref): ref is { type: FreeTagType; name: string } => !['rating', 'warning', 'category'].includes(ref.type));
  if (free.length > 0) {
    await db
      .insertInto('tags')
      .values(free.map((ref) => ({ type: ref.type, name: ref.name })))
      .onConflict((oc) => oc.expression(sql`type, lower(name)`).doNothing())
      .execute();
  }
  const rows = await db
    .selectFrom('tags')
    .select(['id', 'type', 'name'])
    .where((eb) => eb.or(refs.map((ref) => eb.and([eb('type', '=', ref.type), eb(sql<string>`lower(name)`, '=', ref.name.toLowerCase())]))))
    .execute();
  for (const row of rows) ids.set(tagKey(row), row.id);
  return ids;
}

export const tagKey = (ref: TagRef) => `${ref.type}:${ref.name.toLowerCase()}`;

/** Replaces a work's tags with the given ones, keeping the writer's order. */
export async function replaceWorkTags(db: DbOrTrx, workId: number, tagIds: number[]): Promise<void> {
  await db.deleteFrom('work_tags').where('work_id', '=', workId).execute();
  if (tagIds.length === 0) return;
  await db
    .insertInto('work_tags')
    .values(tagIds.map((tagId, position) => ({ work_id: workId, tag_id: tagId, position })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}
