import { SanitizedHtml } from '../../../platform/views/format.tsx';
import type { Work } from '../../works/works.model.ts';
import { chapterLabel, type Chapter, type ChapterHeading, type Reading } from '../chapters.model.ts';
import { ChapterJump, chapterUrl } from './chapter-nav.tsx';

/** Work notes open the first chapter and the whole work; end notes close the last chapter and the whole work. */
export function showsWorkNotes(reading: Reading): boolean {
  return reading.view === 'full' || (reading.chapter?.position ?? 1) === 1;
}

export function showsWorkEndNotes(reading: Reading): boolean {
  return reading.view === 'full' || (reading.chapter?.position ?? 1) >= reading.index.length;
}

/** Distinct page titles for each chapter and the whole work, for tabs, history and screen readers. */
export function readingTitle(title: string, reading: Reading): string {
  if (reading.index.length <= 1) return title;
  if (reading.view === 'full') return `${title} (entire work)`;
  return reading.chapter ? `${title}, ${chapterLabel(reading.chapter)}` : title;
}

/** A heading, not a landmark: the entire work repeats these once per chapter, and landmarks need unique names. */
function ChapterNotes({ heading, html, id, level = 3 }: { heading: string; html: string; id: string; level?: 2 | 3 }) {
  if (!html) return null;
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <div class="notes">
      <Heading id={id}>{heading}</Heading>
      <SanitizedHtml class="userstuff" html={html} />
    </div>
  );
}

function ChapterActions({ workId, chapter }: { workId: number; chapter: ChapterHeading }) {
  return (
    <ul class="actions" aria-label={`${chapterLabel(chapter)}: actions`}>
      <li><a class="button" href={`${chapterUrl(workId, chapter.id)}/edit`}>Edit chapter</a></li>
      <li><a class="button button-danger" href={`${chapterUrl(workId, chapter.id)}/delete`}>Delete chapter</a></li>
    </ul>
  );
}

/** Turns a chapter's stored HTML into what this reader sees (for example with lyrics folded). */
type ShowBody = (html: string) => string;

/** One chapter of a multi-chapter work: its heading, summary, notes, text and end notes. */
function ChapterSection({ workId, chapter, canEdit, showBody }: { workId: number; chapter: Chapter; canEdit: boolean; showBody: ShowBody }) {
  const id = `chapter-${chapter.position}`;
  return (
    <section class="chapter" id={id} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} class="chapter-heading">{chapterLabel(chapter)}</h2>
      {canEdit ? <ChapterActions workId={workId} chapter={chapter} /> : null}
      <ChapterNotes heading="Chapter summary" html={chapter.summary} id={`${id}-summary`} />
      <ChapterNotes heading="Chapter notes" html={chapter.notes} id={`${id}-notes`} />
      <SanitizedHtml class="userstuff chapter-text" html={showBody(chapter.body)} />
      <ChapterNotes heading="Chapter end notes" html={chapter.endNotes} id={`${id}-end-notes`} />
    </section>
  );
}

/** A one-chapter work reads as it always has: just the text, under the work's own headings. */
function SingleChapter({ chapter, showBody }: { chapter: Chapter | undefined; showBody: ShowBody }) {
  if (!chapter) return <section class="chapter" aria-label="Work text"><p>This work has no text yet.</p></section>;
  return (
    <>
      <ChapterNotes heading="Chapter summary" html={chapter.summary} id="chapter-summary" level={2} />
      <ChapterNotes heading="Chapter notes" html={chapter.notes} id="chapter-notes" level={2} />
      <section class="chapter" aria-label="Work text">
        <SanitizedHtml class="userstuff chapter-text" html={showBody(chapter.body)} />
      </section>
      <ChapterNotes heading="Chapter end notes" html={chapter.endNotes} id="chapter-end-notes" level={2} />
    </>
  );
}

function PrevNext({ workId, index, current, label }: { workId: number; index: ChapterHeading[]; current: Chapter; label: string }) {
  const prev = index.find((c) => c.position === current.position - 1);
  const next = index.find((c) => c.position === current.position + 1);
  return (
    <nav class="chapter-nav" aria-label={label}>
      <ul class="chapter-links">
        {prev ? <li><a rel="prev" href={chapterUrl(workId, prev.id)}>← Previous chapter</a></li> : null}
        {next ? <li><a rel="next" href={chapterUrl(workId, next.id)}>Next chapter →</a></li> : null}
        <li><a href={`/works/${workId}?view=full`}>Entire work</a></li>
      </ul>
    </nav>
  );
}

/** The text of the work as the reader asked for it, with chapter navigation when there is more than one chapter. */
export function WorkText({ work, reading, canEdit, showBody = (html) => html }: { work: Pick<Work, 'id'>; reading: Reading; canEdit: boolean; showBody?: ShowBody }) {
  if (reading.view === 'full') {
    if (reading.chapters.length <= 1) return <SingleChapter chapter={reading.chapters[0]} showBody={showBody} />;
    return (
      <>
        <nav class="chapter-nav" aria-label="Chapters">
          <ul class="chapter-links">
            <li><a href={`/works/${work.id}`}>Read chapter by chapter</a></li>
            <li><a href={`/works/${work.id}/chapters`}>Chapter index</a></li>
          </ul>
        </nav>
        {reading.chapters.map((chapter) => <ChapterSection key={chapter.id} workId={work.id} chapter={chapter} canEdit={canEdit} showBody={showBody} />)}
      </>
    );
  }
  const { chapter, index } = reading;
  if (!chapter || index.length <= 1) return <SingleChapter chapter={chapter} showBody={showBody} />;
  return (
    <>
      <div class="chapter-nav-top">
        <PrevNext workId={work.id} index={index} current={chapter} label="Chapters" />
        <ChapterJump workId={work.id} index={index} current={chapter.id} />
      </div>
      <ChapterSection workId={work.id} chapter={chapter} canEdit={canEdit} showBody={showBody} />
      <PrevNext workId={work.id} index={index} current={chapter} label="Previous and next chapter" />
    </>
  );
}
