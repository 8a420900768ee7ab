import type { Paragraph } from './paragraph.ts';

/** Per-line facts the lyric scoring reads (see lyrics.ts for how they weigh). */
export interface LineFacts {
  words: number;
  /** Ends with a full stop (or an ellipsis), after any closing quote or marker. */
  period: boolean;
  /** Ends with ! or ?. */
  exclaim: boolean;
  /** Ends with nothing or a comma/dash: how lyric lines end. */
  open: boolean;
  /** ~wrapped~ or starting with ~: a lyric marker. */
  tilde: boolean;
  /** Wholly inside quotes. */
  quoted: boolean;
  /** Speech: quoted and punctuated like dialogue, or quotes with narration around them. */
  dialogue: boolean;
}

const CLOSERS = `["'”’»)\\]*_~]*`;
const PERIOD = new RegExp(`(?:\\.|…)${CLOSERS}$`, 'u');
const EXCLAIM = new RegExp(`[!?]${CLOSERS}$`, 'u');
const OPEN_QUOTE = /^["“”„«'‘]/u;
const CLOSE_QUOTE = /["”“»'’]$/u;
const SPEECH_VERB = /["”’]\s*,?\s*(?:\p{L}+\s+){0,2}(?:said|says|asked|asks|whispered|replied|shouted|yelled|murmured|muttered|called|cried|snapped|added|answered|sighed|laughed)\b/iu;
const DIALOGUE_END = /[.!?,—–-]["”’»]$/u;

const wordsOf = (line: string) => line.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

export function lineFacts(line: string): LineFacts {
  const quoted = OPEN_QUOTE.test(line) && CLOSE_QUOTE.test(line) && line.length > 2;
  const period = PERIOD.test(line);
  const exclaim = EXCLAIM.test(line);
  const speech = SPEECH_VERB.test(line) || (OPEN_QUOTE.test(line) && !CLOSE_QUOTE.test(line) && /["”]/u.test(line.slice(1)));
  return {
    words: wordsOf(line),
    period,
    exclaim,
    open: !period && !exclaim,
    tilde: /^~[^~*]/u.test(line) || /^~.*~$/u.test(line),
    quoted,
    dialogue: speech || (quoted && DIALOGUE_END.test(line)),
  };
}

export const SHORT_LINE_CHARS = 80;
export const SHORT_LINE_WORDS = 14;

/**
 * Short enough to be lyrics: every line short, and not hard-wrapped prose (several lines of
 * similar, long-ish width).
 */
export function isShortParagraph(paragraph: Paragraph): boolean {
  const lines = paragraph.text.split('\n');
  if (lines.length > 16) return false;
  if (!lines.every((line) => line.length <= SHORT_LINE_CHARS && wordsOf(line) <= SHORT_LINE_WORDS)) return false;
  const mean = lines.reduce((sum, line) => sum + line.length, 0) / lines.length;
  return !(lines.length >= 3 && mean >= 50);
}

/** Lowercased words only, so a chorus matches whatever its punctuation and markers. */
export function lineKey(line: string): string[] {
  return line.toLowerCase().normalize('NFKC').replace(/[’']/gu, '').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}
