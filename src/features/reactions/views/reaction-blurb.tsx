import type { ComponentChildren } from 'preact';
import { DateTime, formatCount, SanitizedHtml } from '../../../platform/views/format.tsx';
import { FandomLine, RequiredTags } from '../../tags/views/work-tags.tsx';
import { isComplete, type WorkSummary } from '../../works/works.model.ts';
import { Creators } from '../../works/views/creators.tsx';
import { chapterProgress } from '../../works/views/work-blurb.tsx';

/**
 * A work in a member's bookmarks, history or "later" list: a short blurb (title, creators,
 * fandoms, required tags, summary, words) followed by what the list says about it (`children`).
 */
export function ReactionWorkBlurb({ work, idPrefix, hideTags, children }: { work: WorkSummary; idPrefix: string; hideTags: boolean; children?: ComponentChildren }) {
  const headingId = `${idPrefix}-${work.id}-title`;
  return (
    <li class="blurb" aria-labelledby={headingId}>
      <h3 class="blurb-heading" id={headingId}>
        <a href={`/works/${work.id}`}>{work.title}</a>
        <span class="byline"> by <Creators creators={work.creators} /></span>
      </h3>
      <FandomLine tags={work.tags} />
      {hideTags ? null : <RequiredTags tags={work.tags} complete={isComplete(work)} />}
      <p class="blurb-date">
        Updated <DateTime date={work.revisedAt} />
        {work.restricted ? <span class="badge">Members only</span> : null}
      </p>
      {work.summary ? <SanitizedHtml class="userstuff summary" html={work.summary} /> : null}
      <dl class="stats">
        <dt>Words:</dt>
        <dd>{formatCount(work.wordCount)}</dd>
        <dt>Chapters:</dt>
        <dd>{chapterProgress(work)}</dd>
      </dl>
      {children}
    </li>
  );
}
