import { createPolicy } from '../../platform/security/authorize.ts';
import type { Viewer } from '../../platform/views/page-context.ts';

const isOwner = (viewer: Viewer | null, resource: { userId: number }) => viewer !== null && viewer.id === resource.userId;

/**
 * Who may do what with pen names. `create` is checked against the account, the others against
 * the pseud. Deleting the default pseud is a rule of the service, with its own message.
 */
export const pseudPolicy = createPolicy<{ userId: number }, 'create' | 'rename' | 'delete'>({
  create: isOwner,
  rename: isOwner,
  delete: isOwner,
});
