import type { Db, DbOrTrx } from '../../../platform/db/schema.ts';
import { recordAudit } from '../../audit/audit.repository.ts';
import type { AuditActor } from '../../audit/audit.model.ts';
import { PARENT_TYPES, type FreeTagType, type TagType } from '../tags.model.ts';
import { tagKey, type TagRef } from '../tags.repository.ts';
import { lockGraphExclusive, recomputeFilterTagsOfWorksUnder } from '../tag-graph.repository.ts';
import { canonicalSynonymIds, crossCheck, type ArchiveView } from './tag-set.check.ts';
import {
  findArchiveTags,
  findMetaLinksAbove,
  findTagIds,
  findTagsWithSynonymsOrMetaLinks,
  insertCanonicalTags,
  insertMetaLinks,
  insertParentLinks,
  insertSynonyms,
  listCanonicalFreeTags,
  listTagLinks,
  markCanonical,
  pointSynonyms,
  refreshTagStatistics,
  type ArchiveTag,
  type Link,
  type SynonymRow,
} from './tag-set.repository.ts';
import { parseTagSetText, type TagSetEntry } from './tag-set.schema.ts';

/*
 * Tag sets bootstrap an archive's tag graph from a JSON file. An import checks the whole file
 * against the archive first (under the graph lock), then applies it in one transaction as a
 * few set-based statements: canonical tags, then synonyms (so the synonym trigger holds),
 * then parent and meta links, then one recomputation of the filter tags of the works touched.
 */

export interface ImportCounts {
  /** Canonical tags listed in the file. */
  tags: number;
  /** Tags that didn't exist before. */
  created: number;
  /** Graph changes: tags made canonical or synonyms, links added. */
  changed: number;
}

export type ImportResult = ({ ok: true } & ImportCounts) | { ok: false; problems: string[] };

class Rollback extends Error {}

/** From this many new tags on, the planner's statistics are refreshed (see refreshTagStatistics). */
const BULK = 1000;

const unique = <T>(items: T[], key: (item: T) => string): T[] => [...new Map(items.map((item) => [key(item), item])).values()];

async function viewArchive(trx: DbOrTrx, entries: TagSetEntry[]): Promise<ArchiveView> {
  const tags = await findArchiveTags(trx, entries.flatMap((e) => [e.name, ...e.synonyms, ...e.parents, ...e.meta]));
  const linked = await findTagsWithSynonymsOrMetaLinks(trx, canonicalSynonymIds(entries, tags));
  const named = entries.flatMap((e) => [e, ...e.meta.map((name) => ({ type: e.type, name }))]);
  const metaAbove = await findMetaLinksAbove(trx, [...new Set(named.map((r) => tags.get(tagKey(r))?.id).filter((id) => id !== undefined))]);
  return { tags, linked, metaAbove };
}

/** The links of the file as id pairs: a name resolves to the file's canonical tag, else the archive's. */
function linksOf(entries: TagSetEntry[], ids: Map<string, number>, archive: Map<string, ArchiveTag>) {
  const canonicalId = (types: readonly TagType[], name: string): number => {
    for (const type of types) {
      const key = tagKey({ type, name });
      const id = ids.get(key) ?? (archive.get(key)?.canonical ? archive.get(key)!.id : undefined);
      if (id !== undefined) return id;
    }
    throw new Error(`tag set check missed "${name}"`);
  };
  const parents: Link[] = [];
  const metas: Link[] = [];
  for (const e of entries) {
    const self = ids.get(tagKey(e))!;
    for (const p of e.parents) parents.push({ upper: canonicalId(PARENT_TYPES[e.type], p), lower: self });
    for (const m of e.meta) metas.push({ upper: canonicalId([e.type], m), lower: self });
  }
  const pair = (l: Link) => `${l.upper}>${l.lower}`;
  return { parents: unique(parents, pair), metas: unique(metas, pair) };
}

/**
 * Applies a checked file; returns how many tags were created and how many graph changes were
 * made. Only what differs from the archive is written, so a second run writes nothing; a tag
 * a concurrent work save created meanwhile is treated as one that existed.
 */
async function apply(trx: DbOrTrx, entries: TagSetEntry[], archive: Map<string, ArchiveTag>): Promise<Omit<ImportCounts, 'tags'>> {
  const canonicals: TagRef[] = unique(entries, tagKey).map((e) => ({ type: e.type, name: e.name }));
  const created = await insertCanonicalTags(trx, canonicals.filter((r) => !archive.has(tagKey(r))));
  if (created.size >= BULK) await refreshTagStatistics(trx);
  const existing = canonicals.filter((r) => !created.has(tagKey(r)) && archive.get(tagKey(r))?.canonical !== true);
  const madeCanonical = await markCanonical(trx, existing);
  const ids = new Map([...created, ...(await findTagIds(trx, existing))]);
  for (const r of canonicals) if (!ids.has(tagKey(r))) ids.set(tagKey(r), archive.get(tagKey(r))!.id);

  const synonyms: SynonymRow[] = unique(
    entries.flatMap((e) => e.synonyms.map((name) => ({ type: e.type, name, canonicalId: ids.get(tagKey(e))! }))),
    tagKey,
  );
  const createdSynonyms = await insertSynonyms(trx, synonyms.filter((r) => !archive.has(tagKey(r))));
  if (createdSynonyms.size >= BULK) await refreshTagStatistics(trx);
  const pointed = await pointSynonyms(
    trx,
    synonyms.filter((r) => !createdSynonyms.has(tagKey(r)) && archive.get(tagKey(r))?.synonymOf?.id !== r.canonicalId),
  );

  const { parents, metas } = linksOf(entries, ids, archive);
  const parentsAdded = await insertParentLinks(trx, parents);
  const subsWithNewMeta = await insertMetaLinks(trx, metas);
  // Works tagged with a tag that became a synonym, or found under a tag that gained a meta-tag.
  await recomputeFilterTagsOfWorksUnder(trx, [...new Set([...pointed, ...subsWithNewMeta])]);
  return {
    created: created.size + createdSynonyms.size,
    changed: created.size + madeCanonical + createdSynonyms.size + pointed.length + parentsAdded + subsWithNewMeta.length,
  };
}

/** Imports a tag set file's text: all of it in one transaction, or nothing with every problem listed. */
export async function importTagSet(db: Db, text: string, actor: AuditActor): Promise<ImportResult> {
  const parsed = parseTagSetText(text);
  if (!parsed.ok) return parsed;
  const { entries } = parsed;
  let problems: string[] = [];
  try {
    const counts = await db.transaction().execute(async (trx) => {
      await lockGraphExclusive(trx);
      const archive = await viewArchive(trx, entries);
      problems = crossCheck(entries, archive);
      if (problems.length > 0) throw new Rollback();
      const result = { tags: entries.length, ...(await apply(trx, entries, archive.tags)) };
      if (result.created + result.changed > 0) {
        await recordAudit(trx, actor, {
          action: 'tag_set.imported',
          summary: `Imported a tag set of ${result.tags} tags: ${result.created} created, ${result.changed} changed.`,
          details: { ...result },
        });
      }
      return result;
    });
    return { ok: true, ...counts };
  } catch (error) {
    if (error instanceof Rollback) return { ok: false, problems };
    throw error;
  }
}

/** The archive's canonical non-system tags with their synonyms, parents and meta-tags, as a tag set file. */
export async function exportTagSet(db: DbOrTrx): Promise<{ tags: TagSetEntry[] }> {
  const tags = await listCanonicalFreeTags(db);
  const links = await listTagLinks(db);
  const byId = new Map(tags.map((t) => [t.id, { type: t.type, name: t.name, synonyms: [] as string[], parents: [] as string[], meta: [] as string[] }]));
  for (const link of links) byId.get(link.owner)?.[link.relation].push(link.name);
  // Fandoms first, then characters, so parents come before the tags that name them.
  const order: FreeTagType[] = ['fandom', 'character', 'relationship', 'freeform'];
  return { tags: [...byId.values()].sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type)) };
}
