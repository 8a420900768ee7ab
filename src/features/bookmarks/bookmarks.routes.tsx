import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { notFound } from '../../platform/http/errors.ts';
import { parseForm, type FormValues } from '../../platform/http/forms.ts';
import { redirectAfterPost, sendPage } from '../../platform/http/page.ts';
import { pageWindow, parsePage } from '../../platform/http/pagination.ts';
import { parseId, requireViewer } from '../../platform/http/route-helpers.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { findUserIdByUsername } from '../accounts/accounts.repository.ts';
import { findSeries } from '../series/series.repository.ts';
import { loadWork } from '../works/works.routes.tsx';
import { workPolicy } from '../works/works.policy.ts';
import { findWork } from '../works/works.repository.ts';
import { listingRouteOptions } from '../listings/listing.routes.tsx';
import { rawQuery } from '../listings/listing.schemas.ts';
import { loadBookmarkListing } from './bookmark-listing.service.ts';
import type { BookmarkItem } from './bookmarks.model.ts';
import { bookmarkablePolicy, bookmarkPolicy } from './bookmarks.policy.ts';
import { countWorkBookmarks, findBookmark, findBookmarkIdOf, listWorkBookmarks, type BookmarkWithSeries } from './bookmarks.repository.ts';
import { BOOKMARK_FILTER_PARAMS, bookmarkFormSchema } from './bookmarks.schemas.ts';
import { createBookmark, editBookmark, removeBookmark } from './bookmarks.service.ts';
import { BookmarkFormPage, targetUrl, type BookmarkTarget } from './views/bookmark-form-page.tsx';
import { DeleteBookmarkPage } from './views/delete-bookmark-page.tsx';
import { UserBookmarksPage } from './views/user-bookmarks-page.tsx';
import { WorkBookmarksPage } from './views/work-bookmarks-page.tsx';

const BOOKMARKS_PER_PAGE = 20;

type IdParams = { Params: { id: string } };

/** The form filled from a stored bookmark. */
const formValuesOf = (bookmark: BookmarkWithSeries): FormValues => ({
  notes: bookmark.notes,
  tags: bookmark.tags.join(', '),
  ...(bookmark.private ? { private: '1' } : {}),
  ...(bookmark.rec ? { rec: '1' } : {}),
});

/** A work or series the viewer may bookmark, or the right refusal (404 unknown or hidden, 403 a draft of their own). */
async function loadBookmarkable(request: FastifyRequest<IdParams>, kind: BookmarkItem['kind'], viewer: Viewer): Promise<BookmarkTarget> {
  if (kind === 'work') {
    const work = await loadWork(request, request.params.id);
    bookmarkablePolicy.authorize(viewer, 'bookmark', { readable: workPolicy.can(viewer, 'read', work), posted: work.posted });
    return { kind, id: work.id, title: work.title };
  }
  const series = await findSeries(request.server.db, parseId(request.params.id, 'series'));
  if (!series) throw notFound('series');
  bookmarkablePolicy.authorize(viewer, 'bookmark', { readable: true, posted: true });
  return { kind, id: series.id, title: series.title };
}

/** The bookmark, if it exists (404) and the viewer may edit it (403). */
async function loadOwnBookmark(request: FastifyRequest<IdParams>, viewer: Viewer) {
  const bookmark = await findBookmark(request.server.db, parseId(request.params.id, 'bookmark'));
  if (!bookmark) throw notFound('bookmark');
  bookmarkPolicy.authorize(viewer, 'edit', bookmark);
  const title = bookmark.item.kind === 'work' ? (await findWork(request.server.db, bookmark.item.id))?.title : bookmark.series?.title;
  const target: BookmarkTarget = { kind: bookmark.item.kind, id: bookmark.item.id, title: title ?? 'Untitled' };
  return { bookmark, target };
}

export function registerBookmarkRoutes(app: FastifyInstance): void {
  const { db } = app;

  const renderForm = (request: FastifyRequest, reply: FastifyReply, target: BookmarkTarget, values: FormValues, errors: FieldErrors, status: number, bookmarkId?: number) =>
    sendPage(request, reply, (ctx) => <BookmarkFormPage ctx={ctx} target={target} values={values} errors={errors} {...(bookmarkId === undefined ? {} : { bookmarkId })} />, status);

  for (const kind of ['work', 'series'] as const) {
    const path = kind === 'work' ? '/works/:id/bookmark' : '/series/:id/bookmark';

    app.get<IdParams>(path, async (request, reply) => {
      const viewer = requireViewer(request, reply);
      if (!viewer) return reply;
      const target = await loadBookmarkable(request, kind, viewer);
      // One bookmark per member per item: the button leads to the existing one.
      const existing = await findBookmarkIdOf(db, viewer.id, target);
      if (existing !== undefined) return reply.redirect(`/bookmarks/${existing}/edit`, 303);
      return renderForm(request, reply, target, {}, {}, 200);
    });

    app.post<IdParams>(path, async (request, reply) => {
      const viewer = requireViewer(request, reply);
      if (!viewer) return reply;
      const target = await loadBookmarkable(request, kind, viewer);
      const form = parseForm(bookmarkFormSchema, request.body);
      if (!form.ok) return renderForm(request, reply, target, form.values, form.errors, 400);
      const result = await createBookmark(db, viewer, target, form.data);
      if (!result.ok) return renderForm(request, reply, target, form.values, result.errors, result.status);
      return redirectAfterPost(reply, `${targetUrl(target)}?bookmarked=1`);
    });
  }

  app.get<IdParams>('/bookmarks/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const { bookmark, target } = await loadOwnBookmark(request, viewer);
    return renderForm(request, reply, target, formValuesOf(bookmark), {}, 200, bookmark.id);
  });

  app.post<IdParams>('/bookmarks/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    // Someone else's bookmark is refused before its form is even read.
    const { bookmark, target } = await loadOwnBookmark(request, viewer);
    const form = parseForm(bookmarkFormSchema, request.body);
    if (!form.ok) return renderForm(request, reply, target, form.values, form.errors, 400, bookmark.id);
    const result = await editBookmark(db, viewer, bookmark.id, form.data);
    if (!result.ok) return renderForm(request, reply, target, form.values, result.errors, result.status, bookmark.id);
    return redirectAfterPost(reply, `/users/${encodeURIComponent(viewer.username)}/bookmarks`);
  });

  app.get<IdParams>('/bookmarks/:id/delete', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const { bookmark, target } = await loadOwnBookmark(request, viewer);
    return sendPage(request, reply, (ctx) => <DeleteBookmarkPage ctx={ctx} bookmarkId={bookmark.id} target={target} />);
  });

  app.post<IdParams>('/bookmarks/:id/delete', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    await removeBookmark(db, viewer, parseId(request.params.id, 'bookmark'));
    return redirectAfterPost(reply, `/users/${encodeURIComponent(viewer.username)}/bookmarks`);
  });

  // A member's bookmarks with the works filters and the bookmark's own: a fixed number of queries whatever it lists.
  app.get<{ Params: { username: string } }>('/users/:username/bookmarks', listingRouteOptions, async (request, reply) => {
    const user = await findUserIdByUsername(db, request.params.username);
    if (!user) throw notFound('user');
    const raw = rawQuery(request.query, BOOKMARK_FILTER_PARAMS);
    const outcome = await loadBookmarkListing(db, request.viewer, user.id, raw);
    return sendPage(request, reply, (ctx) => <UserBookmarksPage ctx={ctx} username={user.username} raw={raw} outcome={outcome} />, outcome.ok ? 200 : 400);
  });

  app.get<IdParams & { Querystring: { page?: string } }>('/works/:id/bookmarks', async (request, reply) => {
    const work = await loadWork(request, request.params.id);
    if (!workPolicy.can(request.viewer, 'read', work)) {
      return reply.redirect(`/login?return_to=${encodeURIComponent(request.url)}&reason=members-only`, 303);
    }
    const window = pageWindow(parsePage(request.query.page), BOOKMARKS_PER_PAGE, await countWorkBookmarks(db, work.id));
    const bookmarks = await listWorkBookmarks(db, work.id, window.perPage, window.offset);
    return sendPage(request, reply, (ctx) => <WorkBookmarksPage ctx={ctx} work={work} bookmarks={bookmarks} window={window} />);
  });
}
