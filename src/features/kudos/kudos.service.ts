import type { Db } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { KudosAnswer } from './kudos.model.ts';
import { kudosRefusal } from './kudos.policy.ts';
import { bumpKudosCount, findKudosSummary, findKudosTarget, insertKudos } from './kudos.repository.ts';

export const ALREADY_LEFT_KUDOS = 'You have already left kudos on this work.';

/**
 * Leaves kudos from a member, or from a guest known only by the keyed hash of their address.
 * The row and the work's counter change in one transaction, and the counter only when a row was
 * written, so kudos_count always equals the rows. Refusals are AppErrors with a readable message.
 */
export async function giveKudos(db: Db, viewer: Viewer | null, guestIpHash: string, workId: number): Promise<KudosAnswer> {
  await db.transaction().execute(async (trx) => {
    const refusal = kudosRefusal(viewer, await findKudosTarget(trx, workId));
    if (refusal) throw refusal;
    const inserted = await insertKudos(trx, workId, viewer ? { userId: viewer.id } : { ipHash: guestIpHash });
    if (!inserted) throw new AppError('conflict', ALREADY_LEFT_KUDOS);
    await bumpKudosCount(trx, workId);
  });
  const { kudosCount, summary } = await findKudosSummary(db, workId);
  return { message: 'Thank you for leaving kudos!', kudosCount, summary };
}
