import { createPolicy } from '../../platform/security/authorize.ts';

/** The thing being subscribed to, as far as the rules care: who made it. */
export interface Subscribable {
  creatorUserIds: readonly number[];
}

/**
 * Members may follow anything they can see, except what they made themselves (they hear
 * about their own posts anyway). Guests may not subscribe: authorize() answers them 401.
 */
export const subscriptionPolicy = createPolicy<Subscribable, 'subscribe'>({
  subscribe: (viewer, thing) => viewer !== null && !thing.creatorUserIds.includes(viewer.id),
});
