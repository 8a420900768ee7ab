import { AppError } from '../../platform/http/errors.ts';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import { isFixedTagType, PARENT_TYPES, type FreeTagType, type ParentTagType } from './tags.model.ts';
import {
  countSynonymsAndMetaLinks,
  deleteMetaLink,
  findGraphTags,
  insertMetaLink,
  insertParentLink,
  isMetaAncestor,
  lockGraphExclusive,
  recomputeFilterTagsOfWorksUnder,
  setSynonymOf,
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
