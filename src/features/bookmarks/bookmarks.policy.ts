import { createPolicy } from '../../platform/security/authorize.ts';

/** What the rules need to know about a bookmark. */
export interface PolicyBookmark {
  userId: number;
  private: boolean;
}

/** Who may do what with a bookmark. Anything not listed here is denied. */
export const bookmarkPolicy = createPolicy<PolicyBookmark, 'view' | 'edit' | 'delete'>({
  // Private bookmarks are for their owner; public ones for anyone who may see what they are of.
  view: (viewer, bookmark) => !bookmark.private || (viewer !== null && viewer.id === bookmark.userId),
  edit: (viewer, bookmark) => viewer !== null && viewer.id === bookmark.userId,
  delete: (viewer, bookmark) => viewer !== null && viewer.id === bookmark.userId,
});

/** What may be bookmarked: a posted work the viewer may read, or a series. */
export interface PolicyBookmarkable {
  /** The viewer may read it (workPolicy 'read'; series are public). */
  readable: boolean;
  /** Drafts can't be bookmarked. */
  posted: boolean;
}

/** Members bookmark what they can read; guests have nowhere to keep a bookmark. */
export const bookmarkablePolicy = createPolicy<PolicyBookmarkable, 'bookmark'>({
  bookmark: (viewer, item) => viewer !== null && item.readable && item.posted,
});
