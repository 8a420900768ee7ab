import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';

/** A refused kudos without JavaScript: the reason, and the way back to the work. */
export function KudosRefusedPage({ ctx, workId, message, showWorkLink }: { ctx: PageContext; workId: number; message: string; showWorkLink: boolean }) {
  return (
    <Layout ctx={ctx} title="Kudos not left">
      <h1>Kudos not left</h1>
      <p class="notice" role="alert">{message}</p>
      <p>{showWorkLink ? <a href={`/works/${workId}`}>Back to the work</a> : <a href="/">Go to the home page</a>}</p>
    </Layout>
  );
}
