/** Page numbers to show: the first, the last, and two either side of the current one; null marks a gap. */
export function pageNumbers(page: number, pageCount: number): (number | null)[] {
  const shown: (number | null)[] = [];
  for (let n = 1; n <= pageCount; n++) {
    if (n === 1 || n === pageCount || Math.abs(n - page) <= 2) shown.push(n);
    else if (shown.at(-1) !== null) shown.push(null);
  }
  return shown;
}

/** Previous / numbered / Next links under a listing; nothing when everything fits on one page. */
export function Pagination({ page, pageCount, href }: { page: number; pageCount: number; href: (page: number) => string }) {
  if (pageCount <= 1) return null;
  return (
    <nav class="pagination" aria-label="Pagination">
      <ul>
        <li>{page > 1 ? <a href={href(page - 1)} rel="prev">Previous</a> : <span class="pagination-off">Previous</span>}</li>
        {pageNumbers(page, pageCount).map((n, i) =>
          n === null ? (
            <li key={`gap-${i}`} class="pagination-gap">…</li>
          ) : (
            <li key={n}>
              <a href={href(n)} aria-current={n === page ? 'page' : undefined}>
                <span class="visually-hidden">Page </span>
                {n}
              </a>
            </li>
          ),
        )}
        <li>{page < pageCount ? <a href={href(page + 1)} rel="next">Next</a> : <span class="pagination-off">Next</span>}</li>
      </ul>
    </nav>
  );
}

/** A listing's address for page `n`: page 1 is the address itself. */
export const pageHref = (base: string) => (n: number) => (n === 1 ? base : `${base}?page=${n}`);
