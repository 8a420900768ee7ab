import { createPolicy } from '../../platform/security/authorize.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { Creator } from './works.model.ts';

const isCreator = (viewer: Viewer | null, work: { creators: Creator[] }) =>
  viewer !== null && work.creators.some((creator) => creator.userId === viewer.id);

/** Who may do what with a work. Anything not listed here is denied. */
export const workPolicy = createPolicy<{ creators: Creator[] }, 'edit' | 'delete'>({
  edit: isCreator,
  delete: isCreator,
});
