import { DomUtils, ElementType, parseDocument } from 'htmlparser2';
// Types only: domhandler is htmlparser2's node model, and htmlparser2 does not re-export its types.
import type { AnyNode, Element, Text } from 'domhandler';
import { escapeHtml } from './plain-text.ts';

/**
 * Lyric blocks: `<blockquote class="lyrics">` holding one `<p>` per stanza, with
 * `<br />` between the lines of a stanza. Writers type them many ways (bare text
 * with line breaks, one `<p>` per line, `<br><br>` between stanzas); this puts
 * them all into that one shape, so the reader's "Hide lyrics" and later the
 * downloads can rely on it. A lyric block holding anything but paragraphs and
 * inline text (a list, a table, a heading, another blockquote) is not a lyric
 * block: it stays an ordinary blockquote.
 */
export const LYRICS_CLASS = 'lyrics';

const STANZA_TAGS = new Set(['p', 'div']);
const BLOCK_TAGS = new Set([
  'address', 'blockquote', 'caption', 'center', 'col', 'colgroup', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'li', 'ol', 'p', 'pre', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

type Piece = { text: string } | { node: AnyNode };
type Line = Piece[];

const isTag = (node: AnyNode): node is Element => ElementType.isTag(node);
const isText = (node: AnyNode): node is Text => node.type === ElementType.Text;

export function isLyricBlock(node: AnyNode): node is Element {
  return isTag(node) && node.name === 'blockquote' && node.attribs.class === LYRICS_CLASS;
}

const isBlock = (node: AnyNode) => isTag(node) && BLOCK_TAGS.has(node.name);

/** Splits inline content into lines at `<br>` and at newlines in the text; a `<br>` followed by a newline is one break. */
function splitLines(nodes: AnyNode[]): Line[] {
  const lines: Line[] = [[]];
  let afterBreak = false;
  for (const node of nodes) {
    if (isTag(node) && node.name === 'br') {
      lines.push([]);
      afterBreak = true;
    } else if (isText(node)) {
      const data: string = afterBreak ? node.data.replace(/^[ \t]*\n/, '') : node.data;
      const parts = data.split('\n');
      lines[lines.length - 1]!.push({ text: parts[0]! });
      for (const part of parts.slice(1)) lines.push([{ text: part }]);
      afterBreak = afterBreak && /^\s*$/.test(data);
    } else {
      lines[lines.length - 1]!.push({ node });
      afterBreak = false;
    }
  }
  return lines;
}

const isBlankLine = (line: Line) => line.every((piece) => 'text' in piece && piece.text.trim() === '');

function renderLine(line: Line): string {
  const html = line.map((piece) => ('text' in piece ? escapeHtml(piece.text) : DomUtils.getOuterHTML(piece.node, { encodeEntities: 'utf8' }))).join('');
  return html.trim();
}

/** Stanzas (lists of non-blank lines) from inline content: a blank line ends a stanza. */
function stanzasOf(nodes: AnyNode[]): string[][] {
  const stanzas: string[][] = [[]];
  for (const line of splitLines(nodes)) {
    if (isBlankLine(line)) stanzas.push([]);
    else stanzas[stanzas.length - 1]!.push(renderLine(line));
  }
  return stanzas.filter((stanza) => stanza.length > 0);
}

const attributesOf = (element: Element) =>
  Object.entries(element.attribs)
    .map(([name, value]) => ` ${name}="${escapeHtml(value)}"`)
    .join('');

/** The normalized inner HTML of a lyric block, or null when it holds something other than stanzas. */
function normalizedInner(block: Element): string | null {
  const paragraphs: string[] = [];
  let run: AnyNode[] = [];
  const flush = (attributes: string) => {
    for (const stanza of stanzasOf(run)) paragraphs.push(`<p${attributes}>${stanza.join('<br />\n')}</p>`);
    run = [];
  };
  for (const child of block.children) {
    if (isTag(child) && STANZA_TAGS.has(child.name)) {
      if (DomUtils.findOne(isBlock, child.children, true)) return null;
      flush('');
      run = child.children;
      flush(attributesOf(child));
    } else if (isBlock(child) || (isTag(child) && DomUtils.findOne(isBlock, child.children, true))) {
      return null;
    } else {
      run.push(child);
    }
  }
  flush('');
  return paragraphs.length === 0 ? null : `\n${paragraphs.join('\n')}\n`;
}

/**
 * Rewrites every lyric block of already-sanitized HTML into the one shape above.
 * The result must go through the sanitizer again: it is serialized by hand here.
 */
export function normalizeLyricBlocks(html: string): string {
  const document = parseDocument(html);
  for (const block of DomUtils.findAll(isLyricBlock, document.children)) {
    const inner = normalizedInner(block);
    if (inner === null) {
      delete block.attribs.class;
      continue;
    }
    for (const child of [...block.children]) DomUtils.removeElement(child);
    // appendChild takes each node out of its parsed document, so walk a copy of the list.
    for (const node of [...parseDocument(inner).children]) DomUtils.appendChild(block, node);
  }
  return DomUtils.getOuterHTML(document, { encodeEntities: 'utf8' });
}

/** Lines in a normalized lyric block: one per stanza, plus one per line break. */
export function countLyricLines(block: Element): number {
  const stanzas = block.children.filter((node) => isTag(node) && node.name === 'p').length;
  const breaks = DomUtils.findAll((node) => node.name === 'br', block.children).length;
  return stanzas + breaks;
}
