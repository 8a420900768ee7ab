import { marked, type Token, type Tokens } from 'marked';
import { makeParagraph, type Paragraph } from '../paragraph.ts';
import { normalizeText } from './text.ts';

/** Emphasis covering every non-blank inline token: a lyric line written *like this*. */
function isAllEmphasis(tokens: Token[] | undefined): boolean {
  if (!tokens || tokens.length === 0) return false;
  const visible = tokens.filter((t) => !(t.type === 'text' && t.raw.trim() === '') && t.type !== 'br');
  return visible.length > 0 && visible.every((t) => t.type === 'em');
}

/** A token's source text, for the kinds of block the fidelity rule keeps as paragraphs. */
function blockText(token: Token): string {
  if (token.type === 'heading') return (token as Tokens.Heading).text;
  return token.raw;
}

/**
 * Markdown through marked's lexer: paragraphs keep their source text (so *emphasis* marks stay,
 * as the fidelity rule wants), headings become headings, thematic breaks become breaks.
 * Anything else (lists, block quotes, code) is kept as one paragraph of its source.
 */
export function markdownParagraphs(raw: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let gap = 0;
  for (const token of marked.lexer(normalizeText(raw))) {
    if (token.type === 'space') {
      gap += Math.max(0, (token.raw.match(/\n/g)?.length ?? 0) - 1);
      continue;
    }
    const text = blockText(token);
    if (token.type === 'hr') {
      paragraphs.push({ text: token.raw.trim(), kind: 'break', gapBefore: gap, italic: false });
    } else if (text.trim() !== '') {
      const paragraph = makeParagraph(text, gap, token.type === 'paragraph' && isAllEmphasis(token.tokens));
      paragraphs.push(token.type === 'heading' && paragraph.kind === 'text' ? { ...paragraph, kind: 'heading' } : paragraph);
    }
    gap = 0;
  }
  return paragraphs;
}
