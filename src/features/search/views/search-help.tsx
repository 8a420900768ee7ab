/** One line for the query field's hint (Field's `hint`), next to which SearchHelp can sit. */
export const SEARCH_HINT = 'Words, "exact phrases", -exclude, OR.';

/**
 * How to write a text query, for the listings sidebar next to the query field. A native
 * <details>, so it opens without JavaScript; it says what parseTextQuery does.
 */
export function SearchHelp({ id = 'search-help' }: { id?: string }) {
  return (
    <details class="search-help" id={id}>
      <summary>How to search</summary>
      <ul>
        <li>
          <code>dragon knight</code> finds works with both words, in the title, creators, tags, summary or notes. Title and
          creator matches come first under <em>Best match</em>.
        </li>
        <li>
          <code>"slow burn"</code> finds those words together, in that order.
        </li>
        <li>
          <code>-angst</code> or <code>-"major character death"</code> leaves out works that have them.
        </li>
        <li>
          <code>wizard OR witch</code> finds works with either word (OR in capitals).
        </li>
        <li>
          Capitals don't matter. In English works, other forms of a word count too: <code>kiss</code> finds “kisses”.
        </li>
        <li>
          Tick <em>Search the works' text too</em> to look inside the chapters as well.
        </li>
      </ul>
    </details>
  );
}
