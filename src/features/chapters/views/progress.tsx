import type { WorkSummary } from '../../works/works.model.ts';

export const isComplete = (work: Pick<WorkSummary, 'chapterCount' | 'expectedChapters'>) => work.expectedChapters !== null && work.chapterCount >= work.expectedChapters;

/** A dt/dd pair for a stats list: whether the work is finished (chapters posted = chapters expected). */
export function CompletionStat({ work }: { work: Pick<WorkSummary, 'chapterCount' | 'expectedChapters'> }) {
  return (
    <>
      <dt>Status:</dt>
      <dd>{isComplete(work) ? 'Complete' : 'Work in progress'}</dd>
    </>
  );
}

/** Chapter actions for the work's header, as list items for its actions list. */
export function ChapterActionItems({ workId, chapterCount }: { workId: number; chapterCount: number }) {
  return (
    <>
      <li><a class="button" href={`/works/${workId}/chapters/new`}>Add chapter</a></li>
      {chapterCount > 1 ? <li><a class="button" href={`/works/${workId}/chapters/order`}>Reorder chapters</a></li> : null}
    </>
  );
}
