import { Layout } from '../../../platform/views/layout.tsx';
import { DateTime, formatCount, SanitizedHtml } from '../../../platform/views/format.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { WorkSummary } from '../../works/works.model.ts';
import { Creators } from '../../works/views/creators.tsx';
import { WorkList } from '../../works/views/work-blurb.tsx';
import type { Series } from '../series.model.ts';
import { SubscribeButton } from '../../notifications/views/subscribe-button.tsx';
import type { SubscribeButtonState } from '../../notifications/notifications.model.ts';
import { SeriesBookmarkButton } from '../../bookmarks/views/series-bookmark-button.tsx';

interface Props {
  ctx: PageContext;
  series: Series;
  works: WorkSummary[];
  canEdit: boolean;
  subscription?: SubscribeButtonState;
}

export function SeriesPage({ ctx, series, works, canEdit, subscription = null }: Props) {
  const words = works.reduce((total, work) => total + work.wordCount, 0);
  return (
    <Layout ctx={ctx} title={series.title}>
      <header class="work-header">
        <h1>{series.title}</h1>
        <p class="byline">
          A series by <Creators creators={series.creators} />
        </p>
        <dl class="stats">
          <dt>Updated:</dt>
          <dd><DateTime date={series.updatedAt} /></dd>
          <dt>Works:</dt>
          <dd>{formatCount(works.length)}</dd>
          <dt>Words:</dt>
          <dd>{formatCount(words)}</dd>
          <dt>Complete:</dt>
          <dd>{series.complete ? 'Yes' : 'No'}</dd>
        </dl>
        {canEdit ? (
          <ul class="actions" aria-label="Series actions">
            <li><a class="button" href={`/series/${series.id}/edit`}>Edit series</a></li>
          </ul>
        ) : null}
        <SubscribeButton ctx={ctx} state={subscription} />
        <SeriesBookmarkButton ctx={ctx} seriesId={series.id} />
      </header>
      {series.summary ? (
        <section class="summary" aria-labelledby="summary-heading">
          <h2 id="summary-heading">Summary</h2>
          <SanitizedHtml class="userstuff" html={series.summary} />
        </section>
      ) : null}
      {series.notes ? (
        <section class="notes" aria-labelledby="notes-heading">
          <h2 id="notes-heading">Notes</h2>
          <SanitizedHtml class="userstuff" html={series.notes} />
        </section>
      ) : null}
      <h2>Works in this series</h2>
      <WorkList hideTags={ctx.preferences.hideTags} works={works} empty="There are no works in this series yet." />
    </Layout>
  );
}
