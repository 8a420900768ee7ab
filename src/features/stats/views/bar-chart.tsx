import type { ComponentChildren } from 'preact';
import { formatCount } from '../../../platform/views/format.tsx';

const WIDTH = 640;
const HEIGHT = 220;
const LEFT = 44;
const BOTTOM = 28;
const TOP = 12;

/** A round number at or above `max` for the axis, so the scale reads easily. */
export function axisMax(max: number): number {
  if (max <= 5) return 5;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

export interface BarPoint {
  /** The bar's day or first day of its week, YYYY-MM-DD. */
  label: string;
  value: number;
}

export interface BarChartProps {
  /** Prefix of the title and description ids. */
  id: string;
  /** "Hits per day, last 30 days". */
  title: string;
  /** What one bar counts, for the description: "hits per day". */
  measure: string;
  points: BarPoint[];
  /** The same numbers as a table (in the figure's caption). */
  children?: ComponentChildren;
}

/**
 * A bar chart drawn on the server: an SVG with role="img", a title and a description that says
 * what it shows (total and busiest bar), and the numbers as a table in its caption for anyone who
 * can't see it. Colours come from the stylesheet (no inline style under our CSP), so both
 * palettes work.
 */
export function BarChart({ id, title, measure, points, children }: BarChartProps) {
  const total = points.reduce((sum, p) => sum + p.value, 0);
  const max = axisMax(Math.max(0, ...points.map((p) => p.value)));
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = (WIDTH - LEFT) / Math.max(1, points.length);
  const busiest = points.reduce<BarPoint | undefined>((best, p) => (p.value > (best?.value ?? 0) ? p : best), undefined);
  const first = points[0]?.label ?? '';
  const last = points.at(-1)?.label ?? '';
  const description = `Bar chart of ${measure} from ${first} to ${last}: ${formatCount(total)} in all${busiest ? `, most on ${busiest.label} (${formatCount(busiest.value)})` : ''}.`;
  return (
    <figure class="hits-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} xmlns="http://www.w3.org/2000/svg">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <line class="axis" x1={LEFT} y1={TOP + plotHeight} x2={WIDTH} y2={TOP + plotHeight} />
        <line class="gridline" x1={LEFT} y1={TOP} x2={WIDTH} y2={TOP} />
        <text class="axis-label" x={LEFT - 6} y={TOP + 4} text-anchor="end">{formatCount(max)}</text>
        <text class="axis-label" x={LEFT - 6} y={TOP + plotHeight} text-anchor="end">0</text>
        {points.map((p, i) => {
          const height = (p.value / max) * plotHeight;
          return <rect key={p.label} class="bar" x={LEFT + i * slot + slot * 0.15} y={TOP + plotHeight - height} width={slot * 0.7} height={height} />;
        })}
        <text class="axis-label" x={LEFT} y={HEIGHT - 8}>{first}</text>
        <text class="axis-label" x={WIDTH} y={HEIGHT - 8} text-anchor="end">{last}</text>
      </svg>
      {children ? <figcaption>{children}</figcaption> : null}
    </figure>
  );
}
