import { createPolicy } from '../../platform/security/authorize.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { Creator } from '../works/works.model.ts';

const isCreator = (viewer: Viewer | null, work: { creators: Creator[] }) =>
  viewer !== null && work.creators.some((creator) => creator.userId === viewer.id);

/** Who may change a work's credits. Only accepted creators count; anything not listed is denied. */
export const creatorshipPolicy = createPolicy<{ creators: Creator[] }, 'invite' | 'orphan'>({
  invite: isCreator,
  orphan: isCreator,
});
