import type { Db } from '../../platform/db/schema.ts';
import { badRequest, notFound } from '../../platform/http/errors.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { insertPseud } from '../accounts/accounts.repository.ts';
import { refreshSearchDocumentsOfPseud } from '../search/search.repository.ts';
import { pseudPolicy } from './pseuds.policy.ts';
import { countPseudLinks, deletePseud, findDefaultPseudId, findPseud, lockPseud, moveCredits, nameTakenByUser, renamePseud } from './pseuds.repository.ts';
import type { PseudForm } from './pseuds.schemas.ts';

export type PseudWriteResult = { ok: true } | { ok: false; errors: FieldErrors };

const TAKEN: FieldErrors = { name: 'You already have a pen name like that (names are compared ignoring capitals).' };

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}

/** Runs a write, turning a race lost on the unique name index into the same field error as the check before it. */
async function guardUnique(write: () => Promise<PseudWriteResult>): Promise<PseudWriteResult> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, errors: TAKEN };
    throw error;
  }
}

export async function createPseud(db: Db, viewer: Viewer, owner: { id: number }, form: PseudForm): Promise<PseudWriteResult> {
  pseudPolicy.authorize(viewer, 'create', { userId: owner.id });
  if (await nameTakenByUser(db, owner.id, form.name)) return { ok: false, errors: TAKEN };
  return guardUnique(async () => {
    await insertPseud(db, { userId: owner.id, name: form.name, isDefault: false });
    return { ok: true };
  });
}

/** The default pseud carries the account's name, so only extra pseuds are renamed. */
export async function changePseudName(db: Db, viewer: Viewer, pseudId: number, form: PseudForm): Promise<PseudWriteResult> {
  return guardUnique(() =>
    db.transaction().execute(async (trx): Promise<PseudWriteResult> => {
      if (!(await lockPseud(trx, pseudId))) throw notFound('pen name');
      const pseud = await findPseud(trx, pseudId);
      if (!pseud) throw notFound('pen name');
      pseudPolicy.authorize(viewer, 'rename', pseud);
      if (pseud.isDefault) throw badRequest('Your default pen name is your username, so it cannot be renamed.');
      if (await nameTakenByUser(trx, pseud.userId, form.name, pseud.id)) return { ok: false, errors: TAKEN };
      await renamePseud(trx, pseud.id, form.name);
      await refreshSearchDocumentsOfPseud(trx, pseud.id); // works search by their creators' names
      return { ok: true };
    }),
  );
}

/**
 * Deletes an extra pseud. One that is still credited on works or series is refused unless the
 * owner asked to move those credits to their default pseud first.
 */
export async function removePseud(db: Db, viewer: Viewer, pseudId: number, moveWorks: boolean): Promise<PseudWriteResult> {
  return db.transaction().execute(async (trx): Promise<PseudWriteResult> => {
    if (!(await lockPseud(trx, pseudId))) throw notFound('pen name');
    const pseud = await findPseud(trx, pseudId);
    if (!pseud) throw notFound('pen name');
    pseudPolicy.authorize(viewer, 'delete', pseud);
    if (pseud.isDefault) return { ok: false, errors: { move_works: "Your default pen name can't be deleted." } };
    if ((await countPseudLinks(trx, pseud.id)) > 0) {
      if (!moveWorks) {
        return { ok: false, errors: { move_works: `${pseud.name} is still credited on works or series. Tick the box to move them to your default pen name first.` } };
      }
      const defaultPseudId = await findDefaultPseudId(trx, pseud.userId);
      if (defaultPseudId === undefined) throw notFound('default pen name');
      await moveCredits(trx, pseud.id, defaultPseudId);
      await refreshSearchDocumentsOfPseud(trx, defaultPseudId);
    }
    await deletePseud(trx, pseud.id);
    return { ok: true };
  });
}
