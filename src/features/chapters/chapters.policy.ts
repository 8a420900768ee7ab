import { createPolicy } from '../../platform/security/authorize.ts';
import type { Creator } from '../works/works.model.ts';
import { workPolicy } from '../works/works.policy.ts';

/** Whoever may edit a work may change its chapters; anything not listed here is denied. */
const mayEditWork = (viewer: Parameters<typeof workPolicy.can>[0], work: { creators: Creator[] }) => workPolicy.can(viewer, 'edit', work);

export const chapterPolicy = createPolicy<{ creators: Creator[] }, 'add' | 'edit' | 'delete' | 'reorder'>({
  add: mayEditWork,
  edit: mayEditWork,
  delete: mayEditWork,
  reorder: mayEditWork,
});
