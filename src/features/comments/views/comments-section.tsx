import type { PageWindow } from '../../../platform/http/pagination.ts';
import { formatCount } from '../../../platform/views/format.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { Pagination } from '../../../platform/views/pagination.tsx';
import type { PseudRecord } from '../../accounts/accounts.repository.ts';
import type { CommentView } from '../comments.model.ts';
import { isWorkCreator, workCommentPolicy, type CommentWork } from '../comments.policy.ts';
import type { CommentCounts } from '../comments.repository.ts';
import { CommentForm } from './comment-form.tsx';
import { CommentList } from './comment-item.tsx';

/** Everything the comments under a work or chapter show, loaded by loadCommentsSection. */
export interface CommentsSectionData {
  /** Comments on one chapter, or (null) on the whole work, chapters included. */
  chapterId: number | null;
  counts: CommentCounts;
  threads: CommentView[];
  window: PageWindow;
  /** The viewer's pen names, for the form (members). */
  pseuds: PseudRecord[];
  /** Address of comment page n. */
  pageHref: (n: number) => string;
  /** Set after posting a comment that waits for approval. */
  heldNotice: boolean;
}

function refusal(ctx: PageContext, work: CommentWork, returnTo: string) {
  if (work.comments.permission === 'members' && !ctx.viewer) {
    return <p class="notice">Only members of the archive can comment on this work. <a href={`/login?return_to=${encodeURIComponent(returnTo)}`}>Log in</a> to comment.</p>;
  }
  return <p class="notice">Comments are turned off on this work.</p>;
}

/** The comments under a work or chapter: count, moderation link, threads, pages, and the form. */
export function CommentsSection({ ctx, work, section }: { ctx: PageContext; work: CommentWork & { id: number }; section: CommentsSectionData }) {
  const { counts, window } = section;
  const creator = isWorkCreator(ctx.viewer, work);
  const scope = section.chapterId === null ? 'this work' : 'this chapter';
  return (
    <section class="comments" id="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Comments ({formatCount(counts.visible)})</h2>
      {section.heldNotice ? <p class="notice" role="status">Thank you! Your comment will appear once a creator of this work approves it.</p> : null}
      {creator && counts.held > 0 ? (
        <p class="notice"><a href={`/works/${work.id}/comments/held`}>{counts.held} {counts.held === 1 ? 'comment waits' : 'comments wait'} for your approval</a></p>
      ) : null}
      {section.threads.length === 0 ? <p>No comments on {scope} yet.</p> : <CommentList comments={section.threads} options={{ ctx, work, showChapter: section.chapterId === null }} label={`Comments on ${scope}`} />}
      <Pagination page={window.page} pageCount={window.pageCount} href={section.pageHref} />
      <h3 id="comment-form-heading">Leave a comment</h3>
      {workCommentPolicy.can(ctx.viewer, 'comment', work) ? (
        <CommentForm ctx={ctx} action={`/works/${work.id}/comments`} pseuds={section.pseuds} moderated={work.comments.moderated && !creator} hidden={section.chapterId === null ? {} : { chapter_id: String(section.chapterId) }} />
      ) : (
        refusal(ctx, work, ctx.path)
      )}
    </section>
  );
}
