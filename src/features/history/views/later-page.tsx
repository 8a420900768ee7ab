import { DateTime, formatCount } from '../../../platform/views/format.tsx';
import { CsrfField } from '../../../platform/views/forms.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { pageHref, Pagination } from '../../../platform/views/pagination.tsx';
import { ReactionWorkBlurb } from '../../reactions/views/reaction-blurb.tsx';
import type { LaterPage as LaterData } from '../history.service.ts';

/** The works a member marked for later; their own eyes only. */
export function LaterPage({ ctx, username, data, notice }: { ctx: PageContext; username: string; data: LaterData; notice?: string }) {
  const base = `/users/${encodeURIComponent(username)}`;
  const { window, entries } = data;
  return (
    <Layout ctx={ctx} title="Marked for later">
      <h1>Marked for later</h1>
      {notice ? <p class="notice" role="status">{notice}</p> : null}
      <div class="form-actions">
        {window.total > 0 ? (
          <form method="post" action={`${base}/marked-for-later/clear`} class="inline-form">
            <CsrfField ctx={ctx} />
            <button type="submit" class="button-danger">Clear the whole list</button>
          </form>
        ) : null}
        <a href={`${base}/history`}>History</a>
      </div>
      {entries.length === 0 ? (
        <p class="empty">Nothing marked for later. Use “Mark for later” on a work to keep it here.</p>
      ) : (
        <>
          <h2 class="listing-count">{window.first}–{window.last} of {formatCount(window.total)} works</h2>
          <ol class="work-list">
            {entries.map((entry) => (
              <ReactionWorkBlurb key={entry.workId} work={entry.work} idPrefix="later" hideTags={ctx.preferences.hideTags}>
                <p class="reading-meta">Marked <DateTime date={entry.markedAt} /></p>
                <form method="post" action={`${base}/marked-for-later/${entry.workId}/delete`} class="inline-form">
                  <CsrfField ctx={ctx} />
                  <button type="submit">Remove<span class="visually-hidden"> {entry.work.title} from the list</span></button>
                </form>
              </ReactionWorkBlurb>
            ))}
          </ol>
        </>
      )}
      <Pagination page={window.page} pageCount={window.pageCount} href={pageHref(`${base}/marked-for-later`)} />
    </Layout>
  );
}
