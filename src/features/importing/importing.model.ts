/**
 * The shape an import produces: a structured draft, exactly the JSON that `quire import --json`
 * prints (issue 5). The detector fills everything but `suggestedTags`, which the tag suggester
 * (it needs the archive's tags, so it lives outside this pure module) adds later.
 */
export type ImportFormat = 'text' | 'html' | 'docx' | 'md';
export const IMPORT_FORMATS: readonly ImportFormat[] = ['text', 'html', 'docx', 'md'];

export type Block = { kind: 'prose'; text: string } | { kind: 'lyrics'; lines: string[] } | { kind: 'break' };

export interface ImportedChapter {
  title: string | null;
  blocks: Block[];
}

export interface SongCredit {
  title: string | null;
  artist: string | null;
}

export interface SuggestedTag {
  type: 'fandom' | 'character' | 'relationship' | 'freeform';
  name: string;
  evidence: string;
}

export interface SuggestedWarning {
  name: string;
  evidence: string[];
}

export interface ImportedWork {
  title: string | null;
  summary: string | null;
  notes: { beginning: string | null; end: string | null };
  disclaimer: string | null;
  songs: SongCredit[];
  chapters: ImportedChapter[];
  wordCount: number;
  suggestedTags: SuggestedTag[];
  suggestedWarnings: SuggestedWarning[];
}
