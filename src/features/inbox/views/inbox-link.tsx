/** "Inbox (3)" in the header; the count is read with the session, so it costs no query. */
export function InboxLink({ count }: { count: number }) {
  return (
    <a href="/inbox" class={count > 0 ? 'inbox-link inbox-link-unread' : 'inbox-link'}>
      Inbox{count > 0 ? <> ({count}<span class="visually-hidden"> unread</span>)</> : null}
    </a>
  );
}
