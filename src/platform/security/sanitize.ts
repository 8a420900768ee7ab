import sanitizeHtml from 'sanitize-html';
import { LYRICS_CLASS, normalizeLyricBlocks } from '../text/lyric-blocks.ts';

/**
 * The one sanitizer for every piece of user HTML: work text, summaries, notes,
 * and later comments, profiles and skins. The allowlist follows AO3's.
 */
const allowedTags = [
  'a', 'abbr', 'acronym', 'address', 'b', 'big', 'blockquote', 'br', 'caption', 'center', 'cite', 'code',
  'col', 'colgroup', 'dd', 'del', 'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'ol', 'p', 'pre', 'q', 'rp',
  'rt', 'ruby', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'summary', 'sup', 'table',
  'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'tt', 'u', 'ul', 'var',
];

const options: sanitizeHtml.IOptions = {
  allowedTags,
  allowedAttributes: {
    '*': ['align', 'dir', 'lang', 'title'],
    a: ['href'],
    img: ['src', 'alt', 'width', 'height'],
  },
  // The one class a writer may use: lyric stanzas (see platform/text/lyric-blocks.ts). Every other class is stripped.
  allowedClasses: { blockquote: [LYRICS_CLASS] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'template'],
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'nofollow ugc' } }),
    img: (tagName, attribs) => {
      // Images load over https only; a relative or http source is dropped, and the image with it.
      const { src, ...rest } = attribs;
      return { tagName, attribs: src && /^https:\/\//i.test(src) ? { ...rest, src } : rest };
    },
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

// rel is set by transformTags, after the allowlist has stripped any rel the user wrote.
options.allowedAttributes = { ...(options.allowedAttributes as Record<string, string[]>), a: ['href', 'rel'] };

/**
 * Sanitizes, then puts lyric blocks into their one shape. That rewrite serializes
 * HTML by hand, so its output goes through the allowlist once more.
 */
export function sanitizeUserHtml(html: string): string {
  const clean = sanitizeHtml(html, options);
  if (!clean.includes(`class="${LYRICS_CLASS}"`)) return clean.trim();
  return sanitizeHtml(normalizeLyricBlocks(clean), options).trim();
}
