import { AppError, notFound } from '../../platform/http/errors.ts';
import { createPolicy } from '../../platform/security/authorize.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { KudosTarget } from './kudos.model.ts';

/**
 * Why this viewer may not leave kudos on this work, as the error to answer with; null when they
 * may. Drafts are not found (as everywhere else), members-only works are for members, and
 * creators can't kudos their own work.
 */
export function kudosRefusal(viewer: Viewer | null, work: KudosTarget | undefined): AppError | null {
  if (!work || !work.posted) return notFound('work');
  if (work.restricted && !viewer) return new AppError('unauthorized', 'Please log in to leave kudos on a members-only work.');
  if (viewer && work.creatorUserIds.includes(viewer.id)) return new AppError('forbidden', "You can't leave kudos on your own work.");
  return null;
}

/** Who may do what with kudos. Anything not listed here is denied. */
export const kudosPolicy = createPolicy<KudosTarget | undefined, 'give'>({
  give: (viewer, work) => kudosRefusal(viewer, work) === null,
});
