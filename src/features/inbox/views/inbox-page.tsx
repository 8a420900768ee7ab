import type { PageWindow } from '../../../platform/http/pagination.ts';
import { DateTime, SanitizedHtml } from '../../../platform/views/format.tsx';
import { CsrfField } from '../../../platform/views/forms.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { Pagination } from '../../../platform/views/pagination.tsx';
import type { PseudRecord } from '../../accounts/accounts.repository.ts';
import { CommentForm } from '../../comments/views/comment-form.tsx';
import type { InboxEntry } from '../inbox.repository.ts';
import type { InboxKind } from '../inbox.table.ts';

const KIND_LABELS: Record<InboxKind, string> = {
  comment: 'Comment',
  reply: 'Reply',
  new_chapter: 'New chapter',
  new_work: 'New work',
  series_update: 'Series update',
};

interface Props {
  ctx: PageContext;
  entries: InboxEntry[];
  window: PageWindow;
  unread: number;
  pseuds: PseudRecord[];
}

/** Notices link inside the archive only: "//host" would leave it. */
const isArchivePath = (url: string) => url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\');

const inboxHref = (n: number) => (n === 1 ? '/inbox' : `/inbox?page=${n}`);

function ReadToggle({ ctx, entry, returnTo }: { ctx: PageContext; entry: InboxEntry; returnTo: string }) {
  const action = entry.read ? 'unread' : 'read';
  return (
    <form method="post" action={`/inbox/${entry.id}/${action}`} class="inline-form">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="return_to" value={returnTo} />
      <button type="submit" class="link-button">Mark {action}</button>
    </form>
  );
}

function Entry({ ctx, entry, pseuds, returnTo }: { ctx: PageContext; entry: InboxEntry; pseuds: PseudRecord[]; returnTo: string }) {
  const aboutComment = (entry.kind === 'comment' || entry.kind === 'reply') && entry.commentId !== null;
  return (
    <li class={entry.read ? 'inbox-item' : 'inbox-item inbox-item-unread'}>
      <article aria-labelledby={`inbox-item-${entry.id}`}>
        <p class="inbox-meta">
          <span class="inbox-kind">{KIND_LABELS[entry.kind]}</span> · <DateTime date={entry.createdAt} />
          {entry.read ? null : <> · <strong class="inbox-unread-mark">Unread</strong></>}
        </p>
        <p class="inbox-summary" id={`inbox-item-${entry.id}`}>
          {isArchivePath(entry.url) ? <a href={entry.url}>{entry.summary}</a> : entry.summary}
        </p>
        {aboutComment && entry.commentBody ? <SanitizedHtml class="userstuff comment-body inbox-comment" html={entry.commentBody} /> : null}
        <div class="inbox-actions">
          <ReadToggle ctx={ctx} entry={entry} returnTo={returnTo} />
        </div>
        {aboutComment && entry.replyable ? (
          <details class="inbox-reply">
            <summary>Reply</summary>
            <CommentForm ctx={ctx} prefix={`reply-${entry.id}`} action={`/comments/${entry.commentId}/replies`} pseuds={pseuds} hidden={{ return_to: returnTo }} submitLabel="Post reply" />
          </details>
        ) : null}
      </article>
    </li>
  );
}

/** The member's notices, newest first. */
export function InboxPage({ ctx, entries, window, unread, pseuds }: Props) {
  const returnTo = inboxHref(window.page);
  return (
    <Layout ctx={ctx} title="Inbox">
      <h1>Inbox</h1>
      <p>
        {unread === 0 ? 'Nothing unread.' : `${unread} unread.`}
        {window.total > 0 ? <> Showing {window.first}–{window.last} of {window.total}.</> : null}
      </p>
      {unread > 0 ? (
        <form method="post" action="/inbox/read-all" class="form-actions">
          <CsrfField ctx={ctx} />
          <button type="submit" class="button-secondary">Mark all read</button>
        </form>
      ) : null}
      {entries.length === 0 ? (
        <p>Your inbox is empty. Comments on your works, replies to your comments and news from your subscriptions will arrive here.</p>
      ) : (
        <ol class="inbox-list" aria-label="Notices">
          {entries.map((entry) => <Entry key={entry.id} ctx={ctx} entry={entry} pseuds={pseuds} returnTo={returnTo} />)}
        </ol>
      )}
      <Pagination page={window.page} pageCount={window.pageCount} href={inboxHref} />
    </Layout>
  );
}
