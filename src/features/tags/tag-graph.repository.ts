import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import type { TagType } from './tags.model.ts';

export interface GraphTag {
  id: number;
  type: TagType;
  name: string;
  canonical: boolean;
  synonymOf: number | null;
}

// One lock key for the whole tag graph. Graph changes take it exclusively, work saves share
// it, so a work saved during a graph change is computed against the graph after the change.
const GRAPH_LOCK = 7_362_104;

export async function lockGraphExclusive(db: DbOrTrx): Promise<void> {
  await sql`select pg_advisory_xact_lock(${GRAPH_LOCK})`.execute(db);
}

export async function lockGraphShared(db: DbOrTrx): Promise<void> {
  await sql`select pg_advisory_xact_lock_shared(${GRAPH_LOCK})`.execute(db);
}

export async function findGraphTags(db: DbOrTrx, ids: number[]): Promise<Map<number, GraphTag>> {
  const rows = await db.selectFrom('tags').select(['id', 'type', 'name', 'canonical', 'synonym_of']).where('id', 'in', ids).forUpdate().execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, type: r.type, name: r.name, canonical: r.canonical, synonymOf: r.synonym_of }]));
}

export async function countSynonymsAndMetaLinks(db: DbOrTrx, tagId: number): Promise<number> {
  const row = await db
    .selectNoFrom(
      sql<number>`(select count(*) from tags where synonym_of = ${tagId}) + (select count(*) from meta_tags where meta_id = ${tagId} or sub_id = ${tagId})`.as('n'),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function setSynonymOf(db: DbOrTrx, tagId: number, canonicalId: number | null): Promise<void> {
  await db.updateTable('tags').set({ synonym_of: canonicalId, canonical: canonicalId === null }).where('id', '=', tagId).execute();
}

/** True when `ancestorId` is `tagId` or one of its meta-tags, transitively. */
export async function isMetaAncestor(db: DbOrTrx, tagId: number, ancestorId: number): Promise<boolean> {
  const row = await sql<{ found: boolean }>`
    with recursive up(id) as (
      select ${tagId}::bigint
      union
      select m.meta_id from meta_tags m join up on m.sub_id = up.id
    )
    select exists (select 1 from up where id = ${ancestorId}) as found
  `.execute(db);
  return row.rows[0]?.found ?? false;
}

export async function insertMetaLink(db: DbOrTrx, metaId: number, subId: number): Promise<void> {
  await db.insertInto('meta_tags').values({ meta_id: metaId, sub_id: subId }).onConflict((oc) => oc.doNothing()).execute();
}

export async function deleteMetaLink(db: DbOrTrx, metaId: number, subId: number): Promise<boolean> {
  const result = await db.deleteFrom('meta_tags').where('meta_id', '=', metaId).where('sub_id', '=', subId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function insertParentLink(db: DbOrTrx, parentId: number, childId: number): Promise<void> {
  await db.insertInto('tag_parents').values({ parent_id: parentId, child_id: childId }).onConflict((oc) => oc.doNothing()).execute();
}

export async function setUnwrangleable(db: DbOrTrx, tagId: number, value: boolean): Promise<void> {
  await db.updateTable('tags').set({ unwrangleable: value }).where('id', '=', tagId).execute();
}

/**
 * Recomputes the filter tags of the chosen works in one statement: each tag's canonical tag
 * (itself unless it is a synonym), plus every meta-tag above that, transitively.
 */
async function recomputeWhere(db: DbOrTrx, chosen: RawBuilder<SqlBool>): Promise<void> {
  await sql`
    with recursive chosen as (
      select w.id from works w where ${chosen}
    ), closure(work_id, tag_id) as (
      select wt.work_id, coalesce(t.synonym_of, t.id)
      from work_tags wt join tags t on t.id = wt.tag_id
      where wt.work_id in (select id from chosen)
      union
      select c.work_id, m.meta_id from closure c join meta_tags m on m.sub_id = c.tag_id
    ), agg as (
      select work_id, array_agg(tag_id order by tag_id) as ids from closure group by work_id
    )
    update works set filter_tag_ids = coalesce((select agg.ids from agg where agg.work_id = works.id), '{}')
    where works.id in (select id from chosen)
  `.execute(db);
}

export async function recomputeFilterTagsOfWork(db: DbOrTrx, workId: number): Promise<void> {
  await recomputeWhere(db, sql<SqlBool>`w.id = ${workId}`);
}

// Up to this many tags (a wrangling screen), `&&` finds the works through the GIN index. A
// tag set import passes tens of thousands, and `&&` compares every pair of elements, so the
// works' filter tags are joined against the set instead.
const FEW_TAGS = 100;

/** Works found under any of these tags now, or tagged with one of them directly. */
export async function recomputeFilterTagsOfWorksUnder(db: DbOrTrx, tagIds: number[]): Promise<void> {
  if (tagIds.length === 0) return;
  const ids = sql`cast(${`{${tagIds.join(',')}}`} as bigint[])`;
  const underFilter =
    tagIds.length <= FEW_TAGS
      ? sql`select f.id from works f where f.filter_tag_ids && ${ids}`
      : sql`select f.id from works f cross join unnest(f.filter_tag_ids) u(tag_id) where u.tag_id in (select unnest(${ids}))`;
  await recomputeWhere(db, sql<SqlBool>`w.id in (${underFilter} union select x.work_id from work_tags x where x.tag_id in (select unnest(${ids})))`);
}
