import { Layout } from '../../../platform/views/layout.tsx';
import { formatCount } from '../../../platform/views/format.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { totalsOf, type DailyHits, type WorkStats } from '../stats.model.ts';
import { HitsChart } from './hits-chart.tsx';

interface Props {
  ctx: PageContext;
  username: string;
  works: WorkStats[];
  daily: DailyHits[];
  authorSubscribers: number;
}

const COLUMNS = [
  ['hits', 'Hits'],
  ['kudos', 'Kudos'],
  ['comments', 'Comments'],
  ['bookmarks', 'Bookmarks'],
  ['subscriptions', 'Subscriptions'],
] as const;

export function StatsPage({ ctx, username, works, daily, authorSubscribers }: Props) {
  const totals = totalsOf(works);
  return (
    <Layout ctx={ctx} title="Statistics">
      <h1>Statistics</h1>
      <p>
        Your posted works, counted as readers answer. A hit is one reader on one work on one day; your own visits don't count.{' '}
        {authorSubscribers === 1 ? '1 member is' : `${formatCount(authorSubscribers)} members are`} subscribed to you as an author.
      </p>
      <h2>Totals</h2>
      <dl class="stats stats-totals">
        {COLUMNS.map(([key, label]) => (
          <>
            <dt>{label}:</dt>
            <dd>{formatCount(totals[key])}</dd>
          </>
        ))}
      </dl>
      <h2>Hits over the last 30 days</h2>
      <HitsChart days={daily} id="hits-chart" />
      <h2>By work</h2>
      {works.length === 0 ? (
        <p>You haven't posted any works yet.</p>
      ) : (
        <div class="table-scroll">
          <table class="stats-table">
            <caption class="visually-hidden">Statistics of each work by {username}</caption>
            <thead>
              <tr>
                <th scope="col">Work</th>
                {COLUMNS.map(([key, label]) => <th scope="col" key={key}>{label}</th>)}
                <th scope="col">Over time</th>
              </tr>
            </thead>
            <tbody>
              {works.map((w) => (
                <tr key={w.id}>
                  <th scope="row"><a href={`/works/${w.id}`}>{w.title}</a></th>
                  {COLUMNS.map(([key]) => <td key={key}>{formatCount(w[key])}</td>)}
                  <td><a href={`/works/${w.id}/stats`}>Chart<span class="visually-hidden"> of {w.title}</span></a></td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">All works</th>
                {COLUMNS.map(([key]) => <td key={key}>{formatCount(totals[key])}</td>)}
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </Layout>
  );
}
