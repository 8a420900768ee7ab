import { CsrfField } from '../../../platform/views/forms.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { targetUrl, type BookmarkTarget } from './bookmark-form-page.tsx';

export function DeleteBookmarkPage({ ctx, bookmarkId, target }: { ctx: PageContext; bookmarkId: number; target: BookmarkTarget }) {
  return (
    <Layout ctx={ctx} title={`Delete bookmark of ${target.title}`}>
      <h1>Delete your bookmark of “{target.title}”?</h1>
      <p>Its notes and tags go with it. The {target.kind} itself stays.</p>
      <form method="post" action={`/bookmarks/${bookmarkId}/delete`} class="form-actions">
        <CsrfField ctx={ctx} />
        <button type="submit" class="button-danger">Yes, delete this bookmark</button>
        <a href={targetUrl(target)}>No, keep it</a>
      </form>
    </Layout>
  );
}
