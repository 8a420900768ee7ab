import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import type { Tag, TagType } from '../tags/tags.model.ts';
import type { AssignedFandom, QueuePage, QueueType } from './queue.model.ts';

/**
 * A tag still to wrangle: neither canonical nor a synonym, not marked unwrangleable, with no
 * parent at all; or canonical but with no fandom parent yet.
 */
const unwrangled = (t: string): RawBuilder<SqlBool> => sql<SqlBool>`(
  ${sql.ref(`${t}.synonym_of`)} is null and not ${sql.ref(`${t}.unwrangleable`)} and (
    (not ${sql.ref(`${t}.canonical`)} and not exists (select 1 from tag_parents p where p.child_id = ${sql.ref(`${t}.id`)}))
    or (${sql.ref(`${t}.canonical`)} and not exists (
      select 1 from tag_parents p join tags pf on pf.id = p.parent_id where p.child_id = ${sql.ref(`${t}.id`)} and pf.type = 'fandom'))
  ))`;

/** Works in the fandom: tagged with it, a synonym of it, or one of its sub-fandoms. Drafts count, as on AO3. */
const inFandom = (w: string, fandomId: RawBuilder<unknown> | number): RawBuilder<SqlBool> =>
  sql<SqlBool>`${sql.ref(`${w}.filter_tag_ids`)} @> array[${fandomId}]::bigint[]`;

/** One page of a fandom's queue of one type, most used first, with the queue's size, in one query. */
export async function listQueue(db: DbOrTrx, fandomId: number, type: QueueType, page: number, pageSize: number): Promise<QueuePage> {
  const result = await sql<{ id: number; type: TagType; name: string; canonical: boolean; created_at: Date; work_count: string; total: string }>`
    select t.id, t.type, t.name, t.canonical, t.created_at, count(*) as work_count, count(*) over () as total
    from works w
    join work_tags wt on wt.work_id = w.id
    join tags t on t.id = wt.tag_id
    where ${inFandom('w', fandomId)} and t.type = ${type} and ${unwrangled('t')}
    group by t.id
    order by count(*) desc, lower(t.name), t.id
    limit ${pageSize} offset ${(page - 1) * pageSize}
  `.execute(db);
  return {
    tags: result.rows.map((r) => ({ id: r.id, type: r.type, name: r.name, canonical: r.canonical, createdAt: r.created_at, workCount: Number(r.work_count) })),
    total: Number(result.rows[0]?.total ?? 0),
  };
}

/** A wrangler's assigned fandoms, alphabetical, each with the size of its three queues, in one query. */
export async function listAssignedFandoms(db: DbOrTrx, userId: number): Promise<AssignedFandom[]> {
  const result = await sql<Tag & { character: string; relationship: string; freeform: string }>`
    select f.id, f.type, f.name,
      count(distinct t.id) filter (where t.type = 'character') as character,
      count(distinct t.id) filter (where t.type = 'relationship') as relationship,
      count(distinct t.id) filter (where t.type = 'freeform') as freeform
    from wrangler_fandoms wf
    join tags f on f.id = wf.fandom_id
    left join works w on ${inFandom('w', sql.ref('f.id'))}
    left join work_tags wt on wt.work_id = w.id
    left join tags t on t.id = wt.tag_id and t.type in ('character', 'relationship', 'freeform') and ${unwrangled('t')}
    where wf.user_id = ${userId}
    group by f.id, f.type, f.name
    order by lower(f.name), f.id
  `.execute(db);
  return result.rows.map((r) => ({
    id: r.id,
    type: r.type,
    name: r.name,
    unwrangled: { character: Number(r.character), relationship: Number(r.relationship), freeform: Number(r.freeform) },
  }));
}

/** `%` and `_` typed by a wrangler are matched literally. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Canonical fandoms whose name contains the text (all of them for no text), alphabetical. */
export async function searchCanonicalFandoms(db: DbOrTrx, text: string, limit: number): Promise<Tag[]> {
  let query = db.selectFrom('tags').select(['id', 'type', 'name']).where('type', '=', 'fandom').where('canonical', '=', true);
  if (text !== '') query = query.where(sql<string>`lower(name)`, 'like', likePattern(text.toLowerCase()));
  return query.orderBy(sql`lower(name)`).orderBy('id').limit(limit).execute();
}

/** The state of each chosen tag as a bulk action needs it, read after the graph lock is held. */
export interface BulkTag extends Tag {
  canonical: boolean;
  synonymOf: number | null;
  unwrangleable: boolean;
  /** Already a child of the queue's fandom. */
  inFandom: boolean;
}

export async function findBulkTags(db: DbOrTrx, ids: number[], fandomId: number): Promise<Map<number, BulkTag>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('tags as t')
    .select([
      't.id',
      't.type',
      't.name',
      't.canonical',
      't.synonym_of',
      't.unwrangleable',
      sql<boolean>`exists (select 1 from tag_parents p where p.child_id = t.id and p.parent_id = ${fandomId})`.as('in_fandom'),
    ])
    .where('t.id', 'in', ids)
    .execute();
  return new Map(
    rows.map((r) => [r.id, { id: r.id, type: r.type, name: r.name, canonical: r.canonical, synonymOf: r.synonym_of, unwrangleable: r.unwrangleable, inFandom: r.in_fandom }]),
  );
}
