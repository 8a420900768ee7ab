import type { ComponentChildren } from 'preact';
import type { PageContext } from './page-context.ts';
import { CsrfField } from './forms.tsx';
import { IslandScript } from './islands.tsx';
import { preferenceClasses } from '../../features/preferences/preferences.model.ts';
import { adminPolicy } from '../../features/admin/admin.policy.ts';
import { wranglingPolicy } from '../../features/wrangling/wrangling.policy.ts';
import { InboxLink } from '../../features/inbox/views/inbox-link.tsx';
import { SiteSearch } from '../../features/search/views/site-search.tsx';

interface LayoutProps {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  /** The page has markup that islands enhance (islands.tsx): load their script. */
  islands?: boolean;
}

function Navigation({ ctx }: { ctx: PageContext }) {
  const viewer = ctx.viewer;
  return (
    <nav aria-label="Main">
      <ul class="nav-list">
        <li><a href="/">Recent works</a></li>
        <li><a href="/works">Works</a></li>
        <li><a href="/fandoms">Fandoms</a></li>
        <li><a href="/preferences">Preferences</a></li>
        {viewer ? (
          <>
            <li><a href="/works/new">Post a work</a></li>
            {wranglingPolicy.can(viewer, 'wrangle', null) ? <li><a href="/wrangling">Wrangling</a></li> : null}
            {adminPolicy.can(viewer, 'manageRoles', null) ? <li><a href="/admin">Admin</a></li> : null}
            <li><a href={`/users/${encodeURIComponent(viewer.username)}`}>{viewer.username}</a></li>
            <li><InboxLink count={viewer.unreadInbox ?? 0} /></li>
            <li>
              <form method="post" action="/logout" class="inline-form">
                <CsrfField ctx={ctx} />
                <button type="submit" class="link-button">Log out</button>
              </form>
            </li>
          </>
        ) : (
          <>
            <li><a href="/login">Log in</a></li>
            <li><a href="/signup">Sign up</a></li>
          </>
        )}
      </ul>
    </nav>
  );
}

export function Layout({ ctx, title, children, islands = false }: LayoutProps) {
  return (
    <html lang="en" class={preferenceClasses(ctx.preferences)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>{title === ctx.siteName ? title : `${title} | ${ctx.siteName}`}</title>
        <link rel="stylesheet" href="/assets/quire.css" />
        {islands ? <IslandScript /> : null}
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to content</a>
        <header class="site-header">
          <a class="site-name" href="/">{ctx.siteName}</a>
          <Navigation ctx={ctx} />
          <SiteSearch />
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer class="site-footer">
          <p>Powered by Quire, a fan fiction archive anyone can host.</p>
        </footer>
      </body>
    </html>
  );
}
