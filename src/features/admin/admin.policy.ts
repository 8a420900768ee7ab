import { createPolicy } from '../../platform/security/authorize.ts';
import { hasRole } from '../../platform/security/roles.ts';

/** Who may run the archive: grant roles, assign fandoms, upload tag sets. */
export const adminPolicy = createPolicy<null, 'manageRoles' | 'assignFandoms' | 'importTagSets' | 'readOutbox'>({
  manageRoles: (viewer) => hasRole(viewer, 'admin'),
  assignFandoms: (viewer) => hasRole(viewer, 'admin'),
  importTagSets: (viewer) => hasRole(viewer, 'admin'),
  readOutbox: (viewer) => hasRole(viewer, 'admin'),
});
