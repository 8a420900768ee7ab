import { DomUtils, parseDocument } from 'htmlparser2';
import type { Element } from 'domhandler';
import { countLyricLines, isLyricBlock, LYRICS_CLASS } from '../../platform/text/lyric-blocks.ts';
import type { ReaderPreferences } from '../preferences/preferences.model.ts';

export const hasLyrics = (html: string) => html.includes(`class="${LYRICS_CLASS}"`);

/**
 * Folds each lyric block of sanitized HTML into
 * `<details class="lyrics-collapsed"><summary>Lyrics (N lines)</summary>…</details>`,
 * at render time, so it opens without JavaScript. The summary is our own text, and
 * the block itself is re-serialized from the parsed sanitizer output, escaped again.
 */
export function collapseLyrics(html: string): string {
  if (!hasLyrics(html)) return html;
  const document = parseDocument(html);
  for (const block of DomUtils.findAll(isLyricBlock, document.children)) {
    const lines = countLyricLines(block);
    const label = `Lyrics (${lines} ${lines === 1 ? 'line' : 'lines'})`;
    // The markup parsed here is ours and is exactly one element.
    const details = parseDocument(`<details class="lyrics-collapsed"><summary>${label}</summary></details>`).children[0] as Element;
    DomUtils.replaceElement(block, details);
    DomUtils.appendChild(details, block);
  }
  return DomUtils.getOuterHTML(document, { encodeEntities: 'utf8' });
}

/** Work text as this reader wants it: with lyrics folded when they chose "Hide lyrics". */
export function lyricsForReader(preferences: ReaderPreferences, html: string): string {
  return preferences.hideLyrics ? collapseLyrics(html) : html;
}
