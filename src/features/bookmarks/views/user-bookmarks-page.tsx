import type { FieldErrors } from '../../../platform/views/forms.tsx';
import { totalText } from '../../listings/views/total-text.ts';
import { formatCount } from '../../../platform/views/format.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { Pagination } from '../../../platform/views/pagination.tsx';
import type { RawQuery } from '../../listings/listing.schemas.ts';
import { FilterSidebar } from '../../listings/views/filter-sidebar.tsx';
import { MissingTagNotices } from '../../listings/views/listing-view.tsx';
import { ReactionWorkBlurb } from '../../reactions/views/reaction-blurb.tsx';
import { Creators } from '../../works/views/creators.tsx';
import { BOOKMARKS_PER_PAGE, type BookmarkListing, type BookmarkListingOutcome } from '../bookmark-listing.service.ts';
import { BOOKMARK_SORT_LABELS, BOOKMARK_SORTS, type BookmarkFilters, type ListedBookmark } from '../bookmarks.model.ts';
import { bookmarksHref } from '../bookmarks.schemas.ts';
import { BookmarkDetails } from './bookmark-details.tsx';
import { BookmarkFilterFields } from './bookmark-filter-fields.tsx';

interface Props {
  ctx: PageContext;
  username: string;
  raw: RawQuery;
  outcome: BookmarkListingOutcome;
}

const SORT_CHOICES = BOOKMARK_SORTS.map((key) => ({ key, label: BOOKMARK_SORT_LABELS[key] }));

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

/** "Bookmarks 21–40 of 57", as the works listings head a page. */
function resultsHeading(result: BookmarkListing): string {
  const { total, exact, page } = result;
  if (total === 0 || result.pastEnd) return 'No bookmarks';
  if (total === 1) return '1 bookmark';
  const first = (page - 1) * BOOKMARKS_PER_PAGE + 1;
  return `Bookmarks ${formatCount(first)}–${formatCount(Math.min(total, page * BOOKMARKS_PER_PAGE))} of ${totalText(total, exact)}`;
}

function Results({ ctx, base, username, isOwner, filters, result }: { ctx: PageContext; base: string; username: string; isOwner: boolean; filters: BookmarkFilters; result: BookmarkListing }) {
  const filtered = bookmarksHref(base, { ...filters, works: { ...filters.works, page: 1 } }, 1) !== base;
  return (
    <>
      <h2>{resultsHeading(result)}</h2>
      <MissingTagNotices filters={filters.works} tags={result.tags} />
      {result.seriesHidden ? <p class="hint">Series bookmarks are listed only without works filters and in date bookmarked order.</p> : null}
      {result.pastEnd ? (
        <p class="notice">
          There is no page {formatCount(result.page)} of these bookmarks. <a href={bookmarksHref(base, filters, result.pageCount)}>Go to the last page</a>
        </p>
      ) : result.bookmarks.length === 0 ? (
        <p class="empty">{filtered ? 'No bookmarks match these filters.' : `${username} has no bookmarks${isOwner ? '' : ' you can see'} yet.`}</p>
      ) : (
        <ol class="work-list">
          {result.bookmarks.map((bookmark) =>
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
      <Pagination page={Math.min(result.page, result.pageCount)} pageCount={result.pageCount} href={(n) => bookmarksHref(base, filters, n)} />
    </>
  );
}

/**
 * A member's bookmarks: public ones for others, all of them (private marked) for the owner,
 * with the works listings' filter sidebar plus the bookmark's own filters and sorts.
 */
export function UserBookmarksPage({ ctx, username, raw, outcome }: Props) {
  const base = `/users/${encodeURIComponent(username)}/bookmarks`;
  const isOwner = ctx.viewer?.username.toLowerCase() === username.toLowerCase();
  const errors: FieldErrors = outcome.ok ? {} : outcome.errors;
  const result = outcome.ok ? outcome.result : null;
  const title = `Bookmarks by ${username}`;
  return (
    <Layout ctx={ctx} title={!outcome.ok ? `Error: ${title}` : outcome.result.page > 1 ? `${title} (page ${outcome.result.page})` : title} islands>
      <h1>{title}</h1>
      {isOwner ? <p class="hint">Private bookmarks are marked; only you can see them.</p> : null}
      <div class="listing">
        <FilterSidebar action={base} raw={raw} errors={errors} facets={result?.facets ?? null} tags={result?.tags ?? []} sorts={SORT_CHOICES} defaultSort="bookmarked">
          <BookmarkFilterFields raw={raw} errors={errors} bookmarkTags={result?.bookmarkTags ?? []} />
        </FilterSidebar>
        <section class="listing-results">
          {outcome.ok ? (
            <Results ctx={ctx} base={base} username={username} isOwner={isOwner} filters={outcome.filters} result={outcome.result} />
          ) : (
            <>
              <h2>Bookmarks</h2>
              <p class="notice">Some of these filters can't be used as they are. Fix them in the form, then choose Sort and filter again.</p>
            </>
          )}
        </section>
      </div>
    </Layout>
  );
}
