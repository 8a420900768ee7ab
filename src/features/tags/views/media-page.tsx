import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { TAG_TYPE_LABELS, UNCATEGORIZED_MEDIA, type FandomCount, type Tag } from '../tags.model.ts';
import { FandomList } from './fandom-list.tsx';

/** A media's page: every canonical fandom under it, alphabetically, with the works the reader can see. */
export function MediaPage({ ctx, media, fandoms }: { ctx: PageContext; media: Tag; fandoms: FandomCount[] }) {
  return (
    <Layout ctx={ctx} title={media.name}>
      <h1>{media.name}</h1>
      <p class="tag-type">{TAG_TYPE_LABELS.media.one}</p>
      {media.name === UNCATEGORIZED_MEDIA ? <p>Fandoms that have not been placed in a media yet are listed here.</p> : null}
      <h2>Fandoms</h2>
      {fandoms.length === 0 ? <p class="empty">No fandoms are listed under this media yet.</p> : <FandomList fandoms={fandoms} />}
      <p>
        <a href="/fandoms">All media</a>
      </p>
    </Layout>
  );
}
