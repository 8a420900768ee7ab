import type { WorkTags } from '../tags/tags.model.ts';
import type { SongCredit } from '../songs/songs.model.ts';
import type { CommentSettings } from '../comments/comments.model.ts';

/** A creator as the creators-JSON subqueries return it (works and series alike). */
export interface CreatorJson {
  pseud_id: number;
  pseud_name: string;
  user_id: number;
  username: string;
}

export const toCreator = (c: CreatorJson): Creator => ({ pseudId: c.pseud_id, pseudName: c.pseud_name, userId: c.user_id, username: c.username });

/** A pseud credited on a work, with the account behind it. */
export interface Creator {
  pseudId: number;
  pseudName: string;
  userId: number;
  username: string;
}

export interface WorkSummary {
  id: number;
  title: string;
  summary: string;
  wordCount: number;
  chapterCount: number;
  expectedChapters: number | null;
  publishedAt: Date;
  revisedAt: Date;
  creators: Creator[];
  tags: WorkTags;
  language: string;
  /** False while the work is a draft. */
  posted: boolean;
  /** Members-only. */
  restricted: boolean;
  songs: SongCredit[];
}

export const isComplete = (work: Pick<WorkSummary, 'chapterCount' | 'expectedChapters'>) =>
  work.expectedChapters !== null && work.chapterCount >= work.expectedChapters;

export interface Chapter {
  id: number;
  position: number;
  title: string;
  summary: string;
  notes: string;
  endNotes: string;
  body: string;
  wordCount: number;
  publishedAt: Date;
  /** The version the edit form carries, so a stale save is refused. */
  lockVersion: number;
}

export interface Work extends WorkSummary {
  notes: string;
  endNotes: string;
  /** Comment settings (features/comments). */
  comments: CommentSettings;
}

/** Sanitized HTML fields of a work's (or a chapter's) text, ready to store. */
export interface WorkContent {
  title: string;
  summary: string;
  notes: string;
  endNotes: string;
  body: string;
  wordCount: number;
}
