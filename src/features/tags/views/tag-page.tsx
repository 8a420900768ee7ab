import type { PageWindow } from '../../../platform/http/pagination.ts';
import { formatCount } from '../../../platform/views/format.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { pageHref, Pagination } from '../../../platform/views/pagination.tsx';
import { WorkList } from '../../works/views/work-blurb.tsx';
import type { WorkSummary } from '../../works/works.model.ts';
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

/** "Works 21–40 of 57 in Star Trek", as AO3 heads a page of a listing. */
function worksHeading(listing: PageWindow, tagName: string): string {
  if (listing.total === 0) return 'Works';
  if (listing.total === 1) return `1 work in ${tagName}`;
  return `Works ${formatCount(listing.first)}–${formatCount(listing.last)} of ${formatCount(listing.total)} in ${tagName}`;
}

interface TagPageProps {
  ctx: PageContext;
  tag: TagDetails;
  related: RelatedTags;
  works: WorkSummary[];
  listing: PageWindow;
}

/** A tag's page for readers: what it is, how it is linked, and the works found under it, a page at a time. */
export function TagPage({ ctx, tag, related, works, listing }: TagPageProps) {
  return (
    <Layout ctx={ctx} title={listing.page > 1 ? `${tag.name} (page ${listing.page})` : tag.name}>
      <h1>{tag.name}</h1>
      <p class="tag-type">{TAG_TYPE_LABELS[tag.type].one}</p>
      <Status tag={tag} />
      <WrangleLink ctx={ctx} tag={tag} />
      {SECTIONS.map(({ relation, heading }) => (
        <TagSection key={relation} heading={heading} tags={related[relation]} />
      ))}
      <h2>{worksHeading(listing, tag.name)}</h2>
      <WorkList hideTags={ctx.preferences.hideTags} works={works} empty="No works are listed under this tag yet." />
      <Pagination page={listing.page} pageCount={listing.pageCount} href={pageHref(tagPath(tag.type, tag.name))} />
    </Layout>
  );
}
