import { createPolicy } from '../../platform/security/authorize.ts';

/** A member's statistics are theirs alone. */
export const statsPolicy = createPolicy<{ userId: number }, 'read'>({
  read: (viewer, owner) => viewer !== null && viewer.id === owner.userId,
});
