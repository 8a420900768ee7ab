/** What every page needs to know about the request it answers. */
export interface Viewer {
  id: number;
  username: string;
  roles: readonly string[];
}

export interface PageContext {
  siteName: string;
  viewer: Viewer | null;
  csrfToken: string;
  path: string;
}
