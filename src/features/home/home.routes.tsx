import type { FastifyInstance } from 'fastify';
import { sendCachedPage } from '../../platform/page-cache/cached-page.ts';
import { LISTING_DEPS } from '../../platform/page-cache/page-keys.ts';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { listRecentWorks } from '../works/works.repository.ts';
import type { WorkSummary } from '../works/works.model.ts';
import { WorkList } from '../works/views/work-blurb.tsx';

const RECENT_WORKS = 20;

function HomePage({ ctx, works }: { ctx: PageContext; works: WorkSummary[] }) {
  return (
    <Layout ctx={ctx} title={ctx.siteName}>
      <h1>{ctx.siteName}</h1>
      <p class="lede">Stories by fans, for fans. Read, write, and find your people.</p>
      <h2>Recently updated works</h2>
      <WorkList hideTags={ctx.preferences.hideTags} works={works} empty="No works have been posted yet. Be the first!" />
    </Layout>
  );
}

export function registerHomeRoutes(app: FastifyInstance): void {
  app.get('/', (request, reply) =>
    sendCachedPage(request, reply, async () => {
      const works = await listRecentWorks(app.db, request.viewer, RECENT_WORKS);
      return { deps: LISTING_DEPS, view: (ctx) => <HomePage ctx={ctx} works={works} /> };
    }),
  );

  // For load balancers and uptime checks: answers only when the database does.
  app.get('/healthz', async (_request, reply) => {
    await listRecentWorks(app.db, null, 1);
    return reply.type('text/plain').send('ok');
  });
}
