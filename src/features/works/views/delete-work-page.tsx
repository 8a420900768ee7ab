import { Layout } from '../../../platform/views/layout.tsx';
import { CsrfField } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { Work } from '../works.model.ts';

export function DeleteWorkPage({ ctx, work }: { ctx: PageContext; work: Work }) {
  return (
    <Layout ctx={ctx} title={`Delete ${work.title}`}>
      <h1>Delete “{work.title}”?</h1>
      <p>
        This removes the work and all of its chapters for good. It can't be undone.
      </p>
      <form method="post" action={`/works/${work.id}/delete`} class="form-actions">
        <CsrfField ctx={ctx} />
        <button type="submit" class="button-danger">Yes, delete this work</button>
        <a href={`/works/${work.id}`}>No, keep it</a>
      </form>
    </Layout>
  );
}
