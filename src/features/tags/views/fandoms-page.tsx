import { formatCount } from '../../../platform/views/format.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { tagPath, type MediaFandoms } from '../tags.model.ts';
import { FandomList } from './fandom-list.tsx';

function MediaSection({ group, index }: { group: MediaFandoms; index: number }) {
  const { media, fandoms, fandomCount } = group;
  const headingId = `media-${index}`;
  return (
    <section class="media-group" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <a href={tagPath(media.type, media.name)}>{media.name}</a>
      </h2>
      <FandomList fandoms={fandoms} />
      {fandomCount > fandoms.length ? (
        <p class="media-all">
          <a href={tagPath(media.type, media.name)}>
            All {formatCount(fandomCount)} fandoms in {media.name}
          </a>
        </p>
      ) : null}
    </section>
  );
}

/** AO3's fandoms index: a section per media with its fandoms that have the most works the reader can see. */
export function FandomsPage({ ctx, groups }: { ctx: PageContext; groups: MediaFandoms[] }) {
  return (
    <Layout ctx={ctx} title="Fandoms">
      <h1>Fandoms</h1>
      {groups.length === 0 ? (
        <p class="empty">No fandoms have been wrangled yet.</p>
      ) : (
        <>
          <p class="hint">The fandoms with the most works in each media, with the number of works you can see.</p>
          <div class="media-groups">
            {groups.map((group, index) => (
              <MediaSection key={group.media.id} group={group} index={index} />
            ))}
          </div>
        </>
      )}
    </Layout>
  );
}
