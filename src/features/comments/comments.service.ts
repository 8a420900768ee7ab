import type { Db, DbOrTrx } from '../../platform/db/schema.ts';
import { AppError, badRequest, notFound } from '../../platform/http/errors.ts';
import { sanitizeUserHtml } from '../../platform/security/sanitize.ts';
import { plainTextToHtml } from '../../platform/text/plain-text.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import type { Viewer } from '../../platform/views/page-context.ts';
import { addInboxItems, type InboxItemInput } from '../inbox/inbox.repository.ts';
import type { Work } from '../works/works.model.ts';
import { GUEST_MAX_LINKS, type CommentFacts } from './comments.model.ts';
import { commentPolicy, isWorkCreator, workCommentPolicy, type CommentWork } from './comments.policy.ts';
import {
  adjustCommentsCount,
  findCommentAuthorPseud,
  findCommentFacts,
  insertComment,
  listChapterIdsOfWork,
  markApproved,
  markDeleted,
  setFrozenSubtree,
  updateCommentBody,
} from './comments.repository.ts';
import { countLinks, type CommentForm } from './comments.schemas.ts';
import { takeCommentSlot, type CommentLimits } from './rate-limit.ts';

export type CommentWriteResult = { ok: true; commentId: number; held: boolean } | { ok: false; errors: FieldErrors };

/** The work as the comment rules and notices need it. */
export type CommentedWork = Pick<Work, 'id' | 'title' | 'creators' | 'comments'>;

/** Typed text to stored HTML: HTML when it has tags, else plain text whose blank lines start paragraphs. */
export function commentHtml(typed: string): string {
  return sanitizeUserHtml(/<[a-z][^>]*>/i.test(typed) ? typed : plainTextToHtml(typed));
}

const EMPTY_AFTER_SANITIZING = 'Comment has nothing left to show once unsafe HTML is removed. Add some text.';

/** Refuses a commenter the work's settings leave out, with a message saying why. */
export function assertMayComment(viewer: Viewer | null, work: CommentWork): void {
  if (workCommentPolicy.can(viewer, 'comment', work)) return;
  if (work.comments.permission === 'members' && viewer === null) {
    throw new AppError('unauthorized', 'Only members of the archive can comment on this work. Log in to comment.');
  }
  throw new AppError('forbidden', 'Comments are turned off on this work.');
}

/** A reply's parent must exist on this work, be visible and take replies. */
function assertTakesReplies(parent: CommentFacts | undefined, workId: number): asserts parent is CommentFacts {
  if (!parent || parent.workId !== workId || !parent.approved) throw notFound('comment');
  if (parent.deleted) throw new AppError('conflict', 'That comment was deleted, so it can’t take replies.');
  if (parent.frozen) throw new AppError('conflict', 'This thread is frozen: it takes no new replies.');
}

export interface PostCommentInput {
  work: CommentedWork;
  /** The comment replied to; null for a new top-level comment. */
  parentId: number | null;
  form: CommentForm;
  limits: CommentLimits;
}

/**
 * Posts a comment or a reply: checks the form beyond its schema, then in one transaction the
 * parent's state (locked, so a freeze or delete can't slip in), the rate limits, the write, the
 * work's comment count and the inbox notices.
 */
export async function postComment(db: Db, viewer: Viewer | null, input: PostCommentInput): Promise<CommentWriteResult> {
  const { work, form } = input;
  assertMayComment(viewer, work);
  if (form.homepage) throw badRequest('This form has a field people are asked to leave empty, and it was filled in, so the comment was not posted. If you are a person, clear that field and try again.');
  if (!('pseud_id' in form) && countLinks(form.body) > GUEST_MAX_LINKS) {
    return { ok: false, errors: { body: `A guest's comment can have at most ${GUEST_MAX_LINKS} links. Remove some, or log in to post more.` } };
  }
  const body = commentHtml(form.body);
  if (body === '') return { ok: false, errors: { body: EMPTY_AFTER_SANITIZING } };

  return db.transaction().execute(async (trx): Promise<CommentWriteResult> => {
    let chapterId: number | null = null;
    if (input.parentId !== null) {
      const parent = await findCommentFacts(trx, input.parentId, 'share');
      assertTakesReplies(parent, work.id);
      chapterId = parent.chapterId;
    } else if (form.chapter_id !== undefined) {
      if (!(await listChapterIdsOfWork(trx, work.id)).includes(form.chapter_id)) throw badRequest('That chapter is not part of this work.');
      chapterId = form.chapter_id;
    }
    let authorName: string;
    let author: { userId: number; pseudId: number } | { guestName: string; guestEmail: string };
    if ('pseud_id' in form) {
      if (!viewer) throw new AppError('unauthorized', 'Please log in to do that.');
      const pseud = await findCommentAuthorPseud(trx, viewer.id, form.pseud_id);
      if (!pseud) return { ok: false, errors: { pseud_id: 'Choose one of your own pen names.' } };
      authorName = pseud.name;
      author = { userId: viewer.id, pseudId: form.pseud_id };
    } else {
      authorName = `${form.name} (guest)`;
      author = { guestName: form.name, guestEmail: form.email };
    }
    await takeCommentSlot(trx, input.limits);
    const approved = !work.comments.moderated || isWorkCreator(viewer, work);
    const commentId = await insertComment(trx, { workId: work.id, chapterId, parentId: input.parentId, author, body, approved });
    if (approved) await adjustCommentsCount(trx, work.id, 1);
    await addInboxItems(trx, await noticesFor(trx, { work, viewer, commentId, parentId: input.parentId, authorName, held: !approved }));
    return { ok: true, commentId, held: !approved };
  });
}

interface NoticeInput {
  work: CommentedWork;
  viewer: Viewer | null;
  commentId: number;
  parentId: number | null;
  authorName: string;
  held: boolean;
}

/**
 * Who hears about a comment: the author of the comment replied to (a 'reply', if a member and not
 * the writer), and every creator of the work (a 'comment'), never the writer themselves.
 */
async function noticesFor(trx: DbOrTrx, { work, viewer, commentId, parentId, authorName, held }: NoticeInput): Promise<InboxItemInput[]> {
  const notices: InboxItemInput[] = [];
  const told = new Set<number>(viewer ? [viewer.id] : []);
  const url = `/comments/${commentId}/context`;
  if (parentId !== null && !held) {
    const parent = await findCommentFacts(trx, parentId);
    if (parent && parent.userId !== null && !told.has(parent.userId)) {
      told.add(parent.userId);
      notices.push({ userId: parent.userId, kind: 'reply', workId: work.id, commentId, summary: `${authorName} replied to your comment on “${work.title}”.`, url });
    }
  }
  for (const creator of work.creators) {
    if (told.has(creator.userId)) continue;
    told.add(creator.userId);
    notices.push(
      held
        ? { userId: creator.userId, kind: 'comment', workId: work.id, commentId, summary: `${authorName} left a comment on “${work.title}” that waits for your approval.`, url: `/works/${work.id}/comments/held` }
        : { userId: creator.userId, kind: 'comment', workId: work.id, commentId, summary: `${authorName} commented on “${work.title}”.`, url },
    );
  }
  return notices;
}

/** Loads a comment of this work under a row lock, or 404. */
async function lockedComment(trx: DbOrTrx, work: CommentedWork, commentId: number): Promise<CommentFacts> {
  const comment = await findCommentFacts(trx, commentId, 'update');
  if (!comment || comment.workId !== work.id) throw notFound('comment');
  return comment;
}

export async function editComment(db: Db, viewer: Viewer | null, work: CommentedWork, commentId: number, typed: string): Promise<CommentWriteResult> {
  const body = commentHtml(typed);
  return db.transaction().execute(async (trx): Promise<CommentWriteResult> => {
    const comment = await lockedComment(trx, work, commentId);
    commentPolicy.authorize(viewer, 'edit', { work, comment });
    if (comment.deleted) throw new AppError('conflict', 'That comment was deleted, so it can’t be edited.');
    if (comment.frozen) throw new AppError('conflict', 'This thread is frozen: its comments can’t be edited.');
    if (body === '') return { ok: false, errors: { body: EMPTY_AFTER_SANITIZING } };
    await updateCommentBody(trx, commentId, body);
    return { ok: true, commentId, held: !comment.approved };
  });
}

/** Deletes a comment (its author, or a creator of the work); its replies stay under a placeholder. */
export async function deleteComment(db: Db, viewer: Viewer | null, work: CommentedWork, commentId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const comment = await lockedComment(trx, work, commentId);
    commentPolicy.authorize(viewer, 'delete', { work, comment });
    const deleted = await markDeleted(trx, commentId);
    if (deleted?.wasVisible) await adjustCommentsCount(trx, work.id, -1);
  });
}

export async function freezeComment(db: Db, viewer: Viewer | null, work: CommentedWork, commentId: number, frozen: boolean): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const comment = await lockedComment(trx, work, commentId);
    commentPolicy.authorize(viewer, 'freeze', { work, comment });
    if (!comment.approved) throw new AppError('conflict', 'Approve this comment before freezing its thread.');
    await setFrozenSubtree(trx, commentId, frozen);
  });
}

/** Approves a held comment: it is shown and counted, and the comment it answers hears about it. */
export async function approveComment(db: Db, viewer: Viewer | null, work: CommentedWork, commentId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const comment = await lockedComment(trx, work, commentId);
    commentPolicy.authorize(viewer, 'approve', { work, comment });
    if (comment.deleted) throw new AppError('conflict', 'That comment was deleted.');
    if (!(await markApproved(trx, commentId))) return;
    await adjustCommentsCount(trx, work.id, 1);
    if (comment.parentId === null) return;
    const parent = await findCommentFacts(trx, comment.parentId);
    if (parent && parent.userId !== null && parent.userId !== comment.userId && parent.userId !== viewer?.id) {
      await addInboxItems(trx, [{ userId: parent.userId, kind: 'reply', workId: work.id, commentId, summary: `Someone replied to your comment on “${work.title}”.`, url: `/comments/${commentId}/context` }]);
    }
  });
}
