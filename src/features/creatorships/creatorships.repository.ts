import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import { ORPHAN_ACCOUNT, type Invitation, type Invitee } from './creatorships.model.ts';

/** The named pseud of a user (or their default one when no name is given), ignoring case. */
export async function findInvitee(db: DbOrTrx, username: string, pseudName: string | null): Promise<Invitee | undefined> {
  let query = db
    .selectFrom('pseuds')
    .innerJoin('users', 'users.id', 'pseuds.user_id')
    .select(['pseuds.id', 'pseuds.name', 'users.id as user_id', 'users.username'])
    .where(sql`lower(users.username)`, '=', username.toLowerCase());
  query = pseudName === null ? query.where('pseuds.is_default', '=', true) : query.where(sql`lower(pseuds.name)`, '=', pseudName.toLowerCase());
  const row = await query.executeTakeFirst();
  return row && { pseudId: row.id, pseudName: row.name, userId: row.user_id, username: row.username };
}

/** The user's credits on a work, accepted or still pending. */
export async function findUserCredits(db: DbOrTrx, workId: number, userId: number): Promise<{ pseudId: number; accepted: boolean; position: number }[]> {
  const rows = await db
    .selectFrom('creatorships')
    .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .select(['creatorships.pseud_id', 'creatorships.accepted_at', 'creatorships.position'])
    .where('creatorships.work_id', '=', workId)
    .where('pseuds.user_id', '=', userId)
    .execute();
  return rows.map((r) => ({ pseudId: r.pseud_id, accepted: r.accepted_at !== null, position: r.position }));
}

/** A pending credit (accepted_at NULL), placed after the work's other creators. */
export async function insertInvitation(db: DbOrTrx, workId: number, pseudId: number): Promise<void> {
  await db
    .insertInto('creatorships')
    .values({
      work_id: workId,
      pseud_id: pseudId,
      accepted_at: null,
      position: sql<number>`(select coalesce(max(position), 0) + 1 from creatorships where work_id = ${workId})`,
    })
    .execute();
}

export async function listPendingInvitations(db: DbOrTrx, userId: number): Promise<Invitation[]> {
  const rows = await db
    .selectFrom('creatorships')
    .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .innerJoin('works', 'works.id', 'creatorships.work_id')
    .select([
      'works.id as work_id',
      'works.title',
      'pseuds.id as pseud_id',
      'pseuds.name',
      'creatorships.created_at',
      sql<string[]>`coalesce((select array_agg(p2.name order by c2.position, p2.id) from creatorships c2 join pseuds p2 on p2.id = c2.pseud_id
        where c2.work_id = works.id and c2.accepted_at is not null), '{}')`.as('creator_names'),
    ])
    .where('pseuds.user_id', '=', userId)
    .where('creatorships.accepted_at', 'is', null)
    .orderBy('creatorships.created_at', 'desc')
    .orderBy('works.id', 'desc')
    .execute();
  return rows.map((r) => ({ workId: r.work_id, workTitle: r.title, pseudId: r.pseud_id, pseudName: r.name, creatorNames: r.creator_names, invitedAt: r.created_at }));
}

/** Accepts a pending invitation to one of the user's pseuds; false when there is none. */
export async function acceptInvitation(db: DbOrTrx, workId: number, pseudId: number, userId: number): Promise<boolean> {
  const result = await db
    .updateTable('creatorships')
    .set({ accepted_at: new Date() })
    .where('work_id', '=', workId)
    .where('pseud_id', '=', pseudId)
    .where('accepted_at', 'is', null)
    .where('pseud_id', 'in', (eb) => eb.selectFrom('pseuds').select('id').where('user_id', '=', userId))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function declineInvitation(db: DbOrTrx, workId: number, pseudId: number, userId: number): Promise<boolean> {
  const result = await db
    .deleteFrom('creatorships')
    .where('work_id', '=', workId)
    .where('pseud_id', '=', pseudId)
    .where('accepted_at', 'is', null)
    .where('pseud_id', 'in', (eb) => eb.selectFrom('pseuds').select('id').where('user_id', '=', userId))
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function findOrphanPseudId(db: DbOrTrx): Promise<number | undefined> {
  const row = await db
    .selectFrom('pseuds')
    .innerJoin('users', 'users.id', 'pseuds.user_id')
    .select('pseuds.id')
    .where(sql`lower(users.username)`, '=', ORPHAN_ACCOUNT)
    .where('pseuds.is_default', '=', true)
    .executeTakeFirst();
  return row?.id;
}

/** Replaces all of one user's credits on a work with the orphan pseud, in the place their first credit held. */
export async function replaceCreditsWithOrphan(db: DbOrTrx, workId: number, userId: number, orphanPseudId: number, position: number): Promise<void> {
  await db
    .deleteFrom('creatorships')
    .where('work_id', '=', workId)
    .where('pseud_id', 'in', (eb) => eb.selectFrom('pseuds').select('id').where('user_id', '=', userId))
    .execute();
  await db
    .insertInto('creatorships')
    .values({ work_id: workId, pseud_id: orphanPseudId, position, accepted_at: new Date() })
    .onConflict((oc) => oc.columns(['work_id', 'pseud_id']).doNothing())
    .execute();
}
