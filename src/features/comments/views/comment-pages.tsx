import type { FormValues } from '../../../platform/http/forms.ts';
import { DateTime, SanitizedHtml } from '../../../platform/views/format.tsx';
import { CsrfField, ErrorSummary, titleWithErrors, type FieldErrors } from '../../../platform/views/forms.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { PseudRecord } from '../../accounts/accounts.repository.ts';
import { authorName, type CommentView } from '../comments.model.ts';
import type { CommentWork } from '../comments.policy.ts';
import { CommentForm } from './comment-form.tsx';
import { CommentList } from './comment-item.tsx';

type PageWork = CommentWork & { id: number; title: string };

function WorkLink({ work }: { work: PageWork }) {
  return <p class="comment-work-link">On <a href={`/works/${work.id}`}>{work.title}</a></p>;
}

/** A comment shown on its own, above a form about it. */
function QuotedComment({ comment }: { comment: CommentView }) {
  return (
    <article class="comment comment-quoted" aria-label={`Comment by ${authorName(comment.author)}`}>
      <p class="comment-meta">{authorName(comment.author)} · <DateTime date={comment.createdAt} /></p>
      {comment.deleted ? <p class="comment-placeholder">This comment was deleted.</p> : <SanitizedHtml class="userstuff comment-body" html={comment.body} />}
    </article>
  );
}

interface CommentFormPageProps {
  ctx: PageContext;
  work: PageWork;
  /** The comment replied to; absent for a new comment on the work. */
  parent?: CommentView | undefined;
  pseuds: PseudRecord[];
  values: FormValues;
  errors: FieldErrors;
}

/** A new comment or a reply on a page of its own: the reply link's target, and where errors are shown. */
export function CommentFormPage({ ctx, work, parent, pseuds, values, errors }: CommentFormPageProps) {
  const title = parent ? `Reply to ${authorName(parent.author)}` : `Comment on ${work.title}`;
  const hidden: Record<string, string> = {};
  if (values.chapter_id) hidden.chapter_id = values.chapter_id;
  if (values.return_to) hidden.return_to = values.return_to;
  return (
    <Layout ctx={ctx} title={titleWithErrors(title, errors)}>
      <h1>{title}</h1>
      <WorkLink work={work} />
      {parent ? <QuotedComment comment={parent} /> : null}
      <ErrorSummary errors={errors} />
      <CommentForm
        ctx={ctx}
        prefix="field"
        action={parent ? `/comments/${parent.id}/replies` : `/works/${work.id}/comments`}
        pseuds={pseuds}
        values={values}
        errors={errors}
        hidden={hidden}
        moderated={work.comments.moderated}
        submitLabel={parent ? 'Post reply' : 'Post comment'}
      />
    </Layout>
  );
}

export function EditCommentPage({ ctx, work, comment, values, errors }: { ctx: PageContext; work: PageWork; comment: CommentView; values: FormValues; errors: FieldErrors }) {
  return (
    <Layout ctx={ctx} title={titleWithErrors('Edit your comment', errors)}>
      <h1>Edit your comment</h1>
      <WorkLink work={work} />
      <ErrorSummary errors={errors} />
      <form method="post" action={`/comments/${comment.id}/edit`} class="stack-form comment-form" noValidate>
        <CsrfField ctx={ctx} />
        <div class={errors.body ? 'field field-invalid' : 'field'}>
          <label for="field-body">Comment</label>
          <p class="hint" id="field-body-hint">Up to 10,000 characters. It will be marked as edited.</p>
          {errors.body ? <p class="field-error" id="field-body-error">{errors.body}</p> : null}
          <textarea id="field-body" name="body" rows={8} maxLength={10_000} aria-describedby={errors.body ? 'field-body-hint field-body-error' : 'field-body-hint'} value={values.body ?? ''} />
        </div>
        <div class="form-actions">
          <button type="submit">Save changes</button>
          <a href={`/comments/${comment.id}/context`}>Cancel</a>
        </div>
      </form>
    </Layout>
  );
}

export function DeleteCommentPage({ ctx, work, comment }: { ctx: PageContext; work: PageWork; comment: CommentView }) {
  return (
    <Layout ctx={ctx} title="Delete this comment?">
      <h1>Delete this comment?</h1>
      <WorkLink work={work} />
      <QuotedComment comment={comment} />
      <p>Its text goes for good. Replies to it stay, under “This comment was deleted”.</p>
      <form method="post" action={`/comments/${comment.id}/delete`} class="form-actions">
        <CsrfField ctx={ctx} />
        <button type="submit" class="button-danger">Delete comment</button>
        <a href={`/comments/${comment.id}/context`}>Cancel</a>
      </form>
    </Layout>
  );
}

/** "Continue this thread": one comment and its replies, to the same depth as under the work. */
export function ThreadPage({ ctx, work, threads, parentId }: { ctx: PageContext; work: PageWork; threads: CommentView[]; parentId: number | null }) {
  return (
    <Layout ctx={ctx} title={`Comment thread on ${work.title}`}>
      <h1>Comment thread</h1>
      <WorkLink work={work} />
      <p class="comment-thread-nav">
        {parentId !== null ? <><a href={`/comments/${parentId}/context`}>Show the comment it replies to</a> · </> : null}
        <a href={`/works/${work.id}#comments`}>All comments on the work</a>
      </p>
      <section class="comments" aria-label="Thread">
        <CommentList comments={threads} options={{ ctx, work, showChapter: true }} />
      </section>
    </Layout>
  );
}

/** The moderation queue: held comments, each with Approve and Delete. */
export function HeldCommentsPage({ ctx, work, held }: { ctx: PageContext; work: PageWork; held: CommentView[] }) {
  return (
    <Layout ctx={ctx} title={`Comments waiting for approval on ${work.title}`}>
      <h1>Comments waiting for approval</h1>
      <WorkLink work={work} />
      {held.length === 0 ? <p>No comments are waiting. New comments will show here while moderation is on.</p> : null}
      <ol class="comment-list">
        {held.map((comment) => (
          <li key={comment.id} class="comment-thread-item">
            <article class="comment" id={`comment-${comment.id}`} aria-label={`Comment by ${authorName(comment.author)}`}>
              <p class="comment-meta">
                {authorName(comment.author)} · <DateTime date={comment.createdAt} />
                {comment.parentId !== null ? ' · a reply' : ''}
                {comment.chapterPosition !== null ? ` · on Chapter ${comment.chapterPosition}` : ''}
              </p>
              <SanitizedHtml class="userstuff comment-body" html={comment.body} />
              <div class="form-actions">
                <form method="post" action={`/comments/${comment.id}/approve`} class="inline-form">
                  <CsrfField ctx={ctx} />
                  <input type="hidden" name="return_to" value="queue" />
                  <button type="submit">Approve</button>
                </form>
                <form method="post" action={`/comments/${comment.id}/delete`} class="inline-form">
                  <CsrfField ctx={ctx} />
                  <input type="hidden" name="return_to" value="queue" />
                  <button type="submit" class="button-danger">Delete</button>
                </form>
              </div>
            </article>
          </li>
        ))}
      </ol>
    </Layout>
  );
}
