import { formatCount } from '../../../platform/views/format.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { Pagination } from '../../../platform/views/pagination.tsx';
import type { PageWindow } from '../../../platform/http/pagination.ts';
import { Creators } from '../../works/views/creators.tsx';
import { ReactionWorkBlurb } from '../../reactions/views/reaction-blurb.tsx';
import type { BookmarkFilters, Facet, ListedBookmark } from '../bookmarks.model.ts';
import { BookmarkDetails } from './bookmark-details.tsx';

interface Props {
  ctx: PageContext;
  username: string;
  bookmarks: ListedBookmark[];
  window: PageWindow;
  filters: BookmarkFilters;
  facets: { fandoms: Facet[]; tags: Facet[] };
}

/** The page's address with these filters (and page), so paging keeps them. */
export function bookmarksHref(base: string, filters: BookmarkFilters, page = 1): string {
  const params = new URLSearchParams();
  if (filters.rec) params.set('rec', '1');
  if (filters.tag) params.set('tag', filters.tag);
  if (filters.fandom) params.set('fandom', filters.fandom);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `${base}?${query}` : base;
}

function FacetSelect({ name, label, anyLabel, facets, chosen }: { name: string; label: string; anyLabel: string; facets: Facet[]; chosen: string | null }) {
  // A value typed into the address that no bookmark has still shows as chosen.
  const options = chosen && !facets.some((f) => f.name.toLowerCase() === chosen.toLowerCase()) ? [{ name: chosen, count: 0 }, ...facets] : facets;
  return (
    <div class="field">
      <label for={`filter-${name}`}>{label}</label>
      <select id={`filter-${name}`} name={name}>
        <option value="">{anyLabel}</option>
        {options.map((facet) => (
          <option key={facet.name} value={facet.name} selected={chosen !== null && facet.name.toLowerCase() === chosen.toLowerCase()}>
            {facet.name} ({formatCount(facet.count)})
          </option>
        ))}
      </select>
    </div>
  );
}

function Filters({ base, filters, facets }: { base: string; filters: BookmarkFilters; facets: Props['facets'] }) {
  return (
    <aside class="bookmark-filters" aria-labelledby="bookmark-filters-heading">
      <h2 id="bookmark-filters-heading">Filter bookmarks</h2>
      <form method="get" action={base} class="stack-form">
        <div class="field">
          <label class="choice" for="filter-rec">
            <input type="checkbox" id="filter-rec" name="rec" value="1" checked={filters.rec} /> Recs only
          </label>
        </div>
        <FacetSelect name="tag" label="Bookmark tag" anyLabel="Any tag" facets={facets.tags} chosen={filters.tag} />
        <FacetSelect name="fandom" label="Fandom" anyLabel="Any fandom" facets={facets.fandoms} chosen={filters.fandom} />
        <p class="hint">Newest bookmarks first.</p>
        <div class="form-actions">
          <button type="submit">Filter</button>
          <a href={base}>Clear filters</a>
        </div>
      </form>
    </aside>
  );
}

function SeriesBookmark({ bookmark }: { bookmark: ListedBookmark & { series: NonNullable<ListedBookmark['series']> } }) {
  const headingId = `bookmark-${bookmark.id}-title`;
  return (
    <li class="blurb" aria-labelledby={headingId}>
      <h3 class="blurb-heading" id={headingId}>
        <span class="badge">Series</span> <a href={`/series/${bookmark.series.id}`}>{bookmark.series.title}</a>
        <span class="byline"> by <Creators creators={bookmark.series.creators} /></span>
      </h3>
      <BookmarkDetails bookmark={bookmark} showOwner={false} canEdit={false} />
    </li>
  );
}

/** A member's bookmarks: public ones for others, all of them (private marked) for the owner. */
export function UserBookmarksPage({ ctx, username, bookmarks, window, filters, facets }: Props) {
  const base = `/users/${encodeURIComponent(username)}/bookmarks`;
  const isOwner = ctx.viewer?.username.toLowerCase() === username.toLowerCase();
  return (
    <Layout ctx={ctx} title={`Bookmarks by ${username}`}>
      <h1>Bookmarks by {username}</h1>
      {isOwner ? <p class="hint">Private bookmarks are marked; only you can see them.</p> : null}
      <div class="with-filters">
        <Filters base={base} filters={filters} facets={facets} />
        <section class="bookmark-results" aria-labelledby="bookmark-results-heading">
          <h2 id="bookmark-results-heading">
            {window.total === 0 ? 'No bookmarks' : `${window.first}–${window.last} of ${formatCount(window.total)} ${window.total === 1 ? 'bookmark' : 'bookmarks'}`}
          </h2>
          {bookmarks.length === 0 ? (
            <p class="empty">{filters.rec || filters.tag || filters.fandom ? 'No bookmarks match these filters.' : `${username} has no bookmarks${isOwner ? '' : ' you can see'} yet.`}</p>
          ) : (
            <ol class="work-list">
              {bookmarks.map((bookmark) =>
                bookmark.work ? (
                  <ReactionWorkBlurb key={bookmark.id} work={bookmark.work} idPrefix="bookmark" hideTags={ctx.preferences.hideTags}>
                    <BookmarkDetails bookmark={bookmark} showOwner={false} canEdit={isOwner} />
                  </ReactionWorkBlurb>
                ) : bookmark.series ? (
                  <SeriesBookmark key={bookmark.id} bookmark={{ ...bookmark, series: bookmark.series }} />
                ) : null,
              )}
            </ol>
          )}
          <Pagination page={window.page} pageCount={window.pageCount} href={(n) => bookmarksHref(base, filters, n)} />
        </section>
      </div>
    </Layout>
  );
}
