/**
 * The detector's one intermediate form. Every source (text, Markdown, HTML, DOCX) becomes a list
 * of paragraphs; everything after that is format-independent. These paragraphs are what the
 * fidelity rule talks about: each one ends up exactly once in the draft.
 */
export type ParagraphKind = 'text' | 'break' | 'heading';

/** What a structured source (an AO3 download, say) already knows about a paragraph. */
export type ParagraphHint = 'title' | 'summary' | 'notes' | 'endNotes' | 'chapterTitle';

export interface Paragraph {
  /** Trimmed text; line breaks inside the paragraph are '\n', each line trimmed. '' only for an <hr>. */
  text: string;
  kind: ParagraphKind;
  /** Blank lines (or empty HTML paragraphs) before it: a wider gap separates stanzas from prose. */
  gapBefore: number;
  /** The whole paragraph is emphasised: <em>/<i>, or *…* / _…_ in Markdown. */
  italic: boolean;
  hint?: ParagraphHint;
}

/**
 * Trims each line and drops whitespace-only lines (an HTML paragraph can hold `<br>&emsp;<br>`),
 * keeping every other character.
 */
export function tidyParagraph(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * Scene-break markers, written alone on a line: * * *, ***, ---, ___, xXx, ~*~, ~~~, ###, o0o, +++, = = =.
 * Checked on the trimmed paragraph, so the same paragraph is always a break, whatever its context.
 */
const BREAK_MARKER = /^(?:[*~\-_=#+•·.oO0xX]\s*){3,}$|^~\s*\*\s*~$|^[xX]+[oO0]*[xX]+$|^(?:~\s*){1,}\*(?:\s*~)+$/u;

export function isBreakMarker(text: string): boolean {
  const t = text.trim();
  if (t.length === 0 || t.length > 40 || t.includes('\n')) return false;
  if (/[a-wyzA-WYZ]/.test(t.replace(/[oO]/g, ''))) return false;
  return BREAK_MARKER.test(t);
}

export function makeParagraph(text: string, gapBefore: number, italic = false, hint?: ParagraphHint): Paragraph {
  const tidy = tidyParagraph(text);
  const kind: ParagraphKind = isBreakMarker(tidy) ? 'break' : 'text';
  return hint ? { text: tidy, kind, gapBefore, italic, hint } : { text: tidy, kind, gapBefore, italic };
}
