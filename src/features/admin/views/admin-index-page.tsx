import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';

/** The admins' start page: where each admin tool lives. */
export function AdminIndexPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title="Admin">
      <h1>Admin</h1>
      <ul class="admin-links">
        <li>
          <a href="/admin/users">Users and roles</a>
          <p class="hint">Find a member, make them a tag wrangler or an admin, and assign fandoms to wranglers.</p>
        </li>
        <li>
          <a href="/admin/tag-sets">Tag sets</a>
          <p class="hint">Import or export the archive's canonical tags, synonyms and parents.</p>
        </li>
        <li>
          <a href="/wrangling/log">Audit log</a>
          <p class="hint">Every change made by wranglers and admins, newest first.</p>
        </li>
        <li>
          <a href="/admin/outbox">Email outbox</a>
          <p class="hint">Every email the archive composed; where mail stays when no SMTP server is set.</p>
        </li>
      </ul>
    </Layout>
  );
}
