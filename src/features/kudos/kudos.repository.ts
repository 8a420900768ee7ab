import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import { KUDOS_NAMES_SHOWN, type KudosSummary, type KudosTarget } from './kudos.model.ts';

/**
 * The work's posting flags and the accounts behind its accepted creators, with the work row
 * locked as the counter update will lock it: kudos on one work apply one after the other, and a
 * work deleted meanwhile is simply not found (never a foreign-key error).
 */
export async function findKudosTarget(db: DbOrTrx, workId: number): Promise<KudosTarget | undefined> {
  const row = await db
    .selectFrom('works')
    .select([
      'works.id',
      'works.posted',
      'works.restricted',
      sql<number[]>`coalesce((select array_agg(distinct p.user_id) from creatorships c join pseuds p on p.id = c.pseud_id where c.work_id = works.id and c.accepted_at is not null), '{}')`.as('creator_user_ids'),
    ])
    .where('works.id', '=', workId)
    .forNoKeyUpdate()
    .executeTakeFirst();
  // int8[] arrives as strings.
  return row && { id: row.id, posted: row.posted, restricted: row.restricted, creatorUserIds: row.creator_user_ids.map(Number) };
}

/**
 * Records a kudos unless this member (or this guest address) already left one: the unique
 * partial indexes decide, so a double click or a race can't count twice. True when a row was
 * written.
 */
export async function insertKudos(db: DbOrTrx, workId: number, from: { userId: number } | { ipHash: string }): Promise<boolean> {
  const rows =
    'userId' in from
      ? await sql<{ id: number }>`insert into kudos (work_id, user_id) values (${workId}, ${from.userId})
          on conflict (work_id, user_id) where user_id is not null do nothing returning id`.execute(db)
      : await sql<{ id: number }>`insert into kudos (work_id, ip_hash) values (${workId}, ${from.ipHash})
          on conflict (work_id, ip_hash) where ip_hash is not null do nothing returning id`.execute(db);
  return rows.rows.length > 0;
}

/** Counts the new kudos on the work row (works.kudos_count, migration 0010); returns the new count. */
export async function bumpKudosCount(db: DbOrTrx, workId: number): Promise<number> {
  const row = await db
    .updateTable('works')
    .set({ kudos_count: sql<number>`kudos_count + 1` })
    .where('id', '=', workId)
    .returning('kudos_count')
    .executeTakeFirstOrThrow();
  return row.kudos_count;
}

/** The names (newest first, capped) and counts of the kudos on the outer `works` row, as JSON. */
export const kudosSummaryJson = sql<{ members: string[] | null; member_count: number; guest_count: number }>`(
  select json_build_object(
    'members', (
      select json_agg(named.username order by named.id desc)
      from (
        select u.username, k.id from kudos k join users u on u.id = k.user_id
        where k.work_id = works.id and k.user_id is not null
        order by k.id desc limit ${KUDOS_NAMES_SHOWN}
      ) named
    ),
    'member_count', count(*) filter (where k.user_id is not null),
    'guest_count', count(*) filter (where k.user_id is null))
  from kudos k where k.work_id = works.id
)`;

export const toKudosSummary = (json: { members: string[] | null; member_count: number; guest_count: number }): KudosSummary => ({
  members: json.members ?? [],
  memberCount: Number(json.member_count),
  guestCount: Number(json.guest_count),
});

/** The kudos count and who left them, for the answer to a kudos. */
export async function findKudosSummary(db: DbOrTrx, workId: number): Promise<{ kudosCount: number; summary: KudosSummary }> {
  const row = await db
    .selectFrom('works')
    .select(['works.kudos_count', kudosSummaryJson.as('kudos')])
    .where('works.id', '=', workId)
    .executeTakeFirstOrThrow();
  return { kudosCount: row.kudos_count, summary: toKudosSummary(row.kudos) };
}
