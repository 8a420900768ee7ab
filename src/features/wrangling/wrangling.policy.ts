import { createPolicy } from '../../platform/security/authorize.ts';
import { hasRole } from '../../platform/security/roles.ts';

/**
 * Who may change the tag graph. As on AO3, any wrangler may wrangle any tag: assigned fandoms
 * only decide whose queue a tag shows up in first. Anything not listed here is denied.
 */
export const wranglingPolicy = createPolicy<null, 'wrangle' | 'viewLog'>({
  wrangle: (viewer) => hasRole(viewer, 'tag_wrangler') || hasRole(viewer, 'admin'),
  viewLog: (viewer) => hasRole(viewer, 'tag_wrangler') || hasRole(viewer, 'admin'),
});
