import type { DbOrTrx } from '../../platform/db/schema.ts';
import { WORK_TAG_TYPES, type WorkTags } from './tags.model.ts';
import { findOrCreateTags, replaceWorkTags, tagKey, type TagRef } from './tags.repository.ts';
import { lockGraphShared, recomputeFilterTagsOfWork } from './tag-graph.repository.ts';

/** Sets a work's tags, creating free tags on first use. Runs inside the caller's transaction. */
export async function setWorkTags(trx: DbOrTrx, workId: number, tags: WorkTags): Promise<void> {
  // Shared with other saves, exclusive with graph changes: computed against a settled graph.
  // Taken first, because writing work_tags locks tag rows to update their use counts.
  await lockGraphShared(trx);
  const refs: TagRef[] = WORK_TAG_TYPES.flatMap((type) => tags[type].map((name) => ({ type, name })));
  const ids = await findOrCreateTags(trx, refs);
  const ordered = refs.map((ref) => ids.get(tagKey(ref))).filter((id): id is number => id !== undefined);
  if (ordered.length !== refs.length) throw new Error('a tag could not be found or created');
  await replaceWorkTags(trx, workId, [...new Set(ordered)]);
  await recomputeFilterTagsOfWork(trx, workId);
}
