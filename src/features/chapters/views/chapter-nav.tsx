import { chapterLabel, type ChapterHeading } from '../chapters.model.ts';

export const chapterUrl = (workId: number, chapterId: number) => `/works/${workId}/chapters/${chapterId}`;

/** Jump to any chapter: a plain GET form, so it works without JavaScript (the server redirects). */
export function ChapterJump({ workId, index, current }: { workId: number; index: ChapterHeading[]; current?: number }) {
  return (
    <form method="get" action={`/works/${workId}/chapters`} class="chapter-jump">
      <label for="chapter-jump">Go to chapter</label>
      <select id="chapter-jump" name="chapter_id">
        {index.map((chapter) => (
          <option key={chapter.id} value={String(chapter.id)} selected={chapter.id === current}>
            {chapterLabel(chapter)}
          </option>
        ))}
      </select>
      <button type="submit">Go</button>
    </form>
  );
}
