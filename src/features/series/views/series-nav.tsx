import type { SeriesPlace } from '../series.model.ts';

/** "Part N of <series>" with links to the works before and after, for each series a work is in. */
export function SeriesNav({ places }: { places: SeriesPlace[] | undefined }) {
  if (!places || places.length === 0) return null;
  return (
    <nav class="series-nav" aria-label="Series">
      <ul>
        {places.map((place) => (
          <li key={place.seriesId}>
            {place.previous ? (
              <a class="series-prev" href={`/works/${place.previous.id}`} rel="prev">
                <span aria-hidden="true">← </span>Previous: {place.previous.title}
              </a>
            ) : null}
            <span class="series-part">
              Part {place.position} of <a href={`/series/${place.seriesId}`}>{place.seriesTitle}</a>
            </span>
            {place.next ? (
              <a class="series-next" href={`/works/${place.next.id}`} rel="next">
                Next: {place.next.title}<span aria-hidden="true"> →</span>
              </a>
            ) : null}
          </li>
        ))}
      </ul>
    </nav>
  );
}
