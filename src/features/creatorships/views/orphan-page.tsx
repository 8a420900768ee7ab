import { Layout } from '../../../platform/views/layout.tsx';
import { CsrfField } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { Work } from '../../works/works.model.ts';
import { ORPHAN_ACCOUNT } from '../creatorships.model.ts';

export function OrphanWorkPage({ ctx, work, hasCoCreators }: { ctx: PageContext; work: Work; hasCoCreators: boolean }) {
  return (
    <Layout ctx={ctx} title={`Orphan ${work.title}`}>
      <h1>Orphan “{work.title}”?</h1>
      <p>
        The work stays on the archive, but your name comes off it: it will be credited to <strong>{ORPHAN_ACCOUNT}</strong>{' '}
        instead. You will no longer be able to edit or delete it, and this can't be undone.
      </p>
      {hasCoCreators ? <p>Your co-creators keep their credit; only yours is replaced.</p> : null}
      <form method="post" action={`/works/${work.id}/orphan`} class="form-actions">
        <CsrfField ctx={ctx} />
        <button type="submit" class="button-danger">Yes, orphan this work</button>
        <a href={`/works/${work.id}`}>No, keep my name on it</a>
      </form>
    </Layout>
  );
}
