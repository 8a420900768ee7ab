import { createPolicy } from '../../platform/security/authorize.ts';
import type { Creator } from '../works/works.model.ts';

/** A member's statistics are theirs alone. */
export const statsPolicy = createPolicy<{ userId: number }, 'read'>({
  read: (viewer, owner) => viewer !== null && viewer.id === owner.userId,
});

/** A work's statistics are for its creators alone (co-creators included; admins are not creators). */
export const workStatsPolicy = createPolicy<{ creators: readonly Creator[] }, 'read'>({
  read: (viewer, work) => viewer !== null && work.creators.some((creator) => creator.userId === viewer.id),
});
