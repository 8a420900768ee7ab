import { makeParagraph, type Paragraph } from '../paragraph.ts';

/** Windows and old Mac line endings become '\n'; a leading byte-order mark goes. Nothing else is normalised. */
export function normalizeText(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** A line holding only whitespace (spaces, tabs, NBSP, stray BOMs) is blank. */
const isBlank = (line: string) => line.trim().length === 0;

/** A whole paragraph wrapped in *…* or _…_ (each line, for a multi-line one): the plain-text way to write italics. */
export function isMarkedItalic(text: string): boolean {
  return text.split('\n').every((line) => /^\*[^*\s](?:.*[^*\s])?\*$|^\*[^*\s]\*$|^_[^_\s](?:.*[^_\s])?_$/u.test(line));
}

/** Plain text: blank lines separate paragraphs; their number is the gap before the next paragraph. */
export function textParagraphs(raw: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let lines: string[] = [];
  let gap = 0;
  const flush = () => {
    if (lines.length === 0) return;
    const text = lines.join('\n');
    paragraphs.push(makeParagraph(text, gap, isMarkedItalic(makeParagraph(text, 0).text)));
    lines = [];
    gap = 0;
  };
  for (const line of normalizeText(raw).split('\n')) {
    if (isBlank(line)) {
      flush();
      gap += 1;
    } else {
      lines.push(line);
    }
  }
  flush();
  return paragraphs;
}
