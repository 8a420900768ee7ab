import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { SeriesOption } from '../series.model.ts';

export function UserSeriesPage({ ctx, username, series }: { ctx: PageContext; username: string; series: SeriesOption[] }) {
  return (
    <Layout ctx={ctx} title={`Series by ${username}`}>
      <h1>Series by {username}</h1>
      {series.length === 0 ? (
        <p class="empty">{username} has no series yet. A series starts from “Add to series” on one of your works.</p>
      ) : (
        <ul class="plain-list">
          {series.map((s) => (
            <li key={s.id}><a href={`/series/${s.id}`}>{s.title}</a></li>
          ))}
        </ul>
      )}
      <p><a href={`/users/${encodeURIComponent(username)}`}>Back to {username}</a></p>
    </Layout>
  );
}
