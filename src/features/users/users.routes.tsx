import type { FastifyInstance } from 'fastify';
import { sendCachedPage } from '../../platform/page-cache/cached-page.ts';
import { LISTING_DEPS, userPagesKey } from '../../platform/page-cache/page-keys.ts';
import { notFound } from '../../platform/http/errors.ts';
import { Layout } from '../../platform/views/layout.tsx';
import type { PageContext } from '../../platform/views/page-context.ts';
import { findUserIdByUsername, listPseudsOfUser, type PseudRecord } from '../accounts/accounts.repository.ts';
import { listDraftsOfUser, listWorksByUser } from '../works/works.repository.ts';
import type { WorkSummary } from '../works/works.model.ts';
import { WorkList } from '../works/views/work-blurb.tsx';
import { SubscribeButton } from '../notifications/views/subscribe-button.tsx';
import type { SubscribeButtonState } from '../notifications/notifications.model.ts';
import { subscribeButtonState } from '../notifications/subscriptions.service.ts';
import { ReaderLinks } from '../reactions/views/reader-links.tsx';

const WORKS_PER_PAGE = 50;

interface Props {
  ctx: PageContext;
  username: string;
  pseuds: PseudRecord[];
  works: WorkSummary[];
  /** Only on the owner's own page. */
  drafts: WorkSummary[];
  subscription: SubscribeButtonState;
}

function UserPage({ ctx, username, pseuds, works, drafts, subscription }: Props) {
  const isSelf = ctx.viewer?.username === username;
  const otherPseuds = pseuds.filter((p) => !p.isDefault);
  const base = `/users/${encodeURIComponent(username)}`;
  return (
    <Layout ctx={ctx} title={username}>
      <h1>{username}</h1>
      <SubscribeButton ctx={ctx} state={subscription} />
      {otherPseuds.length > 0 ? (
        <p>
          Also writes as{' '}
          {otherPseuds.map((p, i) => (
            <span key={p.id}>{i > 0 ? ', ' : ''}<a href={`${base}/pseuds/${encodeURIComponent(p.name)}`}>{p.name}</a></span>
          ))}
          .
        </p>
      ) : null}
      <ul class="actions" aria-label="More from this member">
        <li><a href={`${base}/works`}>Filter and sort works</a></li>
        <li><a href={`${base}/pseuds`}>Pen names</a></li>
        <li><a href={`${base}/series`}>Series</a></li>
        {isSelf ? <li><a href="/invitations">Co-creator invitations</a></li> : null}
        {isSelf ? <li><a href={`${base}/stats`}>Statistics</a></li> : null}
        {isSelf ? <li><a href="/subscriptions">Subscriptions</a></li> : null}
        <ReaderLinks base={base} isSelf={isSelf} />
      </ul>
      {isSelf ? (
        <p>
          <a class="button" href="/works/new">Post a new work</a>
        </p>
      ) : null}
      <h2>Works</h2>
      <WorkList hideTags={ctx.preferences.hideTags} works={works} empty={isSelf ? "You haven't posted any works yet." : `${username} hasn't posted any works yet.`} />
      {isSelf && drafts.length > 0 ? (
        <>
          <h2>Drafts</h2>
          <p class="hint">Only you can see these until you post them.</p>
          <WorkList hideTags={ctx.preferences.hideTags} works={drafts} empty="" />
        </>
      ) : null}
    </Layout>
  );
}

export function registerUserRoutes(app: FastifyInstance): void {
  // The user is looked up on a cache miss only (usernames never change): a guest's hit costs no query.
  app.get<{ Params: { username: string } }>('/users/:username', (request, reply) =>
    sendCachedPage(request, reply, async () => {
      const user = await findUserIdByUsername(app.db, request.params.username);
      if (!user) throw notFound('user');
      const isSelf = request.viewer?.id === user.id;
      const [pseuds, works, drafts, subscription] = await Promise.all([
        listPseudsOfUser(app.db, user.id),
        listWorksByUser(app.db, user.id, request.viewer, WORKS_PER_PAGE),
        isSelf ? listDraftsOfUser(app.db, user.id, WORKS_PER_PAGE) : Promise.resolve([]),
        subscribeButtonState(app.db, request.viewer, { type: 'user', id: user.id }, [user.id]),
      ]);
      return { deps: [...LISTING_DEPS, userPagesKey(user.id)], view: (ctx) => <UserPage ctx={ctx} username={user.username} pseuds={pseuds} works={works} drafts={drafts} subscription={subscription} /> };
    }),
  );
}
