import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { WorkSummary } from '../../works/works.model.ts';
import { WorkList } from '../../works/views/work-blurb.tsx';
import type { Pseud } from '../pseuds.model.ts';

export function PseudWorksPage({ ctx, pseud, works }: { ctx: PageContext; pseud: Pseud; works: WorkSummary[] }) {
  const title = pseud.name === pseud.username ? pseud.name : `${pseud.name} (${pseud.username})`;
  return (
    <Layout ctx={ctx} title={`Works by ${title}`}>
      <h1>Works by {title}</h1>
      <p>
        <a href={`/users/${encodeURIComponent(pseud.username)}`}>All works by {pseud.username}</a> ·{' '}
        <a href={`/users/${encodeURIComponent(pseud.username)}/pseuds`}>Pen names</a>
      </p>
      <h2>Works</h2>
      <WorkList hideTags={ctx.preferences.hideTags} works={works} empty={`No works are credited to ${pseud.name} yet.`} />
    </Layout>
  );
}
