import { sql, type RawBuilder } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import { THREAD_DEPTH, type CommentAuthor, type CommentFacts, type CommentView } from './comments.model.ts';

interface CommentRow {
  id: number;
  work_id: number;
  chapter_id: number | null;
  chapter_position: number | null;
  parent_id: number | null;
  user_id: number | null;
  username: string | null;
  pseud_name: string | null;
  guest_name: string | null;
  body: string;
  approved: boolean;
  frozen: boolean;
  deleted_at: Date | null;
  edited_at: Date | null;
  created_at: Date;
  depth: number;
  has_hidden: boolean;
}

function authorOf(row: Pick<CommentRow, 'user_id' | 'username' | 'pseud_name' | 'guest_name'>): CommentAuthor {
  if (row.user_id !== null && row.username !== null) return { kind: 'member', userId: row.user_id, username: row.username, pseudName: row.pseud_name ?? row.username };
  if (row.guest_name !== null) return { kind: 'guest', name: row.guest_name };
  return { kind: 'gone' };
}

const toView = (row: CommentRow): Omit<CommentView, 'replies'> => ({
  id: row.id,
  workId: row.work_id,
  chapterId: row.chapter_id,
  chapterPosition: row.chapter_position,
  parentId: row.parent_id,
  depth: row.depth,
  author: authorOf(row),
  body: row.body,
  approved: row.approved,
  frozen: row.frozen,
  deleted: row.deleted_at !== null,
  editedAt: row.edited_at,
  createdAt: row.created_at,
  hasHiddenReplies: row.has_hidden,
});

/** A comment worth showing: not deleted, or deleted with replies that keep it as a placeholder. */
const shownSql = (alias: string) =>
  sql`(${sql.ref(`${alias}.deleted_at`)} is null or exists (select 1 from comments r where r.parent_id = ${sql.ref(`${alias}.id`)} and r.approved))`;

const chapterScope = (alias: string, chapterId: number | null) => (chapterId === null ? sql`true` : sql`${sql.ref(`${alias}.chapter_id`)} = ${chapterId}`);

const countsSql = (workId: number, chapterId: number | null) => sql`
  select
    (select count(*) from comments c where c.work_id = ${workId} and c.parent_id is null and c.approved and ${chapterScope('c', chapterId)} and ${shownSql('c')}) as roots,
    (select count(*) from comments c where c.work_id = ${workId} and c.approved and c.deleted_at is null and ${chapterScope('c', chapterId)}) as visible,
    (select count(*) from comments c where c.work_id = ${workId} and not c.approved and c.deleted_at is null) as held
`;

type CountedRow = { [K in keyof CommentRow]: CommentRow[K] | null } & { k_roots: number; k_visible: number; k_held: number };

/**
 * The threads under the given top comments (a CTE named `roots` with one column, id), to
 * THREAD_DEPTH levels, in one recursive query, each reply after its parent, oldest first; with
 * `counts`, the comment counts come in the same query (a first row even when there are no comments).
 */
async function selectThreads(db: DbOrTrx, roots: RawBuilder<unknown>, counts?: RawBuilder<unknown>): Promise<{ views: CommentView[]; counts: CommentCounts }> {
  const result = await sql<CountedRow>`
    with recursive roots as (${roots}),
    tree as (
      select c.id, 1 as depth, array[c.id] as path from comments c join roots on roots.id = c.id
      union all
      select c.id, tree.depth + 1, tree.path || c.id
      from comments c join tree on c.parent_id = tree.id
      where c.approved and tree.depth < ${THREAD_DEPTH} and ${shownSql('c')}
    ),
    counts as (${counts ?? sql`select 0 as roots, 0 as visible, 0 as held`}),
    shown as (
      select c.id, c.work_id, c.chapter_id, ch.position as chapter_position, c.parent_id, c.user_id, u.username,
        p.name as pseud_name, c.guest_name, c.body, c.approved, c.frozen, c.deleted_at, c.edited_at, c.created_at, tree.depth, tree.path,
        (tree.depth = ${THREAD_DEPTH} and exists (select 1 from comments r where r.parent_id = c.id and r.approved)) as has_hidden
      from tree
      join comments c on c.id = tree.id
      left join users u on u.id = c.user_id
      left join pseuds p on p.id = c.pseud_id
      left join chapters ch on ch.id = c.chapter_id
    )
    select counts.roots as k_roots, counts.visible as k_visible, counts.held as k_held, shown.*
    from counts left join shown on true
    order by shown.path
  `.execute(db);
  const first = result.rows[0];
  const views = result.rows.filter((row): row is CountedRow & CommentRow => row.id !== null).map((row) => ({ ...toView(row), replies: [] }));
  return { views, counts: { roots: Number(first?.k_roots ?? 0), visible: Number(first?.k_visible ?? 0), held: Number(first?.k_held ?? 0) } };
}

/** A page of top-level comments on a work (or one chapter of it), with their replies and the counts, in one query. */
export function listThreadsPage(db: DbOrTrx, workId: number, chapterId: number | null, offset: number, limit: number): Promise<{ views: CommentView[]; counts: CommentCounts }> {
  return selectThreads(
    db,
    sql`select c.id from comments c
        where c.work_id = ${workId} and c.parent_id is null and c.approved and ${chapterScope('c', chapterId)} and ${shownSql('c')}
        order by c.id limit ${limit} offset ${offset}`,
    countsSql(workId, chapterId),
  );
}

/** One comment and its replies, for the "continue this thread" page. */
export async function listSubthread(db: DbOrTrx, commentId: number): Promise<CommentView[]> {
  return (await selectThreads(db, sql`select ${commentId}::bigint as id`)).views;
}

export interface CommentCounts {
  /** Top-level comments shown, for paging. */
  roots: number;
  /** Comments readers can read (approved, not deleted). */
  visible: number;
  /** Comments waiting for a creator's approval, on the whole work. */
  held: number;
}

/** How many shown top-level comments on the work come before this one (to find its page). */
export async function countRootsBefore(db: DbOrTrx, workId: number, rootId: number): Promise<number> {
  const result = await sql<{ n: number }>`
    select count(*) as n from comments c
    where c.work_id = ${workId} and c.parent_id is null and c.approved and c.id < ${rootId} and ${shownSql('c')}
  `.execute(db);
  return Number(result.rows[0]!.n);
}

/** The comment's ancestors from the top of its thread down to it (ids). */
export async function listAncestry(db: DbOrTrx, commentId: number): Promise<number[]> {
  const result = await sql<{ id: number }>`
    with recursive up as (
      select id, parent_id, 0 as height from comments where id = ${commentId}
      union all
      select c.id, c.parent_id, up.height + 1 from comments c join up on c.id = up.parent_id
    )
    select id from up order by height desc
  `.execute(db);
  return result.rows.map((row) => Number(row.id));
}

/** A comment with its author and chapter, outside any thread (depth 1, no hidden replies). */
const singleCommentSelect = sql`
  select c.id, c.work_id, c.chapter_id, ch.position as chapter_position, c.parent_id, c.user_id, u.username,
    p.name as pseud_name, c.guest_name, c.body, c.approved, c.frozen, c.deleted_at, c.edited_at, c.created_at, 1 as depth, false as has_hidden
  from comments c
  left join users u on u.id = c.user_id
  left join pseuds p on p.id = c.pseud_id
  left join chapters ch on ch.id = c.chapter_id
`;

/** Comments waiting for approval on a work, oldest first. */
export async function listHeld(db: DbOrTrx, workId: number): Promise<CommentView[]> {
  const result = await sql<CommentRow>`
    ${singleCommentSelect}
    where c.work_id = ${workId} and not c.approved and c.deleted_at is null
    order by c.id
    limit 200
  `.execute(db);
  return result.rows.map((row) => ({ ...toView(row), replies: [] }));
}

/** One comment with its author, as shown on its own (reply and edit pages). */
export async function findCommentView(db: DbOrTrx, commentId: number): Promise<CommentView | undefined> {
  const result = await sql<CommentRow>`
    ${singleCommentSelect}
    where c.id = ${commentId}
  `.execute(db);
  const row = result.rows[0];
  return row && { ...toView(row), replies: [] };
}

/**
 * What the rules need about a comment. With `lock`, the row is locked for the rest of the
 * transaction ('share' for a reply, so a freeze or delete of the parent waits for it).
 */
export async function findCommentFacts(db: DbOrTrx, commentId: number, lock?: 'share' | 'update'): Promise<CommentFacts | undefined> {
  let query = db
    .selectFrom('comments')
    .select(['id', 'work_id', 'chapter_id', 'parent_id', 'user_id', 'approved', 'frozen', 'deleted_at'])
    .where('id', '=', commentId);
  if (lock === 'share') query = query.forShare();
  if (lock === 'update') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return (
    row && {
      id: row.id,
      workId: row.work_id,
      chapterId: row.chapter_id,
      parentId: row.parent_id,
      userId: row.user_id,
      approved: row.approved,
      frozen: row.frozen,
      deleted: row.deleted_at !== null,
    }
  );
}

export interface NewComment {
  workId: number;
  chapterId: number | null;
  parentId: number | null;
  author: { userId: number; pseudId: number } | { guestName: string; guestEmail: string };
  body: string;
  approved: boolean;
}

export async function insertComment(db: DbOrTrx, comment: NewComment): Promise<number> {
  const author = 'userId' in comment.author
    ? { user_id: comment.author.userId, pseud_id: comment.author.pseudId }
    : { guest_name: comment.author.guestName, guest_email: comment.author.guestEmail };
  const row = await db
    .insertInto('comments')
    .values({ work_id: comment.workId, chapter_id: comment.chapterId, parent_id: comment.parentId, body: comment.body, approved: comment.approved, ...author })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateCommentBody(db: DbOrTrx, commentId: number, body: string): Promise<void> {
  await db.updateTable('comments').set({ body, edited_at: sql<Date>`now()` }).where('id', '=', commentId).execute();
}

/** Clears the text and who wrote it (a guest's email too); the row stays for its replies. Returns whether it was counted. */
export async function markDeleted(db: DbOrTrx, commentId: number): Promise<{ wasVisible: boolean } | undefined> {
  const row = await db
    .updateTable('comments')
    .set({ body: '', guest_email: null, deleted_at: sql<Date>`now()` })
    .where('id', '=', commentId)
    .where('deleted_at', 'is', null)
    .returning('approved')
    .executeTakeFirst();
  return row && { wasVisible: row.approved };
}

export async function markApproved(db: DbOrTrx, commentId: number): Promise<boolean> {
  const result = await db.updateTable('comments').set({ approved: true }).where('id', '=', commentId).where('approved', '=', false).where('deleted_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Freezes or unfreezes a comment and every reply under it. */
export async function setFrozenSubtree(db: DbOrTrx, commentId: number, frozen: boolean): Promise<void> {
  await sql`
    with recursive sub as (
      select id from comments where id = ${commentId}
      union all
      select c.id from comments c join sub on c.parent_id = sub.id
    )
    update comments set frozen = ${frozen} where id in (select id from sub)
  `.execute(db);
}

/** Keeps works.comments_count (visible comments) right, in the caller's transaction. */
export async function adjustCommentsCount(db: DbOrTrx, workId: number, delta: number): Promise<void> {
  await db
    .updateTable('works')
    .set({ comments_count: sql<number>`comments_count + ${delta}` })
    .where('id', '=', workId)
    .execute();
}

/** The member's own pseud by id (undefined when it isn't theirs). */
export async function findCommentAuthorPseud(db: DbOrTrx, userId: number, pseudId: number): Promise<{ id: number; name: string } | undefined> {
  return db.selectFrom('pseuds').select(['id', 'name']).where('id', '=', pseudId).where('user_id', '=', userId).executeTakeFirst();
}

export async function listChapterIdsOfWork(db: DbOrTrx, workId: number): Promise<number[]> {
  const rows = await db.selectFrom('chapters').select('id').where('work_id', '=', workId).execute();
  return rows.map((row) => row.id);
}
