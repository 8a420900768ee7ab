import { DateTime, formatCount, SanitizedHtml } from '../../../platform/views/format.tsx';
import type { WorkSummary } from '../works.model.ts';
import { Creators } from './creators.tsx';
import { SongCredits } from '../../songs/views/song-credits.tsx';

export function chapterProgress(work: Pick<WorkSummary, 'chapterCount' | 'expectedChapters'>): string {
  return `${work.chapterCount}/${work.expectedChapters ?? '?'}`;
}

export function WorkBlurb({ work }: { work: WorkSummary }) {
  const headingId = `work-${work.id}-title`;
  return (
    <li class="blurb" aria-labelledby={headingId}>
      <h3 class="blurb-heading" id={headingId}>
        <a href={`/works/${work.id}`}>{work.title}</a>
        <span class="byline"> by <Creators creators={work.creators} /></span>
      </h3>
      <p class="blurb-date">
        Updated <DateTime date={work.revisedAt} />
      </p>
      {work.summary ? <SanitizedHtml class="userstuff summary" html={work.summary} /> : null}
      <SongCredits songs={work.songs} />
      <dl class="stats">
        <dt>Words:</dt>
        <dd>{formatCount(work.wordCount)}</dd>
        <dt>Chapters:</dt>
        <dd>{chapterProgress(work)}</dd>
      </dl>
    </li>
  );
}

export function WorkList({ works, empty }: { works: WorkSummary[]; empty: string }) {
  if (works.length === 0) return <p class="empty">{empty}</p>;
  return (
    <ol class="work-list">
      {works.map((work) => (
        <WorkBlurb key={work.id} work={work} />
      ))}
    </ol>
  );
}
