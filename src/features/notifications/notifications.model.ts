/** What a member can subscribe to: a work (new chapters), a user (new works), a series (new works in it). */
export type SubscriptionTargetType = 'work' | 'user' | 'series';

export interface SubscriptionTarget {
  type: SubscriptionTargetType;
  id: number;
}

export interface SubscriptionListing {
  id: number;
  userId: number;
  target: SubscriptionTarget;
  /** The work's or series' title, or the user's name. */
  name: string;
  createdAt: Date;
}

/** What the subscribe button shows: null renders nothing (guests, and the thing's own creators). */
export type SubscribeButtonState = { target: SubscriptionTarget; subscribed: boolean } | null;

export const TARGET_NOUN: Record<SubscriptionTargetType, string> = { work: 'work', user: 'author', series: 'series' };

/** Where a subscription's thing lives. */
export function targetPath(target: SubscriptionTarget, name: string): string {
  if (target.type === 'work') return `/works/${target.id}`;
  if (target.type === 'series') return `/series/${target.id}`;
  return `/users/${encodeURIComponent(name)}`;
}
