import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import { SUGGESTABLE_TYPES, type VocabularyRow } from './suggestions/vocabulary.ts';

/**
 * Every canonical fandom, character, relationship and additional tag, with its parents, and
 * every synonym of one: the names the tag suggester looks for, in one query. Tens of thousands
 * of short rows; the parents come from the tag_parents (child_id) index.
 */
export async function listSuggestableTags(db: DbOrTrx): Promise<VocabularyRow[]> {
  const rows = await db
    .selectFrom('tags as t')
    .select([
      't.id',
      't.type',
      't.name',
      sql<number>`coalesce(t.synonym_of, t.id)`.as('canonical_id'),
      sql<number[]>`case when t.canonical then array(select p.parent_id from tag_parents p where p.child_id = t.id) else '{}'::bigint[] end`.as('parent_ids'),
    ])
    .where('t.type', 'in', [...SUGGESTABLE_TYPES])
    .where((eb) => eb.or([eb('t.canonical', '=', true), eb('t.synonym_of', 'is not', null)]))
    .execute();
  return rows.map((row) => ({
    id: row.id,
    type: row.type as VocabularyRow['type'],
    name: row.name,
    canonicalId: Number(row.canonical_id),
    parentIds: row.parent_ids.map(Number),
  }));
}
