import type { ComponentChildren } from 'preact';
import type { FieldErrors } from '../../../platform/views/forms.tsx';
import { formatCount } from '../../../platform/views/format.tsx';
import { Pagination } from '../../../platform/views/pagination.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { TAG_TYPE_LABELS } from '../../tags/tags.model.ts';
import { WorkList } from '../../works/views/work-blurb.tsx';
import type { ListingFilters, ListingResult, ResolvedTag } from '../listing.model.ts';
import { listingHref, type RawQuery } from '../listing.schemas.ts';
import type { ListingOutcome } from '../listing.service.ts';
import { FilterSidebar } from './filter-sidebar.tsx';
import { totalText } from './total-text.ts';
import { BEST_MATCH_CANDIDATES } from '../../search/text-search.ts';

/** "Works 21–40 of 57 in Star Trek", as AO3 heads a page of a listing. */
export function worksHeading(result: ListingResult, suffix = ''): string {
  const { total, exact, page } = result;
  if (total === 0 || result.pastEnd) return 'Works';
  if (total === 1) return `1 work${suffix}`;
  const first = (page - 1) * 20 + 1;
  const last = Math.min(total, page * 20);
  return `Works ${formatCount(first)}–${formatCount(last)} of ${totalText(total, exact)}${suffix}`;
}

/** "No fandom is named …" for each included tag name that no tag has (nothing can match). */
export function MissingTagNotices({ filters, tags }: { filters: ListingFilters; tags: ResolvedTag[] }) {
  const missing = tags.filter((t) => t.filterId === null && filters.include[t.type].some((n) => n.toLowerCase() === t.name.toLowerCase()));
  return (
    <>
      {missing.map((t) => (
        <p class="notice" key={`${t.type}-${t.name}`}>
          No {TAG_TYPE_LABELS[t.type].one.toLowerCase()} is named “{t.name}”, so no works match.
        </p>
      ))}
    </>
  );
}

function Messages({ filters, result, base }: { filters: ListingFilters; result: ListingResult; base: string }) {
  return (
    <>
      <MissingTagNotices filters={filters} tags={result.tags} />
      {result.rankedNewestOnly ? (
        <p class="notice">
          Best match ranks the {formatCount(BEST_MATCH_CANDIDATES)} most recently updated of these works. Sort by another order to page through them all.
        </p>
      ) : null}
      {result.pastEnd ? (
        <p class="notice">
          There is no page {formatCount(result.page)} of these works: {result.pageCount === 1 ? 'they fit on one page' : `they fill ${formatCount(result.pageCount)} pages`}.{' '}
          <a href={listingHref(base, filters, result.pageCount)}>Go to the last page</a>
        </p>
      ) : null}
    </>
  );
}

export interface WorkListingProps {
  ctx: PageContext;
  /** The page's own address (the form's action and the pages' links). */
  base: string;
  raw: RawQuery;
  outcome: ListingOutcome;
  /** Added to the results heading, e.g. " in Star Trek". */
  headingSuffix?: string;
  empty: string;
  pageTagId?: number;
  children?: ComponentChildren;
}

/** A listing of works with its filter sidebar: the one view every listing page shares. */
export function WorkListing({ ctx, base, raw, outcome, headingSuffix = '', empty, pageTagId }: WorkListingProps) {
  const errors: FieldErrors = outcome.ok ? {} : outcome.errors;
  const result = outcome.ok ? outcome.result : null;
  return (
    <div class="listing">
      <FilterSidebar action={base} raw={raw} errors={errors} facets={result?.facets ?? null} tags={result?.tags ?? []} pageTagId={pageTagId} />
      <section class="listing-results">
        {outcome.ok && result ? (
          <>
            <h2>{worksHeading(result, headingSuffix)}</h2>
            <Messages filters={outcome.filters} result={result} base={base} />
            {result.pastEnd ? null : <WorkList hideTags={ctx.preferences.hideTags} works={result.works} empty={empty} />}
            <Pagination page={Math.min(result.page, result.pageCount)} pageCount={result.pageCount} href={(n) => listingHref(base, outcome.filters, n)} />
          </>
        ) : (
          <>
            <h2>Works</h2>
            <p class="notice">Some of these filters can't be used as they are. Fix them in the form, then choose Sort and filter again.</p>
          </>
        )}
      </section>
    </div>
  );
}

/** Title of a listing page: page numbers past the first, and errors first for screen readers. */
export function listingTitle(title: string, outcome: ListingOutcome): string {
  if (!outcome.ok) return `Error: ${title}`;
  return outcome.result.page > 1 ? `${title} (page ${outcome.result.page})` : title;
}

export const listingStatus = (outcome: ListingOutcome) => (outcome.ok ? 200 : 400);
