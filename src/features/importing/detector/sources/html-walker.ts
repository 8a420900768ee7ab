import { ElementType } from 'htmlparser2';
// Types only: domhandler is htmlparser2's node model, and htmlparser2 does not re-export its types.
import type { AnyNode, Element } from 'domhandler';
import { makeParagraph, tidyParagraph, type Paragraph, type ParagraphHint } from '../paragraph.ts';

/**
 * Walks HTML into paragraphs. Block elements end a paragraph, <br> is a line break and two of
 * them a paragraph break, <hr> is a scene break, an empty <p> widens the gap before the next
 * paragraph, and a paragraph whose visible text is all inside <em>/<i> is italic (lyric evidence).
 * A site profile decides, element by element, what is chrome and what a block means.
 */
export type WalkAction = { skip: true } | { hint: ParagraphHint | null } | { heading: true } | null;
export type Profile = (element: Element) => WalkAction;

const BLOCK = new Set([
  'address', 'article', 'blockquote', 'center', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'li', 'main', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
]);
const HEADING = /^h[1-6]$/;
const ALWAYS_SKIP = new Set(['head', 'script', 'style', 'noscript', 'template', 'iframe', 'object', 'svg', 'math', 'select', 'button', 'form', 'input', 'textarea', 'nav']);

export const isElement = (node: AnyNode): node is Element => ElementType.isTag(node);

function isItalicElement(element: Element): boolean {
  if (element.name === 'em' || element.name === 'i' || element.name === 'cite') return true;
  return /font-style\s*:\s*italic/i.test(element.attribs.style ?? '');
}

export class HtmlWalker {
  readonly paragraphs: Paragraph[] = [];
  private text = '';
  private italicChars = 0;
  private plainChars = 0;
  private gap = 0;
  private hint: ParagraphHint | null = null;
  private heading = false;

  constructor(private readonly profile: Profile) {}

  walk(nodes: AnyNode[], italic = false): void {
    for (const node of nodes) {
      if (node.type === ElementType.Text) this.addText(node.data, italic);
      else if (isElement(node)) this.element(node, italic);
    }
  }

  /** Adds a paragraph the page states outright (a title in FFN's header, say). */
  push(text: string, hint: ParagraphHint): void {
    this.flush();
    const paragraph = makeParagraph(text.replace(/[ \t\r\n\f]+/g, ' '), this.gap, false, hint);
    if (paragraph.text !== '') this.paragraphs.push(paragraph);
    this.gap = 1;
  }

  finish(): Paragraph[] {
    this.flush();
    return this.paragraphs;
  }

  private addText(data: string, italic: boolean): void {
    // Collapse HTML whitespace only: NBSP is content and stays.
    const collapsed = data.replace(/[ \t\r\n\f]+/g, ' ');
    this.text += collapsed;
    const visible = collapsed.replace(/\s/gu, '').length;
    if (italic) this.italicChars += visible;
    else this.plainChars += visible;
  }

  private element(element: Element, italic: boolean): void {
    if (ALWAYS_SKIP.has(element.name)) return;
    const action = this.profile(element);
    if (action && 'skip' in action) return;
    if (element.name === 'br') return this.lineBreak();
    if (element.name === 'hr') return this.sceneBreak();
    const block = BLOCK.has(element.name) || action !== null;
    if (!block) return this.walk(element.children, italic || isItalicElement(element));
    this.block(element, action, italic);
  }

  private block(element: Element, action: WalkAction, italic: boolean): void {
    this.flush();
    const saved = { hint: this.hint, heading: this.heading };
    if (action && 'hint' in action) this.hint = action.hint;
    if ((action && 'heading' in action) || HEADING.test(element.name)) this.heading = true;
    const before = this.paragraphs.length;
    this.walk(element.children, italic || isItalicElement(element));
    this.flush();
    if (this.paragraphs.length === before && element.name === 'p') this.gap += 1;
    this.hint = saved.hint;
    this.heading = saved.heading;
  }

  private lineBreak(): void {
    // A second <br> in a row is a blank line: a paragraph break, as old FFN-style pages write them.
    if (/\n[ \u00A0]*$/.test(this.text) || this.text.trim() === '') {
      this.flush();
      this.gap += 1;
      this.text = '';
    } else {
      this.text += '\n';
    }
  }

  private sceneBreak(): void {
    this.flush();
    this.paragraphs.push({ text: '', kind: 'break', gapBefore: this.gap, italic: false });
    this.gap = 1;
  }

  private flush(): void {
    const text = tidyParagraph(this.text);
    if (text !== '') {
      const paragraph = makeParagraph(text, this.gap, this.italicChars > 0 && this.plainChars === 0, this.hint ?? undefined);
      this.paragraphs.push(this.heading && paragraph.kind === 'text' ? { ...paragraph, kind: 'heading' } : paragraph);
      this.gap = 1;
    }
    this.text = '';
    this.italicChars = 0;
    this.plainChars = 0;
  }
}
