import { escapeHtml } from '../../platform/text/plain-text.ts';
import type { Block } from './importing.model.ts';

/**
 * An imported work's text as the HTML a writer would paste into the posting form, before the
 * sanitizer: prose paragraphs as `<p>` (a line break inside stays a `<br />`), lyric stanzas in
 * the one lyric-block shape (ARCHITECTURE.md, "Songfics": a `blockquote.lyrics` with a `<p>` per
 * stanza — consecutive stanzas share one block), scene breaks as `<hr />`. Every character is
 * escaped: the imported text is text, never markup.
 */
const lines = (text: string) => text.split('\n').map(escapeHtml).join('<br />\n');

export function blocksToHtml(blocks: Block[]): string {
  const html: string[] = [];
  let stanzas: string[] = [];
  const closeLyrics = () => {
    if (stanzas.length > 0) html.push(`<blockquote class="lyrics">\n${stanzas.join('\n')}\n</blockquote>`);
    stanzas = [];
  };
  for (const block of blocks) {
    if (block.kind === 'lyrics') {
      stanzas.push(`<p>${lines(block.lines.join('\n'))}</p>`);
      continue;
    }
    closeLyrics();
    html.push(block.kind === 'prose' ? `<p>${lines(block.text)}</p>` : '<hr />');
  }
  closeLyrics();
  return html.join('\n');
}

/** Notes and summaries: a blank line separates paragraphs. */
export function textToHtml(text: string | null): string {
  if (!text) return '';
  return text
    .split(/\n\s*\n/u)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${lines(paragraph)}</p>`)
    .join('\n');
}
