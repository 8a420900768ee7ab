import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { RawQuery } from '../../listings/listing.schemas.ts';
import type { ListingOutcome } from '../../listings/listing.service.ts';
import { listingTitle, WorkListing } from '../../listings/views/listing-view.tsx';
import type { Pseud } from '../pseuds.model.ts';

export function pseudWorksPath(pseud: Pseud): string {
  return `/users/${encodeURIComponent(pseud.username)}/pseuds/${encodeURIComponent(pseud.name)}`;
}

/** The works credited to one pen name, as a filtered listing. */
export function PseudWorksPage({ ctx, pseud, raw, outcome }: { ctx: PageContext; pseud: Pseud; raw: RawQuery; outcome: ListingOutcome }) {
  const title = pseud.name === pseud.username ? pseud.name : `${pseud.name} (${pseud.username})`;
  return (
    <Layout ctx={ctx} title={listingTitle(`Works by ${title}`, outcome)} islands>
      <h1>Works by {title}</h1>
      <p>
        <a href={`/users/${encodeURIComponent(pseud.username)}/works`}>All works by {pseud.username}</a> ·{' '}
        <a href={`/users/${encodeURIComponent(pseud.username)}/pseuds`}>Pen names</a>
      </p>
      <WorkListing ctx={ctx} base={pseudWorksPath(pseud)} raw={raw} outcome={outcome} empty={`No works credited to ${pseud.name} match these filters.`} />
    </Layout>
  );
}
