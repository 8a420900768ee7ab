import { DateTime, formatCount } from '../../../platform/views/format.tsx';
import { Layout } from '../../../platform/views/layout.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { Work } from '../../works/works.model.ts';
import { chapterLabel, type ChapterHeading } from '../chapters.model.ts';
import { chapterUrl } from './chapter-nav.tsx';

/** Every chapter as a link: the chapter index, readable without JavaScript. */
export function ChapterIndexPage({ ctx, work, index }: { ctx: PageContext; work: Pick<Work, 'id' | 'title'>; index: ChapterHeading[] }) {
  return (
    <Layout ctx={ctx} title={`Chapter index: ${work.title}`}>
      <h1>Chapter index for “<a href={`/works/${work.id}`}>{work.title}</a>”</h1>
      <ol class="chapter-index">
        {index.map((chapter) => (
          <li key={chapter.id}>
            <a href={chapterUrl(work.id, chapter.id)}>{chapterLabel(chapter)}</a>{' '}
            <span class="hint">
              (<DateTime date={chapter.publishedAt} />, {formatCount(chapter.wordCount)} words)
            </span>
          </li>
        ))}
      </ol>
      <p><a href={`/works/${work.id}?view=full`}>Read the entire work</a></p>
    </Layout>
  );
}
