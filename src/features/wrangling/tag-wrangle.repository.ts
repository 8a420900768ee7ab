import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import type { TagDetails } from '../tags/tags.model.ts';

/** A tag by id, with the canonical tag it is a synonym of. */
export async function findTagDetailsById(db: DbOrTrx, id: number): Promise<TagDetails | undefined> {
  const row = await db
    .selectFrom('tags as t')
    .leftJoin('tags as c', 'c.id', 't.synonym_of')
    .select(['t.id', 't.type', 't.name', 't.canonical', 't.unwrangleable', 'c.id as c_id', 'c.type as c_type', 'c.name as c_name'])
    .where('t.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const synonymOf = row.c_id !== null && row.c_type !== null && row.c_name !== null ? { id: row.c_id, type: row.c_type, name: row.c_name } : null;
  return { id: row.id, type: row.type, name: row.name, canonical: row.canonical, unwrangleable: row.unwrangleable, synonymOf };
}

export interface TagWorkCounts {
  /** Works whose writer used this tag itself. */
  tagged: number;
  /** Works readers find under it: through its synonyms and sub-tags too. */
  found: number;
}

/** Counts every work, drafts and members-only ones included: wranglers judge a tag's use, not its content. */
export async function countTagWorks(db: DbOrTrx, tagId: number): Promise<TagWorkCounts> {
  const row = await db
    .selectNoFrom([
      sql<string>`(select count(*) from work_tags where tag_id = ${tagId})`.as('tagged'),
      sql<string>`(select count(*) from works where filter_tag_ids @> array[${tagId}::bigint])`.as('found'),
    ])
    .executeTakeFirstOrThrow();
  return { tagged: Number(row.tagged), found: Number(row.found) };
}
