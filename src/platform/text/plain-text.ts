const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => escapes[ch] ?? ch);
}

/** Normalises line endings and strips a byte-order mark, which pasted text often carries. */
export function normalizeNewlines(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

const BLANK_LINE = /\n[ \t\u00A0]*\n\s*/;

function proseToHtml(text: string): string[] {
  return text
    .split(BLANK_LINE)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => `<p>${paragraph.split('\n').map(escapeHtml).join('<br />\n')}</p>`);
}

/** A lyric block in the shape the sanitizer keeps (platform/text/lyric-blocks.ts): a <p> per stanza, <br /> between lines. */
function lyricsToHtml(text: string): string[] {
  const stanzas = text
    .split(BLANK_LINE)
    .map((stanza) => stanza.trim())
    .filter((stanza) => stanza.length > 0)
    .map((stanza) => `<p>${stanza.split('\n').map((line) => escapeHtml(line.trim())).join('<br />\n')}</p>`);
  return stanzas.length === 0 ? [] : [`<blockquote class="lyrics">\n${stanzas.join('\n')}\n</blockquote>`];
}

/** The plain-text way to write song lyrics: lines between a line `~~~lyrics` and a line `~~~`. */
export const LYRICS_FENCE_OPEN = '~~~lyrics';
export const LYRICS_FENCE_CLOSE = '~~~';
const fenceOpen = /^[ \t]*~~~[ \t]*lyrics[ \t]*$/i;
const fenceClose = /^[ \t]*~~~[ \t]*$/;

type Segment = { lyrics: boolean; text: string };

/** Splits text into prose and lyric segments. A fence left open runs to the end of the text. */
function segments(text: string): Segment[] {
  const result: Segment[] = [];
  let current: Segment = { lyrics: false, text: '' };
  for (const line of text.split('\n')) {
    const fence = current.lyrics ? fenceClose : fenceOpen;
    if (fence.test(line)) {
      result.push(current);
      current = { lyrics: !current.lyrics, text: '' };
    } else {
      current.text += `${line}\n`;
    }
  }
  result.push(current);
  return result;
}

/**
 * Turns pasted plain text into HTML paragraphs: a blank line starts a new
 * paragraph, a single line break stays a line break. Lines between `~~~lyrics`
 * and `~~~` become a lyric block, with a blank line between stanzas. Every
 * character of the text is kept; only the fence lines are taken as markup.
 */
export function plainTextToHtml(text: string): string {
  return segments(normalizeNewlines(text))
    .flatMap((segment) => (segment.lyrics ? lyricsToHtml(segment.text) : proseToHtml(segment.text)))
    .join('\n');
}
