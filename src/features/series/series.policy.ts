import { createPolicy } from '../../platform/security/authorize.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { Creator } from '../works/works.model.ts';

const isSeriesCreator = (viewer: Viewer | null, series: { creators: Creator[] }) =>
  viewer !== null && series.creators.some((creator) => creator.userId === viewer.id);

/** Who may do what with a series. Anything not listed here is denied. */
export const seriesPolicy = createPolicy<{ creators: Creator[] }, 'edit'>({
  edit: isSeriesCreator,
});
