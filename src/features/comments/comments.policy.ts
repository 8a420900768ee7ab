import { createPolicy } from '../../platform/security/authorize.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { Creator } from '../works/works.model.ts';
import type { CommentFacts, CommentSettings } from './comments.model.ts';

/** What the rules need about the work: its accepted creators and its comment settings. */
export interface CommentWork {
  creators: Creator[];
  comments: CommentSettings;
}

const isCreator = (viewer: Viewer | null, work: CommentWork) => viewer !== null && work.creators.some((creator) => creator.userId === viewer.id);

/**
 * Who may comment on a work. A work's creators always may (to answer in a thread even when
 * comments are off for everyone else); otherwise the work's setting decides.
 */
export const workCommentPolicy = createPolicy<CommentWork, 'comment' | 'moderate'>({
  comment: (viewer, work) => isCreator(viewer, work) || work.comments.permission === 'everyone' || (work.comments.permission === 'members' && viewer !== null),
  moderate: isCreator,
});

export interface CommentTarget {
  work: CommentWork;
  comment: CommentFacts;
}

const isAuthor = (viewer: Viewer | null, comment: CommentFacts) => viewer !== null && comment.userId !== null && comment.userId === viewer.id;

/**
 * Who may do what with one comment. Anything not listed is denied. The state rules (frozen,
 * deleted, already approved) are the service's, so each gets its own message.
 */
export const commentPolicy = createPolicy<CommentTarget, 'edit' | 'delete' | 'freeze' | 'approve'>({
  edit: (viewer, { comment }) => isAuthor(viewer, comment),
  delete: (viewer, { work, comment }) => isAuthor(viewer, comment) || isCreator(viewer, work),
  freeze: (viewer, { work }) => isCreator(viewer, work),
  approve: (viewer, { work }) => isCreator(viewer, work),
});

export const isWorkCreator = isCreator;
