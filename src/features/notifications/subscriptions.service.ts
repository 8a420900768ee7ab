import type { Db, DbOrTrx } from '../../platform/db/schema.ts';
import { AppError, badRequest, notFound } from '../../platform/http/errors.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import { findSeries } from '../series/series.repository.ts';
import { isHiddenFrom } from '../works/works.policy.ts';
import { findWork } from '../works/works.repository.ts';
import { TARGET_NOUN, type SubscribeButtonState, type SubscriptionTarget } from './notifications.model.ts';
import type { Subscribable } from './subscriptions.policy.ts';
import { subscriptionPolicy } from './subscriptions.policy.ts';
import { deleteSubscription, findSubscriptionId, insertSubscription } from './subscriptions.repository.ts';

export interface ResolvedTarget extends Subscribable {
  target: SubscriptionTarget;
  name: string;
}

/** The thing a form names, if the viewer may know about it; otherwise not found. */
export async function resolveTarget(db: DbOrTrx, viewer: Viewer | null, target: SubscriptionTarget): Promise<ResolvedTarget> {
  if (target.type === 'work') {
    const work = await findWork(db, target.id);
    if (!work || isHiddenFrom(viewer, work)) throw notFound('work');
    return { target, name: work.title, creatorUserIds: work.creators.map((c) => c.userId) };
  }
  if (target.type === 'series') {
    const series = await findSeries(db, target.id);
    if (!series) throw notFound('series');
    return { target, name: series.title, creatorUserIds: series.creators.map((c) => c.userId) };
  }
  const user = await db.selectFrom('users').select(['id', 'username']).where('id', '=', target.id).executeTakeFirst();
  if (!user) throw notFound('user');
  return { target, name: user.username, creatorUserIds: [user.id] };
}

const ownMessage: Record<SubscriptionTarget['type'], string> = {
  work: "You can't subscribe to your own work: you'll see its new chapters anyway.",
  series: "You can't subscribe to your own series.",
  user: "You can't subscribe to yourself.",
};

export async function subscribe(db: Db, viewer: Viewer, target: SubscriptionTarget): Promise<ResolvedTarget> {
  return db.transaction().execute(async (trx) => {
    const thing = await resolveTarget(trx, viewer, target);
    if (!subscriptionPolicy.can(viewer, 'subscribe', thing)) throw badRequest(ownMessage[target.type]);
    if ((await insertSubscription(trx, viewer.id, target)) === null) {
      throw new AppError('conflict', `You're already subscribed to this ${TARGET_NOUN[target.type]}.`);
    }
    return thing;
  });
}

export async function unsubscribe(db: Db, viewer: Viewer, target: SubscriptionTarget): Promise<ResolvedTarget> {
  return db.transaction().execute(async (trx) => {
    const thing = await resolveTarget(trx, viewer, target);
    if (!(await deleteSubscription(trx, viewer.id, target))) {
      throw badRequest(`You aren't subscribed to this ${TARGET_NOUN[target.type]}, so there was nothing to unsubscribe from.`);
    }
    return thing;
  });
}

/** For the button on a work, user or series page: one query for members who may subscribe, none otherwise. */
export async function subscribeButtonState(db: DbOrTrx, viewer: Viewer | null, target: SubscriptionTarget, creatorUserIds: readonly number[]): Promise<SubscribeButtonState> {
  if (!viewer || !subscriptionPolicy.can(viewer, 'subscribe', { creatorUserIds })) return null;
  return { target, subscribed: (await findSubscriptionId(db, viewer.id, target)) !== undefined };
}

/** The same, when the page already read whether the viewer is subscribed (the work page, with its reactions). */
export function knownSubscribeButtonState(viewer: Viewer | null, target: SubscriptionTarget, creatorUserIds: readonly number[], subscribed: boolean): SubscribeButtonState {
  if (!viewer || !subscriptionPolicy.can(viewer, 'subscribe', { creatorUserIds })) return null;
  return { target, subscribed };
}
