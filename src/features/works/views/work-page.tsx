import { Layout } from '../../../platform/views/layout.tsx';
import { DateTime, formatCount, SanitizedHtml } from '../../../platform/views/format.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { Chapter, Work } from '../works.model.ts';
import { Creators } from './creators.tsx';
import { chapterProgress } from './work-blurb.tsx';
import { SeriesNav } from '../../series/views/series-nav.tsx';
import type { SeriesPlace } from '../../series/series.model.ts';
import { CreatorTools } from '../../creatorships/views/creator-tools.tsx';

interface Props {
  ctx: PageContext;
  work: Work;
  chapter: Chapter | undefined;
  canEdit: boolean;
  /** The series this work is in, for "Part N of …" links. */
  seriesPlaces?: SeriesPlace[];
}

function Notes({ heading, html, id }: { heading: string; html: string; id: string }) {
  if (!html) return null;
  return (
    <section class="notes" aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      <SanitizedHtml class="userstuff" html={html} />
    </section>
  );
}

export function WorkPage({ ctx, work, chapter, canEdit, seriesPlaces }: Props) {
  return (
    <Layout ctx={ctx} title={work.title}>
      <article class="work">
        <header class="work-header">
          <h1>{work.title}</h1>
          <p class="byline">
            by <Creators creators={work.creators} />
          </p>
          <dl class="stats">
            <dt>Published:</dt>
            <dd><DateTime date={work.publishedAt} /></dd>
            <dt>Updated:</dt>
            <dd><DateTime date={work.revisedAt} /></dd>
            <dt>Words:</dt>
            <dd>{formatCount(work.wordCount)}</dd>
            <dt>Chapters:</dt>
            <dd>{chapterProgress(work)}</dd>
          </dl>
          {canEdit ? (
            <ul class="actions" aria-label="Work actions">
              <li><a class="button" href={`/works/${work.id}/edit`}>Edit</a></li>
              <li><a class="button button-danger" href={`/works/${work.id}/delete`}>Delete</a></li>
            </ul>
          ) : null}
          <CreatorTools workId={work.id} canEdit={canEdit} />
          <SeriesNav places={seriesPlaces} />
        </header>
        {work.summary ? (
          <section class="summary" aria-labelledby="summary-heading">
            <h2 id="summary-heading">Summary</h2>
            <SanitizedHtml class="userstuff" html={work.summary} />
          </section>
        ) : null}
        <Notes heading="Notes" html={work.notes} id="notes-heading" />
        <section class="chapter" aria-label="Work text">
          {chapter ? <SanitizedHtml class="userstuff chapter-text" html={chapter.body} /> : <p>This work has no text yet.</p>}
        </section>
        <Notes heading="End notes" html={work.endNotes} id="end-notes-heading" />
      </article>
    </Layout>
  );
}
