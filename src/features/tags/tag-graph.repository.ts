import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import { searchDocumentSql } from '../search/search.repository.ts';
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
 * (itself unless it is a synonym), plus every meta-tag above that, transitively. The same
 * UPDATE rewrites their search documents, which name those tags (search/search.repository.ts).
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
    ), fresh as (
      select c.id, coalesce(agg.ids, '{}') as ids from chosen c left join agg on agg.work_id = c.id
    )
    update works set filter_tag_ids = fresh.ids, search_document = ${searchDocumentSql(sql`fresh.ids`)}
    from fresh where works.id = fresh.id
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

// ---- Wrangle screen: removing parents, renaming, merging (see tag-graph.service.ts) ----

export async function deleteParentLink(db: DbOrTrx, parentId: number, childId: number): Promise<boolean> {
  const result = await db.deleteFrom('tag_parents').where('parent_id', '=', parentId).where('child_id', '=', childId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Another tag of this type with this name, ignoring case; the tag itself doesn't count. */
export async function findOtherTagNamed(db: DbOrTrx, type: TagType, name: string, exceptId: number): Promise<{ id: number; name: string } | undefined> {
  return db
    .selectFrom('tags')
    .select(['id', 'name'])
    .where('type', '=', type)
    .where(sql<string>`lower(name)`, '=', name.toLowerCase())
    .where('id', '<>', exceptId)
    .executeTakeFirst();
}

export async function setTagName(db: DbOrTrx, tagId: number, name: string): Promise<void> {
  await db.updateTable('tags').set({ name }).where('id', '=', tagId).execute();
}

/** Points every synonym of `fromId` at `toId`; returns how many moved. */
export async function moveSynonyms(db: DbOrTrx, fromId: number, toId: number): Promise<number> {
  const result = await db.updateTable('tags').set({ synonym_of: toId }).where('synonym_of', '=', fromId).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * Moves every parent, child, meta- and sub-link of `fromId` to `toId`. Links `toId` already
 * has are skipped, and a link between the two tags themselves is dropped (it would point at
 * itself). Returns how many links `fromId` had.
 */
export async function moveLinks(db: DbOrTrx, fromId: number, toId: number): Promise<number> {
  await sql`
    insert into tag_parents (parent_id, child_id)
    select parent_id, ${toId} from tag_parents where child_id = ${fromId} and parent_id <> ${toId}
    union select ${toId}, child_id from tag_parents where parent_id = ${fromId} and child_id <> ${toId}
    on conflict do nothing
  `.execute(db);
  await sql`
    insert into meta_tags (meta_id, sub_id)
    select meta_id, ${toId} from meta_tags where sub_id = ${fromId} and meta_id <> ${toId}
    union select ${toId}, sub_id from meta_tags where meta_id = ${fromId} and sub_id <> ${toId}
    on conflict do nothing
  `.execute(db);
  const parents = await db.deleteFrom('tag_parents').where((eb) => eb.or([eb('parent_id', '=', fromId), eb('child_id', '=', fromId)])).executeTakeFirst();
  const metas = await db.deleteFrom('meta_tags').where((eb) => eb.or([eb('meta_id', '=', fromId), eb('sub_id', '=', fromId)])).executeTakeFirst();
  return Number(parents.numDeletedRows) + Number(metas.numDeletedRows);
}

/** A tag both above and below `tagId` in the meta graph (so on a cycle through it), if there is one. */
export async function findMetaCycleThrough(db: DbOrTrx, tagId: number): Promise<string | undefined> {
  const result = await sql<{ name: string }>`
    with recursive up(id) as (
      select meta_id from meta_tags where sub_id = ${tagId}
      union select m.meta_id from meta_tags m join up on m.sub_id = up.id
    ), down(id) as (
      select sub_id from meta_tags where meta_id = ${tagId}
      union select m.sub_id from meta_tags m join down on m.meta_id = down.id
    )
    select t.name from tags t where t.id in (select id from up) and t.id in (select id from down)
    order by t.id = ${tagId}, lower(t.name) limit 1
  `.execute(db);
  return result.rows[0]?.name;
}

/** Recomputes the filter tags of works with ids from `fromId` to `toId` (a bulk load: `quire dev seed --append`). */
export async function recomputeFilterTagsOfWorkRange(db: DbOrTrx, fromId: number, toId: number): Promise<void> {
  await recomputeWhere(db, sql<SqlBool>`w.id between ${fromId} and ${toId}`);
}
