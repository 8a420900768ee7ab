import type { Viewer } from '../../platform/views/page-context.ts';
import { visibleWorkSql } from '../works/works.repository.ts';
import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import type { Pseud, PseudWithCredits } from './pseuds.model.ts';

export async function findPseud(db: DbOrTrx, pseudId: number): Promise<Pseud | undefined> {
  const row = await db
    .selectFrom('pseuds')
    .innerJoin('users', 'users.id', 'pseuds.user_id')
    .select(['pseuds.id', 'pseuds.user_id', 'users.username', 'pseuds.name', 'pseuds.is_default'])
    .where('pseuds.id', '=', pseudId)
    .executeTakeFirst();
  return row && { id: row.id, userId: row.user_id, username: row.username, name: row.name, isDefault: row.is_default };
}

export async function findPseudByName(db: DbOrTrx, userId: number, name: string): Promise<Pseud | undefined> {
  const row = await db
    .selectFrom('pseuds')
    .innerJoin('users', 'users.id', 'pseuds.user_id')
    .select(['pseuds.id', 'pseuds.user_id', 'users.username', 'pseuds.name', 'pseuds.is_default'])
    .where('pseuds.user_id', '=', userId)
    .where(sql`lower(pseuds.name)`, '=', name.toLowerCase())
    .executeTakeFirst();
  return row && { id: row.id, userId: row.user_id, username: row.username, name: row.name, isDefault: row.is_default };
}

/** The user's pseuds with their credit counts, in one query. */
export async function listPseudsWithCredits(db: DbOrTrx, userId: number, viewer: Viewer | null): Promise<PseudWithCredits[]> {
  const visible = visibleWorkSql('w', viewer);
  const rows = await db
    .selectFrom('pseuds')
    .select([
      'pseuds.id',
      'pseuds.name',
      'pseuds.is_default',
      sql<number>`(select count(*) from creatorships c join works w on w.id = c.work_id where c.pseud_id = pseuds.id and c.accepted_at is not null and ${visible})`.as('work_count'),
      sql<number>`(select count(*) from series_creatorships sc where sc.pseud_id = pseuds.id)`.as('series_count'),
    ])
    .where('pseuds.user_id', '=', userId)
    .orderBy('pseuds.is_default', 'desc')
    .orderBy(sql`lower(pseuds.name)`)
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, isDefault: r.is_default, workCount: Number(r.work_count), seriesCount: Number(r.series_count) }));
}

export async function nameTakenByUser(db: DbOrTrx, userId: number, name: string, exceptPseudId?: number): Promise<boolean> {
  let query = db.selectFrom('pseuds').select('id').where('user_id', '=', userId).where(sql`lower(name)`, '=', name.toLowerCase());
  if (exceptPseudId !== undefined) query = query.where('id', '<>', exceptPseudId);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function renamePseud(db: DbOrTrx, pseudId: number, name: string): Promise<void> {
  await db.updateTable('pseuds').set({ name, updated_at: new Date() }).where('id', '=', pseudId).execute();
}

/** Counts every link that keeps a pseud from being deleted: works (even pending invitations) and series. */
export async function countPseudLinks(db: DbOrTrx, pseudId: number): Promise<number> {
  const row = await db
    .selectNoFrom([
      sql<number>`(select count(*) from creatorships where pseud_id = ${pseudId}) + (select count(*) from series_creatorships where pseud_id = ${pseudId})`.as('n'),
    ])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Moves every work and series credit of one pseud to another of the same user. Where the target
 * is already credited, the duplicate credit is dropped instead (a work credits a pseud once).
 */
export async function moveCredits(db: DbOrTrx, fromPseudId: number, toPseudId: number): Promise<void> {
  await db
    .deleteFrom('creatorships')
    .where('pseud_id', '=', fromPseudId)
    .where('work_id', 'in', (eb) => eb.selectFrom('creatorships').select('work_id').where('pseud_id', '=', toPseudId))
    .execute();
  await db.updateTable('creatorships').set({ pseud_id: toPseudId }).where('pseud_id', '=', fromPseudId).execute();
  await db
    .deleteFrom('series_creatorships')
    .where('pseud_id', '=', fromPseudId)
    .where('series_id', 'in', (eb) => eb.selectFrom('series_creatorships').select('series_id').where('pseud_id', '=', toPseudId))
    .execute();
  await db.updateTable('series_creatorships').set({ pseud_id: toPseudId }).where('pseud_id', '=', fromPseudId).execute();
}

export async function deletePseud(db: DbOrTrx, pseudId: number): Promise<void> {
  await db.deleteFrom('pseuds').where('id', '=', pseudId).where('is_default', '=', false).execute();
}

/** Locks the pseud row, so a rename or delete doesn't race a second one. */
export async function lockPseud(db: DbOrTrx, pseudId: number): Promise<boolean> {
  const row = await db.selectFrom('pseuds').select('id').where('id', '=', pseudId).forUpdate().executeTakeFirst();
  return row !== undefined;
}

export async function findDefaultPseudId(db: DbOrTrx, userId: number): Promise<number | undefined> {
  const row = await db.selectFrom('pseuds').select('id').where('user_id', '=', userId).where('is_default', '=', true).executeTakeFirst();
  return row?.id;
}
