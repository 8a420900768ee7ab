const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => escapes[ch] ?? ch);
}

/** Normalises line endings and strips a byte-order mark, which pasted text often carries. */
export function normalizeNewlines(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/**
 * Turns pasted plain text into HTML paragraphs: a blank line starts a new
 * paragraph, a single line break stays a line break. Every character is kept.
 */
export function plainTextToHtml(text: string): string {
  return normalizeNewlines(text)
    .split(/\n[ \t\u00A0]*\n\s*/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph.length > 0)
    .map((paragraph) => `<p>${paragraph.split('\n').map(escapeHtml).join('<br />\n')}</p>`)
    .join('\n');
}
