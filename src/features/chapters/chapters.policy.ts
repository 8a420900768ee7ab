import { createPolicy } from '../../platform/security/authorize.ts';
import { workPolicy, type PolicyWork } from '../works/works.policy.ts';

/** Whoever may edit a work may change its chapters; anything not listed here is denied. */
const mayEditWork = (viewer: Parameters<typeof workPolicy.can>[0], work: PolicyWork) => workPolicy.can(viewer, 'edit', work);

export const chapterPolicy = createPolicy<PolicyWork, 'add' | 'edit' | 'delete' | 'reorder'>({
  add: mayEditWork,
  edit: mayEditWork,
  delete: mayEditWork,
  reorder: mayEditWork,
});
