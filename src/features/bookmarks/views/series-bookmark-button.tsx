import type { PageContext } from '../../../platform/views/page-context.ts';

/** "Bookmark this series" for members; the form leads to their existing bookmark if they have one (no query here). */
export function SeriesBookmarkButton({ ctx, seriesId }: { ctx: PageContext; seriesId: number }) {
  if (!ctx.viewer) return null;
  return (
    <p>
      <a class="button" href={`/series/${seriesId}/bookmark`}>Bookmark this series</a>
    </p>
  );
}
