import { formatCount } from '../../../platform/views/format.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { FandomCount } from '../tags.model.ts';
import { TagLink } from './tag-link.tsx';

/** Every canonical fandom, alphabetical, with the works the reader can see in it. */
export function FandomsPage({ ctx, fandoms }: { ctx: PageContext; fandoms: FandomCount[] }) {
  return (
    <Layout ctx={ctx} title="Fandoms">
      <h1>Fandoms</h1>
      {fandoms.length === 0 ? (
        <p class="empty">No fandoms have been wrangled yet.</p>
      ) : (
        <ul class="fandom-index">
          {fandoms.map((fandom) => (
            <li key={fandom.id}>
              <TagLink tag={fandom} /> ({formatCount(fandom.workCount)})
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
