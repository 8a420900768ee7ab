import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import { visibleWorkSql } from '../works/works.repository.ts';
import { isFixedTagType, UNCATEGORIZED_MEDIA, type MediaFandoms, type FreeTagType, type RelatedTags, type Tag, type TagDetails, type TagRelation, type TagType } from './tags.model.ts';

export interface TagRef {
  type: TagType;
  name: string;
}

/**
 * Finds each tag by type and name (ignoring case), creating free tags on first use
 * (never system tags or media: those are fixed by the archive).
 * Concurrent first uses of one name both end up with the same row.
 */
export async function findOrCreateTags(db: DbOrTrx, refs: TagRef[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (refs.length === 0) return ids;
  const free = refs.filter((ref): ref is { type: FreeTagType; name: string } => !isFixedTagType(ref.type));
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
  // The delete and the insert each update free tags' use counts (triggers, migration 0009).
  // Locking those tag rows first, in id order, keeps two concurrent saves from deadlocking.
  // Fixed tags (ratings, warnings, categories) aren't counted, so no save waits on them.
  await sql`
    select 1 from tags
    where id = any(array(select tag_id from work_tags where work_id = ${workId}) || ${tagIds}::bigint[])
      and type in ('fandom', 'character', 'relationship', 'freeform')
    order by id for no key update
  `.execute(db);
  await db.deleteFrom('work_tags').where('work_id', '=', workId).execute();
  if (tagIds.length === 0) return;
  await db
    .insertInto('work_tags')
    .values(tagIds.map((tagId, position) => ({ work_id: workId, tag_id: tagId, position })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** A tag by type and name (ignoring case), with the canonical tag it is a synonym of. */
export async function findTagDetails(db: DbOrTrx, type: TagType, name: string): Promise<TagDetails | undefined> {
  const row = await db
    .selectFrom('tags as t')
    .leftJoin('tags as c', 'c.id', 't.synonym_of')
    .select(['t.id', 't.type', 't.name', 't.canonical', 't.unwrangleable', 'c.id as c_id', 'c.type as c_type', 'c.name as c_name'])
    .where('t.type', '=', type)
    .where(sql<string>`lower(t.name)`, '=', name.toLowerCase())
    .executeTakeFirst();
  if (!row) return undefined;
  const synonymOf = row.c_id !== null && row.c_type !== null && row.c_name !== null ? { id: row.c_id, type: row.c_type, name: row.c_name } : null;
  return { id: row.id, type: row.type, name: row.name, canonical: row.canonical, unwrangleable: row.unwrangleable, synonymOf };
}

/** Synonyms, parents, children, meta- and sub-tags of one tag, in one query. */
export async function listRelatedTags(db: DbOrTrx, tagId: number): Promise<RelatedTags> {
  const result = await sql<Tag & { relation: TagRelation }>`
    select l.relation, t.id, t.type, t.name from (
      select 'synonym' as relation, id as tag_id from tags where synonym_of = ${tagId}
      union all select 'parent', parent_id from tag_parents where child_id = ${tagId}
      union all select 'child', child_id from tag_parents where parent_id = ${tagId}
      union all select 'meta', meta_id from meta_tags where sub_id = ${tagId}
      union all select 'sub', sub_id from meta_tags where meta_id = ${tagId}
    ) l join tags t on t.id = l.tag_id
    order by t.type, lower(t.name)
  `.execute(db);
  const related: RelatedTags = { synonym: [], parent: [], child: [], meta: [], sub: [] };
  for (const { relation, id, type, name } of result.rows) related[relation].push({ id, type, name });
  return related;
}

/**
 * Canonical fandoms grouped by media, each with the works the viewer may see under it, in one
 * query. A fandom is under each media it is a child of, or under "Uncategorized Fandoms" when it
 * has none. `top` keeps each media's N fandoms with the most works (ties by name); without it,
 * all of them, alphabetically. Media come alphabetically, "Uncategorized Fandoms" last, and
 * media with no fandoms are left out.
 */
export async function listMediaFandoms(db: DbOrTrx, viewer: Viewer | null, options: { mediaId?: number; top?: number } = {}): Promise<MediaFandoms[]> {
  const { mediaId, top } = options;
  const isMediaParent = sql`exists (select 1 from tag_parents p join tags m on m.id = p.parent_id and m.type = 'media' where p.child_id = f.id)`;
  const result = await sql<{ media_id: number; media_name: string; id: number; name: string; work_count: number; fandom_count: number; rank: number }>`
    with fandoms as (
      select id, name from tags where type = 'fandom' and canonical
    ), placed as (
      select p.parent_id as media_id, f.id, f.name from fandoms f
        join tag_parents p on p.child_id = f.id
        join tags m on m.id = p.parent_id and m.type = 'media'
      union all
      select u.id, f.id, f.name from fandoms f
        join tags u on u.type = 'media' and u.name = ${UNCATEGORIZED_MEDIA}
        where not ${isMediaParent}
    ), chosen as (
      select * from placed where ${mediaId === undefined ? sql`true` : sql`media_id = ${mediaId}`}
    ), counted as (
      select f.id, count(w.id) as work_count
      from (select distinct id from chosen) f
      left join works w on w.filter_tag_ids @> array[f.id] and ${visibleWorkSql('w', viewer)}
      group by f.id
    ), ranked as (
      select c.media_id, c.id, c.name, n.work_count,
        row_number() over (partition by c.media_id order by n.work_count desc, lower(c.name), c.id) as rank,
        count(*) over (partition by c.media_id) as fandom_count
      from chosen c join counted n on n.id = c.id
    )
    select r.*, m.name as media_name from ranked r join tags m on m.id = r.media_id
    where ${top === undefined ? sql`true` : sql`r.rank <= ${top}`}
    order by m.name = ${UNCATEGORIZED_MEDIA}, lower(m.name), m.id, ${top === undefined ? sql`lower(r.name), r.id` : sql`r.rank`}
  `.execute(db);
  const groups: MediaFandoms[] = [];
  for (const row of result.rows) {
    let group = groups.at(-1);
    if (group?.media.id !== Number(row.media_id)) {
      group = { media: { id: Number(row.media_id), type: 'media', name: row.media_name }, fandoms: [], fandomCount: Number(row.fandom_count) };
      groups.push(group);
    }
    group.fandoms.push({ id: Number(row.id), type: 'fandom', name: row.name, workCount: Number(row.work_count) });
  }
  return groups;
}

/** Every tag's id and type (for the in-memory index of tags/tag-type-cache.ts). */
export async function listTagTypes(db: DbOrTrx): Promise<{ id: number; type: TagType }[]> {
  const rows = await db.selectFrom('tags').select(['id', 'type']).execute();
  return rows.map((row) => ({ id: Number(row.id), type: row.type }));
}

/** The type and name of each tag id given, and of every tag with an id above `newerThan`. */
export async function findTagTypesAndNames(db: DbOrTrx, ids: number[], newerThan: number): Promise<{ id: number; type: TagType; name: string }[]> {
  const rows = await db
    .selectFrom('tags')
    .select(['id', 'type', 'name'])
    .where((eb) => eb.or([eb('id', '=', sql<number>`any(${ids}::bigint[])`), eb('id', '>', newerThan)]))
    .execute();
  return rows.map((row) => ({ id: Number(row.id), type: row.type, name: row.name }));
}
