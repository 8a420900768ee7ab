/**
 * The search box in every page's header: a plain GET form (no JavaScript) to the works listing,
 * whose `q` is the text query. The label is for assistive technology; the button says "Search".
 * The same for every visitor, so it is safe on pages in the guest cache.
 */
export function SiteSearch() {
  return (
    <form class="site-search" role="search" aria-label="Site" method="get" action="/works">
      <label class="visually-hidden" for="site-search-q">
        Search works
      </label>
      <input type="search" id="site-search-q" name="q" autocomplete="off" enterkeyhint="search" placeholder="Search works" />
      <button type="submit">Search</button>
    </form>
  );
}
