import { DateTime, SanitizedHtml } from '../../../platform/views/format.tsx';
import { CsrfField } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { CommentAuthor, CommentView } from '../comments.model.ts';
import { commentPolicy, isWorkCreator, workCommentPolicy, type CommentWork } from '../comments.policy.ts';

export interface ThreadOptions {
  ctx: PageContext;
  work: CommentWork & { id: number };
  /** Say which chapter each comment is on (the whole-work list). */
  showChapter: boolean;
}

function Author({ author, work }: { author: CommentAuthor; work: CommentWork }) {
  if (author.kind === 'guest') return <><span class="comment-author">{author.name}</span> <span class="comment-tag">Guest</span></>;
  if (author.kind === 'gone') return <span class="comment-author">A former member</span>;
  const creator = work.creators.some((c) => c.userId === author.userId);
  return (
    <>
      <a class="comment-author" href={`/users/${encodeURIComponent(author.username)}`}>
        {author.pseudName === author.username ? author.username : `${author.pseudName} (${author.username})`}
      </a>
      {creator ? <> <span class="comment-tag comment-tag-creator">Creator</span></> : null}
    </>
  );
}

function PostButton({ ctx, action, label }: { ctx: PageContext; action: string; label: string }) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField ctx={ctx} />
      <button type="submit" class="link-button">{label}</button>
    </form>
  );
}

function Actions({ comment, options }: { comment: CommentView; options: ThreadOptions }) {
  const { ctx, work } = options;
  const target = { work, comment: { ...comment, userId: comment.author.kind === 'member' ? comment.author.userId : null } };
  const items = [];
  if (!comment.frozen && !comment.deleted && workCommentPolicy.can(ctx.viewer, 'comment', work)) {
    items.push(<a href={`/comments/${comment.id}/reply`}>Reply</a>);
  }
  if (!comment.frozen && !comment.deleted && commentPolicy.can(ctx.viewer, 'edit', target)) items.push(<a href={`/comments/${comment.id}/edit`}>Edit</a>);
  if (!comment.deleted && commentPolicy.can(ctx.viewer, 'delete', target)) items.push(<a href={`/comments/${comment.id}/delete`}>Delete</a>);
  if (commentPolicy.can(ctx.viewer, 'freeze', target)) {
    items.push(
      comment.frozen
        ? <PostButton ctx={ctx} action={`/comments/${comment.id}/unfreeze`} label="Unfreeze thread" />
        : <PostButton ctx={ctx} action={`/comments/${comment.id}/freeze`} label="Freeze thread" />,
    );
  }
  items.push(<a href={`/comments/${comment.id}`} aria-label={`Link to this comment (${comment.id})`}>Link</a>);
  return (
    <ul class="comment-actions" aria-label="Comment actions">
      {items.map((item, i) => <li key={i}>{item}</li>)}
    </ul>
  );
}

/** One comment and, below it, its replies as a nested list. */
export function CommentItem({ comment, options }: { comment: CommentView; options: ThreadOptions }) {
  const byline = comment.author.kind === 'member' ? (comment.author.pseudName) : comment.author.kind === 'guest' ? comment.author.name : 'a former member';
  return (
    <li class="comment-thread-item">
      <article class={comment.deleted ? 'comment comment-deleted' : 'comment'} id={`comment-${comment.id}`} aria-label={comment.deleted ? 'Deleted comment' : `Comment by ${byline}`}>
        {comment.deleted ? (
          <p class="comment-placeholder">This comment was deleted.</p>
        ) : (
          <>
            <p class="comment-meta">
              <Author author={comment.author} work={options.work} />
              {' · '}
              <DateTime date={comment.createdAt} />
              {options.showChapter && comment.chapterPosition !== null ? <> · on Chapter {comment.chapterPosition}</> : null}
              {comment.editedAt ? <> · <span class="comment-edited">edited <DateTime date={comment.editedAt} /></span></> : null}
              {comment.frozen ? <> · <span class="comment-tag">Frozen</span></> : null}
            </p>
            <SanitizedHtml class="userstuff comment-body" html={comment.body} />
          </>
        )}
        <Actions comment={comment} options={options} />
        {comment.hasHiddenReplies ? <p class="comment-continue"><a href={`/comments/${comment.id}`}>Continue this thread</a></p> : null}
      </article>
      {comment.replies.length > 0 ? <CommentList comments={comment.replies} options={options} label={`Replies to ${comment.deleted ? 'a deleted comment' : byline}`} /> : null}
    </li>
  );
}

export function CommentList({ comments, options, label }: { comments: CommentView[]; options: ThreadOptions; label?: string }) {
  return (
    <ol class="comment-list" {...(label ? { 'aria-label': label } : {})}>
      {comments.map((comment) => <CommentItem key={comment.id} comment={comment} options={options} />)}
    </ol>
  );
}

export const viewerIsCreator = isWorkCreator;
