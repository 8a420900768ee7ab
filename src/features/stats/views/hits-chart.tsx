import { formatCount } from '../../../platform/views/format.tsx';
import type { DailyHits } from '../stats.model.ts';

const WIDTH = 640;
const HEIGHT = 220;
const LEFT = 44;
const BOTTOM = 28;
const TOP = 12;

/** A round number at or above `max` for the axis, so the scale reads easily. */
function axisMax(max: number): number {
  if (max <= 5) return 5;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

/**
 * Hits per day as a bar chart drawn on the server: an SVG with role="img", a title and a
 * description that says what it shows, and the same numbers as a table for anyone who can't
 * see it. Colours come from the stylesheet (no inline style under our CSP), so both palettes work.
 */
export function HitsChart({ days, id }: { days: DailyHits[]; id: string }) {
  const total = days.reduce((sum, d) => sum + d.hits, 0);
  const max = axisMax(Math.max(0, ...days.map((d) => d.hits)));
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = (WIDTH - LEFT) / Math.max(1, days.length);
  const busiest = days.reduce<DailyHits | undefined>((best, d) => (d.hits > (best?.hits ?? 0) ? d : best), undefined);
  const first = days[0]?.day ?? '';
  const last = days.at(-1)?.day ?? '';
  const description = `Bar chart of hits per day from ${first} to ${last}: ${formatCount(total)} in all${busiest ? `, most on ${busiest.day} (${formatCount(busiest.hits)})` : ''}.`;
  return (
    <figure class="hits-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} xmlns="http://www.w3.org/2000/svg">
        <title id={`${id}-title`}>Hits per day, last {days.length} days</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <line class="axis" x1={LEFT} y1={TOP + plotHeight} x2={WIDTH} y2={TOP + plotHeight} />
        <line class="gridline" x1={LEFT} y1={TOP} x2={WIDTH} y2={TOP} />
        <text class="axis-label" x={LEFT - 6} y={TOP + 4} text-anchor="end">{formatCount(max)}</text>
        <text class="axis-label" x={LEFT - 6} y={TOP + plotHeight} text-anchor="end">0</text>
        {days.map((d, i) => {
          const height = (d.hits / max) * plotHeight;
          return <rect key={d.day} class="bar" x={LEFT + i * slot + slot * 0.15} y={TOP + plotHeight - height} width={slot * 0.7} height={height} />;
        })}
        <text class="axis-label" x={LEFT} y={HEIGHT - 8}>{first}</text>
        <text class="axis-label" x={WIDTH} y={HEIGHT - 8} text-anchor="end">{last}</text>
      </svg>
      <figcaption>
        <details>
          <summary>Hits per day as a table</summary>
          <table class="stats-table">
            <caption class="visually-hidden">Hits per day</caption>
            <thead>
              <tr><th scope="col">Day (UTC)</th><th scope="col">Hits</th></tr>
            </thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.day}><th scope="row">{d.day}</th><td>{formatCount(d.hits)}</td></tr>
              ))}
            </tbody>
          </table>
        </details>
      </figcaption>
    </figure>
  );
}
