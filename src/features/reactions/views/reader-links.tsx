/** A user page's links to their bookmarks, and for their owner, history and "Marked for later". */
export function ReaderLinks({ base, isSelf }: { base: string; isSelf: boolean }) {
  return (
    <>
      <li><a href={`${base}/bookmarks`}>Bookmarks</a></li>
      {isSelf ? <li><a href={`${base}/history`}>History</a></li> : null}
      {isSelf ? <li><a href={`${base}/marked-for-later`}>Marked for later</a></li> : null}
    </>
  );
}
