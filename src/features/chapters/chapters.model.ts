import type { WorkContent } from '../works/works.model.ts';
import type { Chapter } from '../works/works.model.ts';

export type { Chapter };

/** What the chapter index and navigation need to know about every chapter, without its text. */
export interface ChapterHeading {
  id: number;
  position: number;
  title: string;
  wordCount: number;
  publishedAt: Date;
}

/** How a reader is reading a work: one chapter (with the index for navigation), or the whole work. */
export type Reading =
  | { view: 'chapter'; index: ChapterHeading[]; chapter: Chapter | undefined }
  | { view: 'full'; index: ChapterHeading[]; chapters: Chapter[] };

/** Sanitized fields of one chapter, ready to store: the same fields a work's text has. */
export type ChapterContent = WorkContent;

/** "Chapter 2: The Storm", or "Chapter 2" when it has no title. */
export function chapterLabel(chapter: Pick<ChapterHeading, 'position' | 'title'>): string {
  return chapter.title ? `Chapter ${chapter.position}: ${chapter.title}` : `Chapter ${chapter.position}`;
}
