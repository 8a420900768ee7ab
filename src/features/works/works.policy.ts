import { createPolicy } from '../../platform/security/authorize.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { Creator } from './works.model.ts';

const isCreator = (viewer: Viewer | null, work: { creators: Creator[] }) =>
  viewer !== null && work.creators.some((creator) => creator.userId === viewer.id);

export type PolicyWork = { creators: Creator[]; posted: boolean; restricted: boolean };

/** Who may do what with a work. Anything not listed here is denied. */
export const workPolicy = createPolicy<PolicyWork, 'read' | 'edit' | 'delete'>({
  // Drafts are for their creators; members-only works for members.
  read: (viewer, work) => isCreator(viewer, work) || (work.posted && (!work.restricted || viewer !== null)),
  edit: isCreator,
  delete: isCreator,
});

/** A work that exists but this viewer may not even know about: answered as not found. */
export const isHiddenFrom = (viewer: Viewer | null, work: PolicyWork) => !isCreator(viewer, work) && !work.posted;
