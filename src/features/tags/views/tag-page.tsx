import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { RawQuery } from '../../listings/listing.schemas.ts';
import type { ListingOutcome } from '../../listings/listing.service.ts';
import { listingTitle, WorkListing } from '../../listings/views/listing-view.tsx';
import { TAG_TYPE_LABELS, tagPath, type RelatedTags, type Tag, type TagDetails, type TagRelation } from '../tags.model.ts';
import { TagLink } from './tag-link.tsx';
import { WrangleLink } from '../../wrangling/views/wrangle-link.tsx';

const SECTIONS: { relation: TagRelation; heading: string }[] = [
  { relation: 'parent', heading: 'Parent tags' },
  { relation: 'synonym', heading: 'Synonyms' },
  { relation: 'meta', heading: 'Meta-tags' },
  { relation: 'sub', heading: 'Sub-tags' },
  { relation: 'child', heading: 'Child tags' },
];

function TagSection({ heading, tags }: { heading: string; tags: Tag[] }) {
  if (tags.length === 0) return null;
  return (
    <section class="tag-relations">
      <h2>{heading}</h2>
      <ul class="tags commas">
        {tags.map((tag) => (
          <li key={tag.id} class={`tag tag-${tag.type}`}>
            <TagLink tag={tag} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Status({ tag }: { tag: TagDetails }) {
  if (tag.canonical) return <p>This tag is canonical: works tagged with its synonyms and sub-tags are listed here too.</p>;
  if (tag.unwrangleable) return <p>This tag has not been marked common and can't be wrangled.</p>;
  return <p>This tag has not been wrangled yet: only works tagged with it exactly are listed here.</p>;
}

interface TagPageProps {
  ctx: PageContext;
  tag: TagDetails;
  related: RelatedTags;
  raw: RawQuery;
  outcome: ListingOutcome;
}

/** A tag's page for readers: what it is, how it is linked, and the works found under it as a filtered listing. */
export function TagPage({ ctx, tag, related, raw, outcome }: TagPageProps) {
  return (
    <Layout ctx={ctx} title={listingTitle(tag.name, outcome)} islands>
      <h1>{tag.name}</h1>
      <p class="tag-type">{TAG_TYPE_LABELS[tag.type].one}</p>
      <Status tag={tag} />
      <WrangleLink ctx={ctx} tag={tag} />
      {SECTIONS.map(({ relation, heading }) => (
        <TagSection key={relation} heading={heading} tags={related[relation]} />
      ))}
      <WorkListing ctx={ctx} base={tagPath(tag.type, tag.name)} raw={raw} outcome={outcome} headingSuffix={` in ${tag.name}`} empty="No works are listed under this tag yet." pageTagId={tag.id} />
    </Layout>
  );
}
