import { DateTime, formatCount } from '../../../platform/views/format.tsx';
import { CsrfField } from '../../../platform/views/forms.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { pageHref, Pagination } from '../../../platform/views/pagination.tsx';
import { chapterUrl } from '../../chapters/views/chapter-nav.tsx';
import { ReactionWorkBlurb } from '../../reactions/views/reaction-blurb.tsx';
import type { HistoryPage as HistoryData } from '../history.service.ts';

function SettingForm({ ctx, base, enabled }: { ctx: PageContext; base: string; enabled: boolean }) {
  return (
    <form method="post" action={`${base}/history/settings`} class="inline-form">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="enabled" value={enabled ? '0' : '1'} />
      <button type="submit">{enabled ? 'Turn history off' : 'Turn history on'}</button>
    </form>
  );
}

function ClearAll({ ctx, action, label }: { ctx: PageContext; action: string; label: string }) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField ctx={ctx} />
      <button type="submit" class="button-danger">{label}</button>
    </form>
  );
}

/** A member's reading history, with "continue reading" links; their own eyes only. */
export function HistoryPage({ ctx, username, data, notice }: { ctx: PageContext; username: string; data: HistoryData; notice?: string }) {
  const base = `/users/${encodeURIComponent(username)}`;
  const { window, entries, enabled } = data;
  return (
    <Layout ctx={ctx} title="History">
      <h1>History</h1>
      {notice ? <p class="notice" role="status">{notice}</p> : null}
      <div class="history-setting">
        <p>
          {enabled
            ? 'Quire remembers the works you open, so you can pick up where you left off. Only you can see this page.'
            : 'History is off: nothing you read is recorded.'}
          {!enabled && window.total > 0 ? ' The entries below are from before; clear them if you like.' : ''}
        </p>
        <div class="form-actions">
          <SettingForm ctx={ctx} base={base} enabled={enabled} />
          {window.total > 0 ? <ClearAll ctx={ctx} action={`${base}/history/clear`} label="Clear all history" /> : null}
          <a href={`${base}/marked-for-later`}>Marked for later</a>
        </div>
      </div>
      {entries.length === 0 ? (
        <p class="empty">No history yet.</p>
      ) : (
        <>
          <h2 class="listing-count">{window.first}–{window.last} of {formatCount(window.total)} works</h2>
          <ol class="work-list">
            {entries.map((entry) => (
              <ReactionWorkBlurb key={entry.workId} work={entry.work} idPrefix="history" hideTags={ctx.preferences.hideTags}>
                <p class="reading-meta">
                  Last visited <DateTime date={entry.lastVisitedAt} /> · visited {formatCount(entry.visitCount)} {entry.visitCount === 1 ? 'time' : 'times'}
                </p>
                <div class="form-actions">
                  {entry.chapter ? (
                    <a class="button" href={chapterUrl(entry.workId, entry.chapter.id)}>
                      Continue reading<span class="visually-hidden"> {entry.work.title}</span> (chapter {entry.chapter.position})
                    </a>
                  ) : (
                    <a class="button" href={`/works/${entry.workId}`}>Continue reading<span class="visually-hidden"> {entry.work.title}</span></a>
                  )}
                  <form method="post" action={`${base}/history/${entry.workId}/delete`} class="inline-form">
                    <CsrfField ctx={ctx} />
                    <button type="submit">Clear<span class="visually-hidden"> {entry.work.title} from history</span></button>
                  </form>
                </div>
              </ReactionWorkBlurb>
            ))}
          </ol>
        </>
      )}
      <Pagination page={window.page} pageCount={window.pageCount} href={pageHref(`${base}/history`)} />
    </Layout>
  );
}
