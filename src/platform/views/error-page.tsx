import { Layout } from './layout.tsx';
import type { PageContext } from './page-context.ts';

interface ErrorPageProps {
  ctx: PageContext;
  title: string;
  message: string;
  requestId?: string;
}

export function ErrorPage({ ctx, title, message, requestId }: ErrorPageProps) {
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{message}</p>
      {requestId ? (
        <p class="hint">
          If you report this, mention request <code>{requestId}</code>.
        </p>
      ) : null}
      <p>
        <a href="/">Go to the home page</a>
      </p>
    </Layout>
  );
}
