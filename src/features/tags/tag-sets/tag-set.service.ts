import { sql } from 'kysely';
import type { Db, DbOrTrx } from '../../../platform/db/schema.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { FREE_TAG_TYPES, PARENT_TYPES, type FreeTagType, type TagType } from '../tags.model.ts';
import { findOrCreateTags, tagKey } from '../tags.repository.ts';
import { lockGraphExclusive } from '../tag-graph.repository.ts';
import { addMetaTag, addParent, makeCanonical, makeSynonym } from '../tag-graph.service.ts';
import { parseTagSetText, type TagSetEntry } from './tag-set.schema.ts';

/*
 * Tag sets bootstrap an archive's tag graph from a JSON file. An import checks the whole file
 * first, then applies it in one transaction through the graph service (so works' filter tags
 * are recomputed); any problem rolls everything back and is reported with its JSON path.
 */

export type ImportResult = { ok: true; tags: number; created: number; changed: number } | { ok: false; problems: string[] };

interface ArchiveTag {
  id: number;
  type: TagType;
  name: string;
  canonical: boolean;
  synonymOf: number | null;
}

class Rollback extends Error {}

async function loadArchiveTags(trx: DbOrTrx, names: string[]): Promise<Map<string, ArchiveTag>> {
  const lowered = [...new Set(names.map((n) => n.toLowerCase()))];
  if (lowered.length === 0) return new Map();
  const rows = await trx
    .selectFrom('tags')
    .select(['id', 'type', 'name', 'canonical', 'synonym_of'])
    .where('type', 'in', [...FREE_TAG_TYPES])
    .where(sql<string>`lower(name)`, 'in', lowered)
    .execute();
  return new Map(rows.map((r) => [tagKey(r), { id: r.id, type: r.type, name: r.name, canonical: r.canonical, synonymOf: r.synonym_of }]));
}

/** Problems that need the whole file and the archive: duplicates, synonyms that are canonical, missing parents and meta-tags, cycles. */
function crossCheck(entries: TagSetEntry[], archive: Map<string, ArchiveTag>): string[] {
  const problems: string[] = [];
  const inFile = new Map<string, number>();
  entries.forEach((e, i) => {
    const key = tagKey(e);
    if (inFile.has(key)) problems.push(`tags[${i}].name: "${e.name}" is already listed as a ${e.type} at tags[${inFile.get(key)}]`);
    else inFile.set(key, i);
  });
  const synonymOwner = new Map<string, number>();
  entries.forEach((e, i) =>
    e.synonyms.forEach((s, j) => {
      const key = tagKey({ type: e.type, name: s });
      if (inFile.has(key)) problems.push(`tags[${i}].synonyms[${j}]: "${s}" is itself a canonical tag in this file`);
      else if (synonymOwner.has(key) && synonymOwner.get(key) !== i) problems.push(`tags[${i}].synonyms[${j}]: "${s}" is already a synonym of tags[${synonymOwner.get(key)}]`);
      else synonymOwner.set(key, i);
    }),
  );
  const exists = (type: TagType, name: string) => {
    const key = tagKey({ type, name });
    return inFile.has(key) || archive.get(key)?.canonical === true;
  };
  entries.forEach((e, i) => {
    e.parents.forEach((p, j) => {
      const types = PARENT_TYPES[e.type];
      if (types.length === 0) problems.push(`tags[${i}].parents[${j}]: a ${e.type} can't have parent tags`);
      else if (!types.some((type) => exists(type, p))) problems.push(`tags[${i}].parents[${j}]: "${p}" isn't a canonical ${types.join(' or ')} in this file or the archive`);
    });
    e.meta.forEach((m, j) => {
      if (!exists(e.type, m)) problems.push(`tags[${i}].meta[${j}]: "${m}" isn't a canonical ${e.type} in this file or the archive`);
    });
  });
  problems.push(...findMetaCycles(entries));
  return problems;
}

/** Cycles among the meta links the file itself declares (links already in the archive are checked by addMetaTag). */
function findMetaCycles(entries: TagSetEntry[]): string[] {
  const metaOf = new Map<string, string[]>();
  const indexOf = new Map<string, number>();
  entries.forEach((e, i) => {
    indexOf.set(tagKey(e), i);
    metaOf.set(tagKey(e), e.meta.map((m) => tagKey({ type: e.type, name: m })));
  });
  const problems: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (key: string, trail: string[]): void => {
    if (state.get(key) === 'done') return;
    if (state.get(key) === 'open') {
      const i = indexOf.get(key)!;
      problems.push(`tags[${i}].meta: "${entries[i]!.name}" would be its own meta-tag (cycle: ${[...trail.slice(trail.indexOf(key)), key].map((k) => entries[indexOf.get(k)!]?.name ?? k).join(' → ')})`);
      return;
    }
    state.set(key, 'open');
    for (const next of metaOf.get(key) ?? []) visit(next, [...trail, key]);
    state.set(key, 'done');
  };
  for (const key of metaOf.keys()) visit(key, []);
  return problems;
}

async function linkExists(trx: DbOrTrx, table: 'tag_parents' | 'meta_tags', a: number, b: number): Promise<boolean> {
  const row =
    table === 'tag_parents'
      ? await trx.selectFrom('tag_parents').select('child_id').where('parent_id', '=', a).where('child_id', '=', b).executeTakeFirst()
      : await trx.selectFrom('meta_tags').select('sub_id').where('meta_id', '=', a).where('sub_id', '=', b).executeTakeFirst();
  return row !== undefined;
}

/** Applies a checked file; returns how many tags were created and how many graph changes were made. */
async function apply(trx: DbOrTrx, entries: TagSetEntry[], problems: string[]): Promise<{ created: number; changed: number }> {
  const refs = entries.flatMap((e) => [e, ...e.synonyms.map((name) => ({ type: e.type, name }))]);
  const before = await loadArchiveTags(trx, refs.map((r) => r.name));
  const ids = await findOrCreateTags(trx, refs);
  const created = [...new Set(refs.map(tagKey))].filter((key) => !before.has(key)).length;
  let changed = 0;
  const tracked = async (path: string, change: () => Promise<void>) => {
    try {
      await change();
      changed++;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problems.push(`${path}: ${error.message}`);
    }
  };
  const id = (type: TagType, name: string) => ids.get(tagKey({ type, name }));
  for (const [i, e] of entries.entries()) {
    const current = before.get(tagKey(e));
    if (!current?.canonical) await tracked(`tags[${i}].name`, () => makeCanonical(trx, id(e.type, e.name)!));
  }
  const archive = await loadArchiveTags(trx, entries.flatMap((e) => [...e.parents, ...e.meta]));
  const canonicalId = (types: readonly TagType[], name: string) => {
    for (const type of types) {
      const tag = archive.get(tagKey({ type, name }));
      if (tag?.canonical) return tag.id;
    }
    return undefined;
  };
  for (const [i, e] of entries.entries()) {
    const self = id(e.type, e.name)!;
    for (const [j, s] of e.synonyms.entries()) {
      const current = before.get(tagKey({ type: e.type, name: s }));
      if (current?.synonymOf !== self) await tracked(`tags[${i}].synonyms[${j}]`, () => makeSynonym(trx, id(e.type, s)!, self));
    }
    for (const [j, p] of e.parents.entries()) {
      const parent = canonicalId(PARENT_TYPES[e.type], p)!;
      if (!(await linkExists(trx, 'tag_parents', parent, self))) await tracked(`tags[${i}].parents[${j}]`, () => addParent(trx, parent, self));
    }
    for (const [j, m] of e.meta.entries()) {
      const meta = canonicalId([e.type], m)!;
      if (!(await linkExists(trx, 'meta_tags', meta, self))) await tracked(`tags[${i}].meta[${j}]`, () => addMetaTag(trx, meta, self));
    }
  }
  return { created, changed };
}

/** Imports a tag set file's text: all of it in one transaction, or nothing with every problem listed. */
export async function importTagSet(db: Db, text: string): Promise<ImportResult> {
  const parsed = parseTagSetText(text);
  if (!parsed.ok) return parsed;
  const { entries } = parsed;
  const problems: string[] = [];
  try {
    const counts = await db.transaction().execute(async (trx) => {
      await lockGraphExclusive(trx);
      const archive = await loadArchiveTags(trx, entries.flatMap((e) => [e.name, ...e.parents, ...e.meta]));
      problems.push(...crossCheck(entries, archive));
      if (problems.length > 0) throw new Rollback();
      const result = await apply(trx, entries, problems);
      if (problems.length > 0) throw new Rollback();
      return result;
    });
    return { ok: true, tags: entries.length, ...counts };
  } catch (error) {
    if (error instanceof Rollback) return { ok: false, problems };
    throw error;
  }
}

/** The archive's canonical non-system tags with their synonyms, parents and meta-tags, as a tag set file. */
export async function exportTagSet(db: DbOrTrx): Promise<{ tags: { type: FreeTagType; name: string; synonyms: string[]; parents: string[]; meta: string[] }[] }> {
  const tags = await db
    .selectFrom('tags')
    .select(['id', 'type', 'name'])
    .where('type', 'in', [...FREE_TAG_TYPES])
    .where('canonical', '=', true)
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .execute();
  const links = await sql<{ relation: 'synonyms' | 'parents' | 'meta'; owner: number; name: string }>`
    select 'synonyms' as relation, s.synonym_of as owner, s.name from tags s where s.synonym_of is not null
    union all select 'parents', p.child_id, t.name from tag_parents p join tags t on t.id = p.parent_id
    union all select 'meta', m.sub_id, t.name from meta_tags m join tags t on t.id = m.meta_id
    order by 3
  `.execute(db);
  const byId = new Map(tags.map((t) => [t.id, { type: t.type as FreeTagType, name: t.name, synonyms: [] as string[], parents: [] as string[], meta: [] as string[] }]));
  for (const link of links.rows) byId.get(Number(link.owner))?.[link.relation].push(link.name);
  // Fandoms first, then characters, so parents come before the tags that name them.
  const order: FreeTagType[] = ['fandom', 'character', 'relationship', 'freeform'];
  return { tags: [...byId.values()].sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type)) };
}
