import { AppError } from '../../platform/http/errors.ts';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import { isFixedTagType, PARENT_TYPES, type FreeTagType, type ParentTagType } from './tags.model.ts';
import { normalizeTagName, parseTagList } from './tags.schemas.ts';
import {
  countSynonymsAndMetaLinks,
  deleteMetaLink,
  deleteParentLink,
  findGraphTags,
  findMetaCycleThrough,
  findOtherTagNamed,
  insertMetaLink,
  insertParentLink,
  isMetaAncestor,
  lockGraphExclusive,
  moveLinks,
  moveSynonyms,
  recomputeFilterTagsOfWorksUnder,
  setSynonymOf,
  setTagName,
  setUnwrangleable,
  type GraphTag,
} from './tag-graph.repository.ts';

/*
 * Graph operations for the wrangling screens. Each runs inside the caller's transaction,
 * takes the graph lock, checks its rules with a message a wrangler can act on, and
 * recomputes the filter tags of every affected work before returning.
 */

const refuse = (message: string) => new AppError('bad_request', message);

async function loadTags(trx: DbOrTrx, ...ids: number[]): Promise<GraphTag[]> {
  await lockGraphExclusive(trx);
  const found = await findGraphTags(trx, ids);
  return ids.map((id) => {
    const tag = found.get(id);
    if (!tag) throw new AppError('not_found', "We couldn't find that tag.");
    return tag;
  });
}

function refuseSystem(tag: GraphTag): void {
  if (isFixedTagType(tag.type)) throw refuse(`“${tag.name}” is a fixed ${tag.type} tag and can't be wrangled.`);
}

/** Makes `tagId` a synonym of the canonical `canonicalId`; its works appear under the canonical tag at once. */
export async function makeSynonym(trx: DbOrTrx, tagId: number, canonicalId: number): Promise<void> {
  const [tag, canonical] = await loadTags(trx, tagId, canonicalId);
  refuseSystem(tag!);
  if (tag!.id === canonical!.id) throw refuse(`“${tag!.name}” can't be a synonym of itself.`);
  if (tag!.type !== canonical!.type) throw refuse(`“${tag!.name}” is a ${tag!.type} and “${canonical!.name}” is a ${canonical!.type}: a synonym must have the same type.`);
  if (!canonical!.canonical) {
    throw refuse(canonical!.synonymOf ? `“${canonical!.name}” is itself a synonym: choose the tag it is a synonym of.` : `“${canonical!.name}” isn't canonical: make it canonical first.`);
  }
  if ((await countSynonymsAndMetaLinks(trx, tag!.id)) > 0) {
    throw refuse(`“${tag!.name}” has synonyms or meta/sub-tags of its own: move or remove them first.`);
  }
  await setSynonymOf(trx, tag!.id, canonical!.id);
  await recomputeFilterTagsOfWorksUnder(trx, [tag!.id]);
}

/** Makes a tag canonical; a synonym stops being one and its works move to it. */
export async function makeCanonical(trx: DbOrTrx, tagId: number): Promise<void> {
  const [tag] = await loadTags(trx, tagId);
  if (tag!.canonical) return;
  await setSynonymOf(trx, tag!.id, null);
  await recomputeFilterTagsOfWorksUnder(trx, [tag!.id]);
}

async function loadMetaPair(trx: DbOrTrx, metaId: number, subId: number): Promise<[GraphTag, GraphTag]> {
  const [meta, sub] = await loadTags(trx, metaId, subId);
  for (const tag of [meta!, sub!]) {
    refuseSystem(tag);
    if (!tag.canonical) throw refuse(`“${tag.name}” isn't canonical: only canonical tags have meta- and sub-tags.`);
  }
  if (meta!.type !== sub!.type) throw refuse(`“${meta!.name}” is a ${meta!.type} and “${sub!.name}” is a ${sub!.type}: meta-tags must have the same type.`);
  return [meta!, sub!];
}

/** Makes `metaId` a meta-tag of `subId`: works under the sub-tag appear under the meta-tag (and its meta-tags). */
export async function addMetaTag(trx: DbOrTrx, metaId: number, subId: number): Promise<void> {
  const [meta, sub] = await loadMetaPair(trx, metaId, subId);
  if (await isMetaAncestor(trx, meta.id, sub.id)) {
    throw refuse(`“${meta.name}” can't be a meta-tag of “${sub.name}”: “${sub.name}” is already “${meta.name}” or above it, and that would make a cycle.`);
  }
  await insertMetaLink(trx, meta.id, sub.id);
  await recomputeFilterTagsOfWorksUnder(trx, [sub.id]);
}

export async function removeMetaTag(trx: DbOrTrx, metaId: number, subId: number): Promise<void> {
  const [meta, sub] = await loadTags(trx, metaId, subId);
  if (!(await deleteMetaLink(trx, meta!.id, sub!.id))) return;
  await recomputeFilterTagsOfWorksUnder(trx, [sub!.id]);
}

/** Links a child tag to a canonical parent: media → fandom, fandom → character/relationship/freeform, character → relationship. */
export async function addParent(trx: DbOrTrx, parentId: number, childId: number): Promise<void> {
  const [parent, child] = await loadTags(trx, parentId, childId);
  refuseSystem(child!);
  if (!(PARENT_TYPES[child!.type as FreeTagType] ?? []).includes(parent!.type as ParentTagType)) {
    throw refuse(`A ${parent!.type} can't be the parent of a ${child!.type}.`);
  }
  if (!parent!.canonical) throw refuse(`“${parent!.name}” isn't canonical: only canonical tags can be parents.`);
  await insertParentLink(trx, parent!.id, child!.id);
}

export async function markUnwrangleable(trx: DbOrTrx, tagId: number, value: boolean): Promise<void> {
  const [tag] = await loadTags(trx, tagId);
  refuseSystem(tag!);
  await setUnwrangleable(trx, tag!.id, value);
}

// ---- Wrangle screen: removing parents, renaming, merging ----

/** Unlinks a parent. Parents don't change what readers find under a tag, so no work is recomputed. */
export async function removeParent(trx: DbOrTrx, parentId: number, childId: number): Promise<void> {
  const [parent, child] = await loadTags(trx, parentId, childId);
  if (!(await deleteParentLink(trx, parent!.id, child!.id))) throw refuse(`“${parent!.name}” isn't a parent of “${child!.name}”.`);
}

/**
 * Renames a tag, a change of case included. Works refer to tags by id, so they show the new
 * name at once; the old name is simply free (its address answers 404). A name another tag of
 * the same type already has is refused: the two should be merged instead.
 */
export async function renameTag(trx: DbOrTrx, tagId: number, newName: string): Promise<{ from: string; to: string }> {
  const [tag] = await loadTags(trx, tagId);
  if (isFixedTagType(tag!.type)) throw refuse(`“${tag!.name}” is a fixed ${tag!.type} tag and can't be renamed.`);
  const name = normalizeTagName(newName);
  const parsed = parseTagList(name, 'New name');
  if (!parsed.ok) throw refuse(parsed.error);
  if (parsed.names.length !== 1 || parsed.names[0] !== name) throw refuse(name === '' ? 'New name can\'t be blank.' : 'New name can\'t contain a comma.');
  if (name === tag!.name) throw refuse(`“${tag!.name}” already has that name.`);
  const other = await findOtherTagNamed(trx, tag!.type, name, tag!.id);
  if (other) throw refuse(`There is already a ${tag!.type} called “${other.name}”: merge “${tag!.name}” into it instead of renaming.`);
  await setTagName(trx, tag!.id, name);
  // Filter tags don't change, but the search documents of the works under the tag name it.
  await recomputeFilterTagsOfWorksUnder(trx, [tag!.id]);
  return { from: tag!.name, to: name };
}

export interface MergeOutcome {
  source: GraphTag;
  target: GraphTag;
  synonymsMoved: number;
  linksMoved: number;
}

/**
 * Merges `sourceId` into the canonical `targetId`: the source's synonyms and its parent,
 * child, meta and sub links move to the target (duplicates skipped), and the source becomes
 * a synonym of the target. Works keep the tag their writer chose and are found under the
 * target at once. A move that would make a meta-tag cycle refuses the whole merge.
 */
export async function mergeTag(trx: DbOrTrx, sourceId: number, targetId: number): Promise<MergeOutcome> {
  const [source, target] = await loadTags(trx, sourceId, targetId);
  refuseSystem(source!);
  refuseSystem(target!);
  if (source!.id === target!.id) throw refuse(`“${source!.name}” can't be merged into itself.`);
  if (source!.type !== target!.type) throw refuse(`“${source!.name}” is a ${source!.type} and “${target!.name}” is a ${target!.type}: only tags of the same type can be merged.`);
  if (source!.synonymOf) throw refuse(`“${source!.name}” is already a synonym: merge the tag it is a synonym of instead.`);
  if (!target!.canonical) {
    throw refuse(target!.synonymOf ? `“${target!.name}” is itself a synonym: merge into the tag it is a synonym of.` : `“${target!.name}” isn't canonical: make it canonical first.`);
  }
  const synonymsMoved = await moveSynonyms(trx, source!.id, target!.id);
  const linksMoved = await moveLinks(trx, source!.id, target!.id);
  const onCycle = await findMetaCycleThrough(trx, target!.id);
  // The caller's transaction rolls back on this error, so nothing above is kept.
  if (onCycle) throw refuse(`Merging “${source!.name}” into “${target!.name}” would make a cycle of meta-tags through “${onCycle}”: remove that meta-tag link first.`);
  await setSynonymOf(trx, source!.id, target!.id);
  await recomputeFilterTagsOfWorksUnder(trx, [source!.id, target!.id]);
  return { source: source!, target: target!, synonymsMoved, linksMoved };
}
