import { sql } from 'kysely';
import type { DbOrTrx } from '../../../platform/db/schema.ts';
import { FREE_TAG_TYPES, MEDIA, type FreeTagType, type TagType } from '../tags.model.ts';
import { tagKey, type TagRef } from '../tags.repository.ts';

/*
 * The SQL of a tag set import. A file may hold 50,000 tags, so every statement takes whole
 * columns as array parameters (one parameter each, expanded with unnest) and works on the
 * whole set at once: a handful of statements per import, never one per tag.
 */

/** A tag already in the archive, as the checks need it. */
export interface ArchiveTag {
  id: number;
  type: TagType;
  name: string;
  canonical: boolean;
  synonymOf: { id: number; name: string } | null;
}

/** One meta link already in the archive, with both ends named for cycle messages. */
export interface ArchiveMetaLink {
  sub: TagRef;
  meta: TagRef;
}

const textArray = (values: string[]) => sql`cast(${values} as text[])`;
const bigintArray = (values: number[]) => sql`cast(${`{${values.join(',')}}`} as bigint[])`;

function toRefs(refs: TagRef[]): { types: string[]; names: string[] } {
  return { types: refs.map((r) => r.type), names: refs.map((r) => r.name.toLowerCase()) };
}

/** Free tags and media (the parents a fandom may name) whose name, ignoring case, is one of `names`. */
export async function findArchiveTags(db: DbOrTrx, names: string[]): Promise<Map<string, ArchiveTag>> {
  const lowered = [...new Set(names.map((n) => n.toLowerCase()))];
  if (lowered.length === 0) return new Map();
  const result = await sql<{ id: string; type: TagType; name: string; canonical: boolean; c_id: string | null; c_name: string | null }>`
    select t.id, t.type, t.name, t.canonical, c.id as c_id, c.name as c_name
    from tags t left join tags c on c.id = t.synonym_of
    where t.type = any(${textArray([...FREE_TAG_TYPES, MEDIA])}) and lower(t.name) in (select unnest(${textArray(lowered)}))
  `.execute(db);
  return new Map(
    result.rows.map((r) => [
      tagKey(r),
      { id: Number(r.id), type: r.type, name: r.name, canonical: r.canonical, synonymOf: r.c_id === null ? null : { id: Number(r.c_id), name: r.c_name ?? '' } },
    ]),
  );
}

/** Those of `ids` that collect synonyms or have meta/sub links: they can't become synonyms. */
export async function findTagsWithSynonymsOrMetaLinks(db: DbOrTrx, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const result = await sql<{ id: string }>`
    select t.id from unnest(${bigintArray(ids)}) t(id)
    where exists (select 1 from tags s where s.synonym_of = t.id)
       or exists (select 1 from meta_tags m where m.meta_id = t.id or m.sub_id = t.id)
  `.execute(db);
  return new Set(result.rows.map((r) => Number(r.id)));
}

// Above this many tags, reading every meta link once beats walking up from each of them.
const MANY_TAGS = 500;

/** Every archive meta link reachable upwards (sub → meta, transitively) from `ids` (or simply all of them). */
export async function findMetaLinksAbove(db: DbOrTrx, ids: number[]): Promise<ArchiveMetaLink[]> {
  if (ids.length === 0) return [];
  const links =
    ids.length > MANY_TAGS
      ? sql`select m.sub_id, m.meta_id from meta_tags m`
      : sql`
    with recursive up(sub_id, meta_id) as (
      select m.sub_id, m.meta_id from meta_tags m where m.sub_id in (select unnest(${bigintArray(ids)}))
      union
      select m.sub_id, m.meta_id from meta_tags m join up on m.sub_id = up.meta_id
    )
    select sub_id, meta_id from up`;
  const result = await sql<{ sub_type: TagType; sub_name: string; meta_type: TagType; meta_name: string }>`
    select s.type as sub_type, s.name as sub_name, t.type as meta_type, t.name as meta_name
    from (${links}) l join tags s on s.id = l.sub_id join tags t on t.id = l.meta_id
  `.execute(db);
  return result.rows.map((r) => ({ sub: { type: r.sub_type, name: r.sub_name }, meta: { type: r.meta_type, name: r.meta_name } }));
}

/**
 * Refreshes the planner's statistics of the tag tables after a bulk insert. A session caches
 * the plans of the synonym trigger and of the foreign key checks; planned while the table was
 * small, they scan it whole, once per row. New statistics make PostgreSQL plan them again, with
 * the indexes (a 50,000-tag import on PGlite went from minutes to seconds).
 */
export async function refreshTagStatistics(db: DbOrTrx): Promise<void> {
  await sql`analyze tags, tag_parents, meta_tags`.execute(db);
}

/** Inserts these new tags as canonical; returns the keys of those it created (a concurrent save may have made one first). */
export async function insertCanonicalTags(db: DbOrTrx, refs: TagRef[]): Promise<Map<string, number>> {
  if (refs.length === 0) return new Map();
  const result = await sql<{ id: string; type: FreeTagType; name: string }>`
    insert into tags (type, name, canonical)
    select v.type, v.name, true from unnest(${textArray(refs.map((r) => r.type))}, ${textArray(refs.map((r) => r.name))}) v(type, name)
    on conflict (type, lower(name)) do nothing
    returning id, type, name
  `.execute(db);
  return new Map(result.rows.map((r) => [tagKey(r), Number(r.id)]));
}

/** Makes the existing, not yet canonical ones of these tags canonical; returns how many changed. */
export async function markCanonical(db: DbOrTrx, refs: TagRef[]): Promise<number> {
  if (refs.length === 0) return 0;
  const { types, names } = toRefs(refs);
  const result = await sql`
    update tags t set canonical = true
    from unnest(${textArray(types)}, ${textArray(names)}) v(type, lname)
    where t.type = v.type and lower(t.name) = v.lname and not t.canonical
  `.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Ids of these tags by tagKey. */
export async function findTagIds(db: DbOrTrx, refs: TagRef[]): Promise<Map<string, number>> {
  if (refs.length === 0) return new Map();
  const { types, names } = toRefs(refs);
  const result = await sql<{ id: string; type: FreeTagType; name: string }>`
    select t.id, t.type, t.name from tags t
    join unnest(${textArray(types)}, ${textArray(names)}) v(type, lname) on t.type = v.type and lower(t.name) = v.lname
  `.execute(db);
  return new Map(result.rows.map((r) => [tagKey(r), Number(r.id)]));
}

export interface SynonymRow extends TagRef {
  canonicalId: number;
}

/** Inserts these new synonyms, already pointing at their canonical tag; returns the keys of those it created. */
export async function insertSynonyms(db: DbOrTrx, rows: SynonymRow[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const result = await sql<{ type: FreeTagType; name: string }>`
    insert into tags (type, name, canonical, synonym_of)
    select v.type, v.name, false, v.canonical_id
    from unnest(${textArray(rows.map((r) => r.type))}, ${textArray(rows.map((r) => r.name))}, ${bigintArray(rows.map((r) => r.canonicalId))})
      v(type, name, canonical_id)
    on conflict (type, lower(name)) do nothing
    returning type, name
  `.execute(db);
  return new Set(result.rows.map(tagKey));
}

/** Points existing tags at their canonical tag where they don't already; returns the ids that changed. */
export async function pointSynonyms(db: DbOrTrx, rows: SynonymRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const { types, names } = toRefs(rows);
  const result = await sql<{ id: string }>`
    update tags t set synonym_of = v.canonical_id, canonical = false
    from unnest(${textArray(types)}, ${textArray(names)}, ${bigintArray(rows.map((r) => r.canonicalId))}) v(type, lname, canonical_id)
    where t.type = v.type and lower(t.name) = v.lname and t.synonym_of is distinct from v.canonical_id
    returning t.id
  `.execute(db);
  return result.rows.map((r) => Number(r.id));
}

export interface Link {
  upper: number;
  lower: number;
}

/** Adds parent links (upper = parent, lower = child) that don't exist yet; returns how many. */
export async function insertParentLinks(db: DbOrTrx, links: Link[]): Promise<number> {
  if (links.length === 0) return 0;
  const result = await sql`
    insert into tag_parents (parent_id, child_id)
    select * from unnest(${bigintArray(links.map((l) => l.upper))}, ${bigintArray(links.map((l) => l.lower))})
    on conflict do nothing
  `.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

/** Adds meta links (upper = meta, lower = sub) that don't exist yet; returns the sub-tags that gained one. */
export async function insertMetaLinks(db: DbOrTrx, links: Link[]): Promise<number[]> {
  if (links.length === 0) return [];
  const result = await sql<{ sub_id: string }>`
    insert into meta_tags (meta_id, sub_id)
    select * from unnest(${bigintArray(links.map((l) => l.upper))}, ${bigintArray(links.map((l) => l.lower))})
    on conflict do nothing
    returning sub_id
  `.execute(db);
  return result.rows.map((r) => Number(r.sub_id));
}

/** Canonical tags of the free types, by name. */
export async function listCanonicalFreeTags(db: DbOrTrx): Promise<{ id: number; type: FreeTagType; name: string }[]> {
  const rows = await db
    .selectFrom('tags')
    .select(['id', 'type', 'name'])
    .where('type', 'in', [...FREE_TAG_TYPES])
    .where('canonical', '=', true)
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, type: r.type as FreeTagType, name: r.name }));
}

/** Every synonym, parent and meta link, named, as the tag set file lists them under the lower tag. */
export async function listTagLinks(db: DbOrTrx): Promise<{ relation: 'synonyms' | 'parents' | 'meta'; owner: number; name: string }[]> {
  const result = await sql<{ relation: 'synonyms' | 'parents' | 'meta'; owner: string; name: string }>`
    select 'synonyms' as relation, s.synonym_of as owner, s.name from tags s where s.synonym_of is not null
    union all select 'parents', p.child_id, t.name from tag_parents p join tags t on t.id = p.parent_id
    union all select 'meta', m.sub_id, t.name from meta_tags m join tags t on t.id = m.meta_id
    order by 3
  `.execute(db);
  return result.rows.map((r) => ({ relation: r.relation, owner: Number(r.owner), name: r.name }));
}
