import { formatCount } from '../../../platform/views/format.tsx';
import type { DailyHits } from '../stats.model.ts';
import { BarChart } from './bar-chart.tsx';

/** Hits per day over all of an author's works, with the numbers as a table. */
export function HitsChart({ days, id }: { days: DailyHits[]; id: string }) {
  return (
    <BarChart id={id} title={`Hits per day, last ${days.length} days`} measure="hits per day" points={days.map((d) => ({ label: d.day, value: d.hits }))}>
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
    </BarChart>
  );
}
