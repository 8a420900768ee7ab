import type { ComponentChildren } from 'preact';
import { DateTime, formatCount, SanitizedHtml } from '../../../platform/views/format.tsx';
import { BlurbTags, FandomLine, RequiredTags } from '../../tags/views/work-tags.tsx';
import { isComplete, type WorkSummary } from '../works.model.ts';
import { Creators } from './creators.tsx';
import { CompletionStat } from '../../chapters/views/progress.tsx';
import { SongCredits } from '../../songs/views/song-credits.tsx';

export function chapterProgress(work: Pick<WorkSummary, 'chapterCount' | 'expectedChapters'>): string {
  return `${work.chapterCount}/${work.expectedChapters ?? '?'}`;
}

/** Tags and warnings, folded behind a click for readers who asked not to be spoiled. */
function SpoilerFold({ hidden, children }: { hidden: boolean; children: ComponentChildren }) {
  if (!hidden) return <>{children}</>;
  return (
    <details class="spoiler-fold">
      <summary>Show tags and warnings</summary>
      {children}
    </details>
  );
}

export function WorkBlurb({ work, hideTags = false }: { work: WorkSummary; hideTags?: boolean }) {
  const headingId = `work-${work.id}-title`;
  return (
    <li class="blurb" aria-labelledby={headingId}>
      <h3 class="blurb-heading" id={headingId}>
        <a href={`/works/${work.id}`}>{work.title}</a>
        <span class="byline"> by <Creators creators={work.creators} /></span>
      </h3>
      <FandomLine tags={work.tags} />
      <SpoilerFold hidden={hideTags}>
        <RequiredTags tags={work.tags} complete={isComplete(work)} />
      </SpoilerFold>
      <p class="blurb-date">
        Updated <DateTime date={work.revisedAt} />
        {work.restricted ? <span class="badge">Members only</span> : null}
        {!work.posted ? <span class="badge">Draft</span> : null}
      </p>
      <SpoilerFold hidden={hideTags}>
        <BlurbTags tags={work.tags} />
      </SpoilerFold>
      {work.summary ? <SanitizedHtml class="userstuff summary" html={work.summary} /> : null}
      <SongCredits songs={work.songs} />
      <dl class="stats">
        <dt>Words:</dt>
        <dd>{formatCount(work.wordCount)}</dd>
        <dt>Chapters:</dt>
        <dd>{chapterProgress(work)}</dd>
        <CompletionStat work={work} />
      </dl>
    </li>
  );
}

export function WorkList({ works, empty, hideTags = false }: { works: WorkSummary[]; empty: string; hideTags?: boolean }) {
  if (works.length === 0) return <p class="empty">{empty}</p>;
  return (
    <ol class="work-list">
      {works.map((work) => (
        <WorkBlurb key={work.id} work={work} hideTags={hideTags} />
      ))}
    </ol>
  );
}
