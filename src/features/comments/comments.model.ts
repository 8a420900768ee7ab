import type { CommentPermission } from './comments.table.ts';

export type { CommentPermission };

/** A work's comment settings. */
export interface CommentSettings {
  permission: CommentPermission;
  /** New comments wait for a creator's approval. */
  moderated: boolean;
}

/** Top-level comments per page under a work. */
export const COMMENTS_PER_PAGE = 20;
/** Levels of a thread shown on one page; deeper replies are behind "Continue this thread". */
export const THREAD_DEPTH = 5;
/** Characters a comment may have, counted as typed (before sanitizing). */
export const COMMENT_MAX = 10_000;
/** Links a guest's comment may hold. */
export const GUEST_MAX_LINKS = 2;

/** Who wrote a comment, as shown. */
export type CommentAuthor =
  | { kind: 'member'; userId: number; username: string; pseudName: string }
  | { kind: 'guest'; name: string }
  /** A member whose account is gone. */
  | { kind: 'gone' };

/** One comment as a page shows it. Deleted comments have an empty body. */
export interface CommentView {
  id: number;
  workId: number;
  chapterId: number | null;
  /** The chapter's position, for "on Chapter 3" labels; null on the work as a whole. */
  chapterPosition: number | null;
  parentId: number | null;
  /** 1 for the top comment of what is shown. */
  depth: number;
  author: CommentAuthor;
  body: string;
  approved: boolean;
  frozen: boolean;
  deleted: boolean;
  editedAt: Date | null;
  createdAt: Date;
  /** Replies exist below the shown depth: "Continue this thread". */
  hasHiddenReplies: boolean;
  replies: CommentView[];
}

/** What the rules need to know about a comment. */
export interface CommentFacts {
  id: number;
  workId: number;
  chapterId: number | null;
  parentId: number | null;
  userId: number | null;
  approved: boolean;
  frozen: boolean;
  deleted: boolean;
}

/** Builds the reply trees from rows in thread order (each row after its parent). */
export function buildThreads(rows: Omit<CommentView, 'replies'>[]): CommentView[] {
  const byId = new Map<number, CommentView>();
  const roots: CommentView[] = [];
  for (const row of rows) {
    const node: CommentView = { ...row, replies: [] };
    byId.set(node.id, node);
    const parent = node.parentId === null ? undefined : byId.get(node.parentId);
    if (parent && node.depth > 1) parent.replies.push(node);
    else roots.push(node);
  }
  return roots;
}

/** The display name of an author, in plain text (inbox summaries). */
export function authorName(author: CommentAuthor): string {
  if (author.kind === 'member') return author.pseudName === author.username ? author.username : `${author.pseudName} (${author.username})`;
  if (author.kind === 'guest') return `${author.name} (guest)`;
  return 'A former member';
}
