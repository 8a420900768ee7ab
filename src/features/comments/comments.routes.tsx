import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { parseForm, type FormValues } from '../../platform/http/forms.ts';
import { redirectAfterPost, sendPage } from '../../platform/http/page.ts';
import { pageWindow, parsePage } from '../../platform/http/pagination.ts';
import { parseId } from '../../platform/http/route-helpers.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { listPseudsOfUser } from '../accounts/accounts.repository.ts';
import type { Reading } from '../chapters/chapters.model.ts';
import { markReadAbout } from '../inbox/inbox.repository.ts';
import type { Work } from '../works/works.model.ts';
import { workPolicy } from '../works/works.policy.ts';
import { loadWork } from '../works/works.routes.tsx';
import { buildThreads, COMMENTS_PER_PAGE, THREAD_DEPTH, type CommentFacts, type CommentView } from './comments.model.ts';
import { commentPolicy, isWorkCreator, workCommentPolicy } from './comments.policy.ts';
import { countRootsBefore, findCommentFacts, findCommentView, listAncestry, listHeld, listSubthread, listThreadsPage } from './comments.repository.ts';
import { editCommentSchema, guestCommentSchema, memberCommentSchema } from './comments.schemas.ts';
import { approveComment, assertMayComment, deleteComment, editComment, freezeComment, postComment } from './comments.service.ts';
import { limitsFor } from './rate-limit.ts';
import { CommentFormPage, DeleteCommentPage, EditCommentPage, HeldCommentsPage, ThreadPage } from './views/comment-pages.tsx';
import type { CommentsSectionData } from './views/comments-section.tsx';

type IdParams = { Params: { id: string } };

/** The page address with ?comments_page=n (page 1 is the address without it), at the comments. */
function commentsPageHref(request: FastifyRequest): (n: number) => string {
  const url = new URL(request.url, 'http://quire.invalid');
  url.searchParams.delete('comment'); // the one-off "waits for approval" notice
  return (n: number) => {
    if (n === 1) url.searchParams.delete('comments_page');
    else url.searchParams.set('comments_page', String(n));
    return `${url.pathname}${url.search}#comments`;
  };
}

/**
 * The comments under a work page (all of the work's comments) or a chapter page (that
 * chapter's), in one query for guests (counts and a page of threads), plus the pseuds of members.
 */
export async function loadCommentsSection(request: FastifyRequest, work: Work, reading: Reading): Promise<CommentsSectionData | undefined> {
  if (!work.posted) return undefined;
  const { db } = request.server;
  const onChapterRoute = (request.params as { chapterId?: string }).chapterId !== undefined;
  const chapterId = onChapterRoute && reading.view === 'chapter' && reading.chapter ? reading.chapter.id : null;
  const query = request.query as { comments_page?: string; comment?: string };
  const page = parsePage(query.comments_page);
  // The counts come with the page of threads; a page past the last is then refused (404).
  const { views: rows, counts } = await listThreadsPage(db, work.id, chapterId, (page - 1) * COMMENTS_PER_PAGE, COMMENTS_PER_PAGE);
  const window = pageWindow(page, COMMENTS_PER_PAGE, counts.roots);
  const pseuds = request.viewer ? await listPseudsOfUser(db, request.viewer.id) : [];
  return { chapterId, counts, threads: buildThreads(rows), window, pseuds, pageHref: commentsPageHref(request), heldNotice: query.comment === 'held' };
}

/**
 * Where a comment is shown: its work's comments page with its anchor, or, below the shown
 * depth, the "continue this thread" page that shows it (THREAD_DEPTH levels from its top).
 */
export async function commentLocation(request: FastifyRequest, comment: CommentFacts): Promise<string> {
  const { db } = request.server;
  const ancestry = await listAncestry(db, comment.id);
  const depth = ancestry.length;
  if (depth > THREAD_DEPTH) {
    const top = THREAD_DEPTH + (THREAD_DEPTH - 1) * Math.floor((depth - THREAD_DEPTH - 1) / (THREAD_DEPTH - 1));
    return `/comments/${ancestry[top - 1]}#comment-${comment.id}`;
  }
  const before = await countRootsBefore(db, comment.workId, ancestry[0]!);
  const page = Math.floor(before / COMMENTS_PER_PAGE) + 1;
  return `/works/${comment.workId}${page > 1 ? `?comments_page=${page}` : ''}#comment-${comment.id}`;
}

/**
 * A comment and its work, as the viewer may see them: a missing comment, a draft, or a held
 * comment the viewer may not moderate is not found; a members-only work sends guests to log in
 * (GET) or answers 401 (POST).
 */
async function loadComment(request: FastifyRequest, reply: FastifyReply, rawId: string, options: { allowHeld?: 'author' } = {}) {
  const comment = await findCommentFacts(request.server.db, parseId(rawId, 'comment'));
  if (!comment) throw notFound('comment');
  const work = await loadWork(request, String(comment.workId));
  if (!workPolicy.can(request.viewer, 'read', work)) {
    if (request.method !== 'GET') throw new AppError('unauthorized', 'Please log in to do that.');
    void reply.redirect(`/login?return_to=${encodeURIComponent(request.url)}&reason=members-only`, 303);
    return null;
  }
  const maySee = comment.approved || isWorkCreator(request.viewer, work) || (options.allowHeld === 'author' && request.viewer !== null && comment.userId === request.viewer.id);
  if (!maySee) throw notFound('comment');
  return { comment, work };
}

/** The parsed comment form for this viewer: members choose a pseud, guests give a name and an email. */
function parseCommentForm(request: FastifyRequest) {
  return request.viewer ? parseForm(memberCommentSchema, request.body) : parseForm(guestCommentSchema, request.body);
}

export function registerCommentRoutes(app: FastifyInstance): void {
  const { db } = app;

  async function renderCommentForm(request: FastifyRequest, reply: FastifyReply, work: Work, parent: CommentView | undefined, values: FormValues, errors: FieldErrors, status: number) {
    const pseuds = request.viewer ? await listPseudsOfUser(db, request.viewer.id) : [];
    return sendPage(request, reply, (ctx) => <CommentFormPage ctx={ctx} work={work} parent={parent} pseuds={pseuds} values={values} errors={errors} />, status);
  }

  /** Where to go after a comment is posted: the comment itself, or the page with "waits for approval". */
  async function afterPosting(request: FastifyRequest, reply: FastifyReply, work: Work, result: { commentId: number; held: boolean }, returnTo: string | undefined) {
    if (returnTo) return redirectAfterPost(reply, returnTo);
    if (result.held) return redirectAfterPost(reply, `/works/${work.id}?comment=held#comments`);
    const comment = await findCommentFacts(db, result.commentId);
    return redirectAfterPost(reply, comment ? await commentLocation(request, comment) : `/works/${work.id}#comments`);
  }

  async function assertWorkTakesComments(request: FastifyRequest, work: Work) {
    if (!workPolicy.can(request.viewer, 'read', work)) throw new AppError('unauthorized', 'Please log in to do that.');
    if (!work.posted) throw new AppError('conflict', 'Comments open once the work is posted.');
    // Refused before the form is even read, valid or not.
    assertMayComment(request.viewer, work);
  }

  app.post<IdParams>('/works/:id/comments', async (request, reply) => {
    const work = await loadWork(request, request.params.id);
    await assertWorkTakesComments(request, work);
    const form = parseCommentForm(request);
    if (!form.ok) return renderCommentForm(request, reply, work, undefined, form.values, form.errors, 400);
    const result = await postComment(db, request.viewer, { work, parentId: null, form: form.data, limits: limitsFor(request) });
    if (!result.ok) return renderCommentForm(request, reply, work, undefined, form.values, result.errors, 400);
    return afterPosting(request, reply, work, result, undefined);
  });

  app.get<IdParams>('/works/:id/comments/held', async (request, reply) => {
    const work = await loadWork(request, request.params.id);
    if (!request.viewer) return reply.redirect(`/login?return_to=${encodeURIComponent(request.url)}`, 303);
    workCommentPolicy.authorize(request.viewer, 'moderate', work);
    const held = await listHeld(db, work.id);
    return sendPage(request, reply, (ctx) => <HeldCommentsPage ctx={ctx} work={work} held={held} />);
  });

  app.get<IdParams>('/comments/:id', async (request, reply) => {
    const loaded = await loadComment(request, reply, request.params.id);
    if (!loaded) return reply;
    const threads = buildThreads(await listSubthread(db, loaded.comment.id));
    return sendPage(request, reply, (ctx) => <ThreadPage ctx={ctx} work={loaded.work} threads={threads} parentId={loaded.comment.parentId} />);
  });

  app.get<IdParams>('/comments/:id/context', async (request, reply) => {
    const loaded = await loadComment(request, reply, request.params.id);
    if (!loaded) return reply;
    if (!loaded.comment.approved) return reply.redirect(`/works/${loaded.work.id}/comments/held#comment-${loaded.comment.id}`, 303);
    return reply.redirect(await commentLocation(request, loaded.comment), 303);
  });

  app.get<IdParams>('/comments/:id/reply', async (request, reply) => {
    const loaded = await loadComment(request, reply, request.params.id);
    if (!loaded) return reply;
    await assertWorkTakesComments(request, loaded.work);
    const parent = await findCommentView(db, loaded.comment.id);
    if (loaded.comment.deleted) throw new AppError('conflict', 'That comment was deleted, so it can’t take replies.');
    if (loaded.comment.frozen) throw new AppError('conflict', 'This thread is frozen: it takes no new replies.');
    return renderCommentForm(request, reply, loaded.work, parent, {}, {}, 200);
  });

  app.post<IdParams>('/comments/:id/replies', async (request, reply) => {
    const loaded = await loadComment(request, reply, request.params.id);
    if (!loaded) return reply;
    const { work, comment } = loaded;
    await assertWorkTakesComments(request, work);
    const form = parseCommentForm(request);
    const parent = await findCommentView(db, comment.id);
    if (!form.ok) return renderCommentForm(request, reply, work, parent, form.values, form.errors, 400);
    const result = await postComment(db, request.viewer, { work, parentId: comment.id, form: form.data, limits: limitsFor(request) });
    if (!result.ok) return renderCommentForm(request, reply, work, parent, form.values, result.errors, 400);
    // Answered from the inbox: the notices about that comment are dealt with.
    if (form.data.return_to && request.viewer) await markReadAbout(db, request.viewer.id, comment.id);
    return afterPosting(request, reply, work, result, form.data.return_to);
  });

  app.get<IdParams>('/comments/:id/edit', async (request, reply) => {
    const loaded = await loadComment(request, reply, request.params.id, { allowHeld: 'author' });
    if (!loaded) return reply;
    const { work, comment } = loaded;
    commentPolicy.authorize(request.viewer, 'edit', { work, comment });
    if (comment.deleted) throw new AppError('conflict', 'That comment was deleted, so it can’t be edited.');
    if (comment.frozen) throw new AppError('conflict', 'This thread is frozen: its comments can’t be edited.');
    const view = (await findCommentView(db, comment.id))!;
    return sendPage(request, reply, (ctx) => <EditCommentPage ctx={ctx} work={work} comment={view} values={{ body: view.body }} errors={{}} />);
  });

  app.post<IdParams>('/comments/:id/edit', async (request, reply) => {
    const loaded = await loadComment(request, reply, request.params.id, { allowHeld: 'author' });
    if (!loaded) return reply;
    const { work, comment } = loaded;
    commentPolicy.authorize(request.viewer, 'edit', { work, comment });
    const view = (await findCommentView(db, comment.id))!;
    const form = parseForm(editCommentSchema, request.body);
    if (!form.ok) return sendPage(request, reply, (ctx) => <EditCommentPage ctx={ctx} work={work} comment={view} values={form.values} errors={form.errors} />, 400);
    const result = await editComment(db, request.viewer, work, comment.id, form.data.body);
    if (!result.ok) return sendPage(request, reply, (ctx) => <EditCommentPage ctx={ctx} work={work} comment={view} values={form.values} errors={result.errors} />, 400);
    return redirectAfterPost(reply, comment.approved ? await commentLocation(request, comment) : `/works/${work.id}#comments`);
  });

  app.get<IdParams>('/comments/:id/delete', async (request, reply) => {
    const loaded = await loadComment(request, reply, request.params.id, { allowHeld: 'author' });
    if (!loaded) return reply;
    const { work, comment } = loaded;
    commentPolicy.authorize(request.viewer, 'delete', { work, comment });
    const view = (await findCommentView(db, comment.id))!;
    return sendPage(request, reply, (ctx) => <DeleteCommentPage ctx={ctx} work={work} comment={view} />);
  });

  app.post<IdParams & { Body: { return_to?: string } }>('/comments/:id/delete', async (request, reply) => {
    const loaded = await loadComment(request, reply, request.params.id, { allowHeld: 'author' });
    if (!loaded) return reply;
    const { work, comment } = loaded;
    await deleteComment(db, request.viewer, work, comment.id);
    if (request.body?.return_to === 'queue') return redirectAfterPost(reply, `/works/${work.id}/comments/held`);
    return redirectAfterPost(reply, comment.approved ? await commentLocation(request, comment) : `/works/${work.id}#comments`);
  });

  for (const [path, frozen] of [['freeze', true], ['unfreeze', false]] as const) {
    app.post<IdParams>(`/comments/:id/${path}`, async (request, reply) => {
      const loaded = await loadComment(request, reply, request.params.id);
      if (!loaded) return reply;
      await freezeComment(db, request.viewer, loaded.work, loaded.comment.id, frozen);
      return redirectAfterPost(reply, await commentLocation(request, loaded.comment));
    });
  }

  app.post<IdParams>('/comments/:id/approve', async (request, reply) => {
    const loaded = await loadComment(request, reply, request.params.id);
    if (!loaded) return reply;
    await approveComment(db, request.viewer, loaded.work, loaded.comment.id);
    return redirectAfterPost(reply, `/works/${loaded.work.id}/comments/held`);
  });
}
