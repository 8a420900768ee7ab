import { Layout } from '../../../platform/views/layout.tsx';
import { CsrfField } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import type { Work } from '../../works/works.model.ts';
import { chapterLabel, type ChapterHeading } from '../chapters.model.ts';
import { ONLY_CHAPTER_MESSAGE } from '../chapter-fields.ts';
import { chapterUrl } from './chapter-nav.tsx';

export function DeleteChapterPage({ ctx, work, chapter }: { ctx: PageContext; work: Pick<Work, 'id' | 'title' | 'chapterCount'>; chapter: ChapterHeading }) {
  const label = chapterLabel(chapter);
  if (work.chapterCount <= 1) {
    return (
      <Layout ctx={ctx} title={`Can't delete ${label}`}>
        <h1>This chapter can't be deleted</h1>
        <p>{ONLY_CHAPTER_MESSAGE}</p>
        <p class="form-actions">
          <a href={`/works/${work.id}/delete`}>Delete the whole work</a>
          <a href={`/works/${work.id}`}>Back to the work</a>
        </p>
      </Layout>
    );
  }
  return (
    <Layout ctx={ctx} title={`Delete ${label} of ${work.title}`}>
      <h1>Delete {label} of “{work.title}”?</h1>
      <p>This removes the chapter for good; the chapters after it move up one place. It can't be undone.</p>
      <form method="post" action={`${chapterUrl(work.id, chapter.id)}/delete`} class="form-actions">
        <CsrfField ctx={ctx} />
        <button type="submit" class="button-danger">Yes, delete this chapter</button>
        <a href={chapterUrl(work.id, chapter.id)}>No, keep it</a>
      </form>
    </Layout>
  );
}
