import type { Db, DbOrTrx } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { refreshSearchDocuments } from '../search/search.repository.ts';
import { findWork, lockWork } from '../works/works.repository.ts';
import { ORPHAN_ACCOUNT } from './creatorships.model.ts';
import { creatorshipPolicy } from './creatorships.policy.ts';
import {
  acceptInvitation,
  declineInvitation,
  findInvitee,
  findOrphanPseudId,
  findUserCredits,
  insertInvitation,
  replaceCreditsWithOrphan,
} from './creatorships.repository.ts';
import { splitInvitee, type InviteForm } from './creatorships.schemas.ts';

export type InviteResult = { ok: true } | { ok: false; errors: FieldErrors };

const fieldError = (message: string): InviteResult => ({ ok: false, errors: { creator: message } });

/** Loads and locks a work for a change to its credits: 404 when it doesn't exist, 403 unless the viewer is a creator. */
async function lockWorkFor(trx: DbOrTrx, viewer: Viewer, workId: number, action: 'invite' | 'orphan') {
  if (!(await lockWork(trx, workId))) throw notFound('work');
  const work = await findWork(trx, workId);
  if (!work) throw notFound('work');
  creatorshipPolicy.authorize(viewer, action, work);
  return work;
}

/** Invites a pseud (a user's default one, or "username/pen name") as a co-creator: a credit with accepted_at NULL. */
export async function inviteCoCreator(db: Db, viewer: Viewer, workId: number, form: InviteForm): Promise<InviteResult> {
  const { username, pseudName } = splitInvitee(form.creator);
  return db.transaction().execute(async (trx): Promise<InviteResult> => {
    await lockWorkFor(trx, viewer, workId, 'invite');
    if (username.toLowerCase() === ORPHAN_ACCOUNT) return fieldError('The orphan account cannot be invited.');
    const invitee = await findInvitee(trx, username, pseudName);
    if (!invitee) {
      if (pseudName !== null && (await findInvitee(trx, username, null))) return fieldError(`${username} has no pen name called “${pseudName}”.`);
      return fieldError(`There is no member called “${username}”. Check the spelling of their username.`);
    }
    if (invitee.userId === viewer.id) return fieldError('You are already a creator of this work.');
    const credits = await findUserCredits(trx, workId, invitee.userId);
    if (credits.some((c) => c.accepted)) return fieldError(`${invitee.username} is already a creator of this work.`);
    if (credits.length > 0) return fieldError(`${invitee.username} has already been invited and hasn't answered yet.`);
    await insertInvitation(trx, workId, invitee.pseudId);
    return { ok: true };
  });
}

/** Accepts or declines an invitation to one of the viewer's own pseuds; anything else is not found. */
export async function answerInvitation(db: Db, viewer: Viewer, workId: number, pseudId: number, accept: boolean): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await lockWork(trx, workId))) throw notFound('invitation');
    const done = accept ? await acceptInvitation(trx, workId, pseudId, viewer.id) : await declineInvitation(trx, workId, pseudId, viewer.id);
    if (!done) throw notFound('invitation');
    if (accept) await refreshSearchDocuments(trx, [workId], { chapterText: false }); // the new creator's name is searchable
  });
}

/** The work stays; the viewer's credits on it become the orphan_account pseud's. Other co-creators keep theirs. */
export async function orphanWork(db: Db, viewer: Viewer, workId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockWorkFor(trx, viewer, workId, 'orphan');
    const orphanPseudId = await findOrphanPseudId(trx);
    if (orphanPseudId === undefined) throw new Error('The orphan_account pseud is missing: migration 0004 creates it.');
    const credits = await findUserCredits(trx, workId, viewer.id);
    const position = Math.min(...credits.filter((c) => c.accepted).map((c) => c.position));
    await replaceCreditsWithOrphan(trx, workId, viewer.id, orphanPseudId, position);
    await refreshSearchDocuments(trx, [workId], { chapterText: false }); // the old creator's name no longer finds it
  });
}
