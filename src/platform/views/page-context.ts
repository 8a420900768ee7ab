import type { ReaderPreferences } from '../../features/preferences/preferences.model.ts';

/** What every page needs to know about the request it answers. */
export interface Viewer {
  id: number;
  username: string;
  roles: readonly string[];
  /** Unread inbox notices, loaded with the session (features/inbox). */
  unreadInbox?: number;
}

export interface PageContext {
  siteName: string;
  viewer: Viewer | null;
  csrfToken: string;
  path: string;
  /** How the reader likes pages to look (font size, width, theme, hidden lyrics and tags). */
  preferences: ReaderPreferences;
}
