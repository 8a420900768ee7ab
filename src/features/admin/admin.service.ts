import { notFound } from '../../platform/http/errors.ts';
import type { Db, DbOrTrx } from '../../platform/db/schema.ts';
import type { AuditActor } from '../audit/audit.model.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { findUserIdByUsername } from '../accounts/accounts.repository.ts';
import { ROLE_LABELS, type GrantableRole } from './admin.model.ts';
import {
  deleteRole,
  deleteWranglerFandom,
  findFandomForAssignment,
  insertRole,
  insertWranglerFandom,
  lockAndCountAdmins,
  userHasRole,
} from './admin.repository.ts';

/*
 * Roles and fandom assignments. The web routes check adminPolicy before calling these; the
 * command line (`quire admin grant|revoke`) has no viewer and acts as COMMAND_LINE_ACTOR.
 * Each change and its audit entry are written in one transaction.
 */

/** `changed` is false when there was nothing to do (the role was already held, the fandom already assigned…). */
export type AdminResult = { ok: true; changed: boolean; message: string } | { ok: false; error: string };

async function requireUser(db: DbOrTrx, username: string): Promise<{ id: number; username: string }> {
  const user = await findUserIdByUsername(db, username);
  if (!user) throw notFound('user');
  return user;
}

export async function grantRole(db: Db, actor: AuditActor, username: string, role: GrantableRole): Promise<AdminResult> {
  return db.transaction().execute(async (trx) => {
    const user = await requireUser(trx, username);
    const label = ROLE_LABELS[role];
    if (!(await insertRole(trx, user.id, role))) return { ok: true, changed: false, message: `${user.username} is already a ${label.toLowerCase()}.` };
    const summary = `Made ${user.username} a ${label.toLowerCase()}.`;
    await recordAudit(trx, actor, { action: 'role.granted', summary, subjectUserId: user.id, details: { role } });
    return { ok: true, changed: true, message: summary };
  });
}

export async function revokeRole(db: Db, actor: AuditActor, username: string, role: GrantableRole): Promise<AdminResult> {
  return db.transaction().execute(async (trx) => {
    const user = await requireUser(trx, username);
    const label = ROLE_LABELS[role].toLowerCase();
    if (role === 'admin') {
      // An admin can't demote themselves, and the archive always keeps at least one admin.
      if (actor.id === user.id) return { ok: false, error: "You can't revoke your own admin role: ask another admin." };
      const admins = await lockAndCountAdmins(trx);
      if (admins <= 1 && (await userHasRole(trx, user.id, 'admin'))) return { ok: false, error: `${user.username} is the only admin: grant the admin role to someone else first.` };
    }
    if (!(await deleteRole(trx, user.id, role))) return { ok: true, changed: false, message: `${user.username} isn't a ${label}.` };
    const summary = `Removed ${user.username}'s ${label} role.`;
    await recordAudit(trx, actor, { action: 'role.revoked', summary, subjectUserId: user.id, details: { role } });
    return { ok: true, changed: true, message: summary };
  });
}

/** Assigns a canonical fandom (by name) to a wrangler's dashboard. */
export async function assignFandom(db: Db, actor: AuditActor, username: string, fandomName: string): Promise<AdminResult> {
  return db.transaction().execute(async (trx) => {
    const user = await requireUser(trx, username);
    if (!(await userHasRole(trx, user.id, 'tag_wrangler'))) return { ok: false, error: `${user.username} isn't a tag wrangler: grant the role first.` };
    const fandom = await findFandomForAssignment(trx, fandomName);
    if (!fandom) return { ok: false, error: `There is no fandom named “${fandomName}”.` };
    if (!fandom.canonical) return { ok: false, error: `“${fandom.name}” isn't a canonical fandom: assign the canonical fandom instead.` };
    if (!(await insertWranglerFandom(trx, user.id, fandom.id))) return { ok: true, changed: false, message: `“${fandom.name}” is already assigned to ${user.username}.` };
    const summary = `Assigned the fandom “${fandom.name}” to ${user.username}.`;
    await recordAudit(trx, actor, { action: 'wrangler.fandom_assigned', summary, tag: { id: fandom.id, name: fandom.name }, subjectUserId: user.id });
    return { ok: true, changed: true, message: summary };
  });
}

export async function unassignFandom(db: Db, actor: AuditActor, username: string, fandomId: number): Promise<AdminResult> {
  return db.transaction().execute(async (trx) => {
    const user = await requireUser(trx, username);
    const name = await deleteWranglerFandom(trx, user.id, fandomId);
    if (name === undefined) return { ok: true, changed: false, message: `That fandom isn't assigned to ${user.username}.` };
    const summary = `Unassigned the fandom “${name}” from ${user.username}.`;
    await recordAudit(trx, actor, { action: 'wrangler.fandom_unassigned', summary, tag: { id: fandomId, name }, subjectUserId: user.id });
    return { ok: true, changed: true, message: summary };
  });
}
