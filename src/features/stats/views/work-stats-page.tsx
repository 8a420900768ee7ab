import { formatCount } from '../../../platform/views/format.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { MEASURE_LABELS, MEASURES, STATS_RANGES, type Measure, type StatsRange, type WorkStatsDetail } from '../stats.model.ts';
import { BarChart } from './bar-chart.tsx';

interface Props {
  ctx: PageContext;
  detail: WorkStatsDetail;
  measure: Measure;
}

const href = (workId: number, measure: Measure, range: StatsRange) => {
  const params = new URLSearchParams();
  if (measure !== 'hits') params.set('measure', measure);
  if (range !== 'month') params.set('range', range);
  const query = params.toString();
  return `/works/${workId}/stats${query ? `?${query}` : ''}#over-time`;
};

/** A row of links, the current one marked: plain links, so the page works without JavaScript. */
function ChoiceNav<K extends string>({ label, choices, names, current, link }: { label: string; choices: readonly K[]; names: Record<K, string>; current: K; link: (key: K) => string }) {
  return (
    <nav class="stats-choices" aria-label={label}>
      <ul>
        {choices.map((key) => (
          <li key={key}>
            <a href={link(key)} aria-current={key === current ? 'page' : undefined}>{names[key]}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** One work's statistics for its creators: totals, a chart of one measure over time, and every measure as a table. */
export function WorkStatsPage({ ctx, detail, measure }: Props) {
  const { work, range, timeline } = detail;
  const spec = STATS_RANGES[range];
  const rangeNames = { month: STATS_RANGES.month.label, year: STATS_RANGES.year.label } satisfies Record<StatsRange, string>;
  const unitHeading = spec.unit === 'day' ? 'Day (UTC)' : 'Week from (UTC)';
  return (
    <Layout ctx={ctx} title={`Statistics for ${work.title}`}>
      <h1>Statistics for “{work.title}”</h1>
      <p>
        <a href={`/works/${work.id}`}>Back to the work</a> · <a href={`/users/${encodeURIComponent(ctx.viewer?.username ?? '')}/stats`}>All your statistics</a>
      </p>
      <h2>Totals</h2>
      <dl class="stats stats-totals">
        {MEASURES.map((key) => (
          <>
            <dt>{MEASURE_LABELS[key]}:</dt>
            <dd>{formatCount(work[key])}</dd>
          </>
        ))}
      </dl>
      <h2 id="over-time">Over time</h2>
      <p class="hint">
        A hit is one reader on one day; your own visits don't count, and hits appear a few minutes after the visit. Bookmarks are public ones;
        comments are those shown on the work. A bookmark or subscription taken back leaves its day too.
      </p>
      <ChoiceNav label="Chart range" choices={Object.keys(STATS_RANGES) as StatsRange[]} names={rangeNames} current={range} link={(r) => href(work.id, measure, r)} />
      <ChoiceNav label="Measure shown" choices={MEASURES} names={MEASURE_LABELS} current={measure} link={(m) => href(work.id, m, range)} />
      <BarChart
        id="work-chart"
        title={`${MEASURE_LABELS[measure]} per ${spec.unit}, ${spec.label.toLowerCase()}`}
        measure={`${MEASURE_LABELS[measure].toLowerCase()} per ${spec.unit}`}
        points={timeline.map((p) => ({ label: p.start, value: p[measure] }))}
      >
        <details>
          <summary>Every measure per {spec.unit} as a table</summary>
          <div class="table-scroll">
            <table class="stats-table">
              <caption class="visually-hidden">Statistics of {work.title} per {spec.unit}, {spec.label.toLowerCase()}</caption>
              <thead>
                <tr>
                  <th scope="col">{unitHeading}</th>
                  {MEASURES.map((key) => <th scope="col" key={key}>{MEASURE_LABELS[key]}</th>)}
                </tr>
              </thead>
              <tbody>
                {timeline.map((p) => (
                  <tr key={p.start}>
                    <th scope="row">{p.start}</th>
                    {MEASURES.map((key) => <td key={key}>{formatCount(p[key])}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      </BarChart>
    </Layout>
  );
}
