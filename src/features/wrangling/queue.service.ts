import { AppError } from '../../platform/http/errors.ts';
import type { Db, DbOrTrx } from '../../platform/db/schema.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { AuditActor } from '../audit/audit.model.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { lockGraphExclusive } from '../tags/tag-graph.repository.ts';
import { addParent, makeCanonical, markUnwrangleable } from '../tags/tag-graph.service.ts';
import type { Tag } from '../tags/tags.model.ts';
import type { BulkAction, BulkFailure } from './queue.model.ts';
import { findBulkTags, type BulkTag } from './queue.repository.ts';
import { wranglingPolicy } from './wrangling.policy.ts';

export type BulkResult = { ok: true; count: number } | { ok: false; failures: BulkFailure[] };

/** Thrown to roll the whole bulk action back once any tag failed. */
class BulkRefused extends Error {
  constructor(readonly failures: BulkFailure[]) {
    super('bulk action refused');
  }
}

interface Step {
  trx: DbOrTrx;
  actor: AuditActor;
  fandom: Tag;
  tag: BulkTag;
}

const audited = (tag: BulkTag, fandom: Tag) => ({ tag: { id: tag.id, name: tag.name }, details: { fandomId: fandom.id, from: 'queue' } });

async function addFandomParent({ trx, actor, fandom, tag }: Step): Promise<void> {
  if (tag.inFandom) return;
  await addParent(trx, fandom.id, tag.id);
  await recordAudit(trx, actor, { action: 'tag.parent_added', summary: `Added “${fandom.name}” as a parent of “${tag.name}”.`, ...audited(tag, fandom) });
}

/**
 * The three actions. "Make canonical" refuses a synonym (making it canonical would quietly undo
 * another wrangler's synonym) and an unwrangleable tag; "add this fandom" suits any tag, as on
 * AO3 a non-canonical tag sorted into a fandom is wrangled; only a tag that is neither
 * canonical nor a synonym can be unwrangleable.
 */
const STEPS: Record<BulkAction, (step: Step) => Promise<void>> = {
  async canonical_parent(step) {
    const { trx, actor, fandom, tag } = step;
    if (tag.synonymOf !== null) throw new AppError('bad_request', `“${tag.name}” is a synonym of another tag: open it to change that.`);
    if (tag.unwrangleable) throw new AppError('bad_request', `“${tag.name}” is marked unwrangleable: open it to change that.`);
    if (!tag.canonical) {
      await makeCanonical(trx, tag.id);
      await recordAudit(trx, actor, { action: 'tag.canonical', summary: `Made “${tag.name}” canonical.`, ...audited(tag, fandom) });
    }
    await addFandomParent(step);
  },
  parent: addFandomParent,
  async unwrangleable({ trx, actor, fandom, tag }) {
    if (tag.canonical) throw new AppError('bad_request', `“${tag.name}” is canonical, so it can't be unwrangleable.`);
    if (tag.synonymOf !== null) throw new AppError('bad_request', `“${tag.name}” is a synonym, so it can't be unwrangleable.`);
    if (tag.unwrangleable) return;
    await markUnwrangleable(trx, tag.id, true);
    await recordAudit(trx, actor, { action: 'tag.unwrangleable', summary: `Marked “${tag.name}” unwrangleable.`, ...audited(tag, fandom) });
  },
};

/**
 * Applies one action to every chosen tag in one transaction, each change audited. When any tag
 * is refused, nothing is kept and every refusal comes back, so the wrangler can fix them all.
 */
export async function applyBulkAction(db: Db, viewer: Viewer, fandom: Tag, action: BulkAction, tagIds: number[]): Promise<BulkResult> {
  wranglingPolicy.authorize(viewer, 'wrangle', null);
  const actor: AuditActor = { id: viewer.id, name: viewer.username };
  try {
    await db.transaction().execute(async (trx) => {
      // Read the tags under the graph lock, so what the checks see is what gets changed.
      await lockGraphExclusive(trx);
      const tags = await findBulkTags(trx, tagIds, fandom.id);
      const failures: BulkFailure[] = [];
      for (const id of tagIds) {
        const tag = tags.get(id);
        if (!tag) {
          failures.push({ tagId: id, name: `#${id}`, reason: `Tag #${id} doesn't exist any more.` });
          continue;
        }
        try {
          await STEPS[action]({ trx, actor, fandom, tag });
        } catch (error) {
          // Only the graph's own refusals (checked before it writes) are reported; anything else is a real failure.
          if (!(error instanceof AppError) || (error.code !== 'bad_request' && error.code !== 'not_found')) throw error;
          failures.push({ tagId: id, name: tag.name, reason: error.message });
        }
      }
      if (failures.length > 0) throw new BulkRefused(failures);
    });
  } catch (error) {
    if (error instanceof BulkRefused) return { ok: false, failures: error.failures };
    throw error;
  }
  return { ok: true, count: tagIds.length };
}
