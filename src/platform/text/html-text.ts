import { parseDocument } from 'htmlparser2';
import { textContent } from 'domutils';

const blockBoundary = /<\/?(p|div|br|h[1-6]|li|blockquote|tr|td|th|dd|dt|hr|pre|figcaption|caption)\b[^>]*>/gi;

/** The readable text of an HTML fragment, with block boundaries kept as spaces so words don't run together. */
export function htmlToText(html: string): string {
  return textContent(parseDocument(html.replace(blockBoundary, (tag) => `${tag} `)));
}
