import { Layout } from '../../../platform/views/layout.tsx';
import { DateTime, formatCount, SanitizedHtml } from '../../../platform/views/format.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { Work } from '../works.model.ts';
import { CsrfField } from '../../../platform/views/forms.tsx';
import { WorkTagBlock } from '../../tags/views/work-tags.tsx';
import { languageName } from '../languages.ts';
import type { Reading } from '../../chapters/chapters.model.ts';
import { ChapterActionItems, CompletionStat } from '../../chapters/views/progress.tsx';
import { readingTitle, showsWorkEndNotes, showsWorkNotes, WorkText } from '../../chapters/views/work-text.tsx';
import { Creators } from './creators.tsx';
import { chapterProgress } from './work-blurb.tsx';
import { lyricsForReader } from '../../songs/collapse-lyrics.ts';
import { LyricsToggle } from '../../songs/views/lyrics-toggle.tsx';
import { SongCredits } from '../../songs/views/song-credits.tsx';
import { SeriesNav } from '../../series/views/series-nav.tsx';
import type { SeriesPlace } from '../../series/series.model.ts';
import { CreatorTools } from '../../creatorships/views/creator-tools.tsx';
import { CommentsSection, type CommentsSectionData } from '../../comments/views/comments-section.tsx';
import { SubscribeButton } from '../../notifications/views/subscribe-button.tsx';
import type { SubscribeButtonState } from '../../notifications/notifications.model.ts';
import { ReactionStats, ReaderActions, WorkKudos } from '../../reactions/views/work-reactions.tsx';
import type { WorkReactions } from '../../reactions/work-reactions.ts';

interface Props {
  ctx: PageContext;
  work: Work;
  /** One chapter with the chapter index, or the whole work. */
  reading: Reading;
  canEdit: boolean;
  /** The series this work is in, for "Part N of …" links. */
  seriesPlaces?: SeriesPlace[];
  /** The comments under the work (features/comments). */
  comments?: CommentsSectionData;
  /** The viewer's Subscribe / Unsubscribe button; null for guests and creators. */
  subscription?: SubscribeButtonState;
  /** Kudos, bookmarks and "later" (features/reactions). */
  reactions?: WorkReactions;
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

function DraftNotice({ ctx, work }: { ctx: PageContext; work: Work }) {
  return (
    <div class="notice draft-notice" role="status">
      <p>
        <strong>This is a draft.</strong> Only you and your co-creators can see it until you post it.
      </p>
      <div class="form-actions">
        <form method="post" action={`/works/${work.id}/post`} class="inline-form">
          <CsrfField ctx={ctx} />
          <button type="submit">Post it now</button>
        </form>
        <a href={`/works/${work.id}/edit`}>Edit</a>
      </div>
    </div>
  );
}

/** The text on this page, to tell whether it has lyrics to fold. */
const readingBodies = (reading: Reading): string =>
  reading.view === 'full' ? reading.chapters.map((chapter) => chapter.body).join('\n') : (reading.chapter?.body ?? '');

export function WorkPage({ ctx, work, reading, canEdit, seriesPlaces, comments, subscription = null, reactions }: Props) {
  const access = work.restricted ? 'Members only' : 'Everyone';
  const tagBlock = <WorkTagBlock tags={work.tags} extra={[{ label: 'Language', value: languageName(work.language) }, { label: 'Visible to', value: access }]} />;
  return (
    <Layout ctx={ctx} title={readingTitle(work.title, reading)} islands={reactions?.canGiveKudos === true}>
      {!work.posted && canEdit ? <DraftNotice ctx={ctx} work={work} /> : null}
      <article class="work">
        {ctx.preferences.hideTags ? (
          <details class="spoiler-fold">
            <summary>Show tags and warnings</summary>
            {tagBlock}
          </details>
        ) : (
          tagBlock
        )}
        <header class="work-header">
          <h1 lang={work.language}>{work.title}</h1>
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
            <CompletionStat work={work} />
            <ReactionStats reactions={reactions} />
          </dl>
          <SongCredits songs={work.songs} />
          {canEdit ? (
            <ul class="actions" aria-label="Work actions">
              <li><a class="button" href={`/works/${work.id}/edit`}>Edit</a></li>
              <ChapterActionItems workId={work.id} chapterCount={work.chapterCount} />
              <li><a class="button" href={`/works/${work.id}/stats`}>Statistics</a></li>
              <li><a class="button button-danger" href={`/works/${work.id}/delete`}>Delete</a></li>
            </ul>
          ) : null}
          <CreatorTools workId={work.id} canEdit={canEdit} />
          <SubscribeButton ctx={ctx} state={subscription} />
          <SeriesNav places={seriesPlaces} />
          <ReaderActions ctx={ctx} reactions={reactions} posted={work.posted} />
        </header>
        {work.summary ? (
          <section class="summary" aria-labelledby="summary-heading">
            <h2 id="summary-heading">Summary</h2>
            <SanitizedHtml class="userstuff" html={work.summary} />
          </section>
        ) : null}
        {showsWorkNotes(reading) ? <Notes heading="Notes" html={work.notes} id="notes-heading" /> : null}
        <LyricsToggle ctx={ctx} html={readingBodies(reading)} returnTo={ctx.path} />
        <div class="work-text" lang={work.language}>
          <WorkText work={work} reading={reading} canEdit={canEdit} showBody={(html) => lyricsForReader(ctx.preferences, html)} />
        </div>
        {showsWorkEndNotes(reading) ? <Notes heading="End notes" html={work.endNotes} id="end-notes-heading" /> : null}
        <WorkKudos ctx={ctx} reactions={reactions} posted={work.posted} />
      </article>
      {comments ? <CommentsSection ctx={ctx} work={work} section={comments} /> : null}
    </Layout>
  );
}
