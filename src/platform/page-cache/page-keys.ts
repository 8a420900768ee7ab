/**
 * What a cached page depends on, in the change feed's words (migration 0013 says which change
 * writes which key). A page is dropped when any of its keys is named.
 */

/** A work's own pages: the work page, its chapters, the whole work, the chapter index. */
export const workPageKey = (workId: number): string => `work:${workId}`;

/** A member's own pages (user page, pen names, their series list). */
export const userPagesKey = (userId: number): string => `user:${userId}`;

/** A canonical tag's listing: its works, its name and its related tags. */
export const tagListingDeps = (tagId: number): string[] => [`tag:${tagId}`, 'listings'];

/** Any listing of works not scoped by one tag: home, fandoms, media, series, users, pen names. */
export const LISTING_DEPS: readonly string[] = ['works', 'listings'];
