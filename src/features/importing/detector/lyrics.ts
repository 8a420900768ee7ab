import { isShortParagraph, lineFacts, type LineFacts } from './line-features.ts';
import type { Paragraph } from './paragraph.ts';
import { RepetitionIndex } from './repetition.ts';

/**
 * Prose or lyrics? Scored per stanza candidate, so every decision can be explained.
 *
 * 1. Candidates. Consecutive short paragraphs (every line ≤ 80 characters and ≤ 14 words, not
 *    hard-wrapped prose) form a run; a long paragraph, a scene break or a heading ends it. A run
 *    splits into stanzas where the gap before a paragraph is wider than the narrowest gap in the
 *    run; a paragraph with several lines (single line breaks) is a stanza on its own.
 * 2. Score of a stanza with n lines (fractions are over its lines):
 *      +0.5 per line, up to 4 lines          a run of short lines
 *      +2.5 × marked                          italic, or ~tilde~ lines
 *      +1.5 × quoted-but-not-dialogue         quote-marked lyrics (only when n ≥ 2)
 *      +1.0 × open ending                     no closing punctuation, or a comma
 *      −2.0 × full stop                       sentences end with full stops; lyrics rarely
 *      −1.0 × ! or ?
 *      −3.0 × dialogue                        "…," she said / "Hi." — speech is prose
 *      +1.5 per line repeated elsewhere, up to 3   a chorus (fuzzy, see repetition.ts)
 *      +1.5 if the gaps before and after are wider than the text's usual gap between prose
 *      −1.5 if n = 1 and the line is not repeated   one short line alone is usually prose
 *    A stanza is lyrics when its score is at least 2.5.
 * So a one-line dialogue paragraph, or a three-word dramatic sentence, stays prose; a stanza
 * without any markup is recognised by its open line endings, its gaps and its repetitions.
 */
export const LYRICS_THRESHOLD = 2.5;

export interface LyricDecision {
  /** Paragraph indexes (into the list given) that are lyrics. */
  lyric: Set<number>;
  /** Lyric paragraphs that start a new stanza. */
  stanzaStart: Set<number>;
}

interface Stanza {
  members: number[];
}

const linesOf = (p: Paragraph) => p.text.split('\n');
const fraction = (facts: LineFacts[], test: (f: LineFacts) => boolean) => facts.filter(test).length / Math.max(1, facts.length);

/** The usual gap between prose paragraphs: the median over long ones (1 when there are none). */
function usualGap(paragraphs: Paragraph[]): number {
  const gaps = paragraphs.filter((p) => p.kind === 'text' && !isShortParagraph(p)).map((p) => p.gapBefore).sort((a, b) => a - b);
  return gaps.length === 0 ? 1 : Math.max(1, gaps[Math.floor(gaps.length / 2)]!);
}

function candidateRuns(paragraphs: Paragraph[], body: number[]): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  for (const i of body) {
    const p = paragraphs[i]!;
    // Indexes the caller left out (chapter headings, notes) end a run, as a long paragraph does.
    if (run.length > 0 && run[run.length - 1] !== i - 1) {
      runs.push(run);
      run = [];
    }
    if (p.kind === 'text' && isShortParagraph(p)) {
      run.push(i);
    } else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

const markings = new WeakMap<Paragraph, string>();

/** How a paragraph is marked: a change of marking inside a run starts a new stanza. */
function marking(p: Paragraph): string {
  let value = markings.get(p);
  if (value === undefined) markings.set(p, (value = computeMarking(p)));
  return value;
}

function computeMarking(p: Paragraph): string {
  if (p.italic) return 'italic';
  const facts = linesOf(p).map(lineFacts);
  if (facts.every((f) => f.tilde)) return 'tilde';
  if (facts.every((f) => f.quoted && !f.dialogue)) return 'quoted';
  return 'plain';
}

/** Splits a run at its wider gaps and where the marking changes; a multi-line paragraph stands alone. */
function stanzasOf(paragraphs: Paragraph[], run: number[]): Stanza[] {
  const inner = run.slice(1).map((i) => paragraphs[i]!.gapBefore);
  const narrowest = inner.length > 0 ? Math.min(...inner) : 0;
  const stanzas: Stanza[] = [];
  let previous: Paragraph | null = null;
  for (const i of run) {
    const p = paragraphs[i]!;
    const last = stanzas[stanzas.length - 1];
    const split = !previous || !last || p.text.includes('\n') || previous.text.includes('\n') || p.gapBefore > narrowest || marking(p) !== marking(previous);
    if (split) stanzas.push({ members: [i] });
    else last.members.push(i);
    previous = p;
  }
  return stanzas;
}

/** A plain one-line sentence or speech at either edge of a lyric stanza is prose that happened to be short. */
function trimEdges(paragraphs: Paragraph[], members: number[]): number[] {
  const prose = (i: number) => {
    const p = paragraphs[i]!;
    const facts = lineFacts(p.text);
    return !p.text.includes('\n') && marking(p) === 'plain' && (facts.period || facts.dialogue);
  };
  let start = 0;
  let end = members.length;
  while (start < end && prose(members[start]!)) start++;
  while (end > start && prose(members[end - 1]!)) end--;
  return members.slice(start, end);
}

function gapAfter(paragraphs: Paragraph[], index: number): number {
  const next = paragraphs[index + 1];
  return next ? next.gapBefore : Number.POSITIVE_INFINITY;
}

export function scoreStanza(paragraphs: Paragraph[], stanza: Stanza, repetition: RepetitionIndex, gap: number): number {
  const lines = stanza.members.flatMap((i) => linesOf(paragraphs[i]!).map((line) => ({ line, owner: i })));
  const facts = lines.map(({ line }) => lineFacts(line));
  const n = lines.length;
  const repeated = Math.min(3, lines.filter(({ line, owner }) => repetition.repeats(line, owner)).length);
  const first = stanza.members[0]!;
  const last = stanza.members[stanza.members.length - 1]!;
  const innerGap = Math.max(0, ...stanza.members.slice(1).map((i) => paragraphs[i]!.gapBefore));
  const wide = paragraphs[first]!.gapBefore > Math.max(gap, innerGap) && gapAfter(paragraphs, last) > Math.max(gap, innerGap);
  let score = 0.5 * Math.min(n, 4);
  const italic = lines.filter(({ owner }) => paragraphs[owner]!.italic).length / Math.max(1, n);
  score += 2.5 * Math.max(italic, fraction(facts, (f) => f.tilde));
  if (n >= 2) score += 1.5 * fraction(facts, (f) => f.quoted && !f.dialogue);
  score += 1.0 * fraction(facts, (f) => f.open);
  score -= 2.0 * fraction(facts, (f) => f.period);
  score -= 1.0 * fraction(facts, (f) => f.exclaim);
  score -= 3.0 * fraction(facts, (f) => f.dialogue);
  score += 1.5 * repeated;
  if (wide) score += 1.5;
  if (n === 1 && repeated === 0) score -= 1.5;
  return score;
}

export function detectLyrics(paragraphs: Paragraph[], body: number[]): LyricDecision {
  const runs = candidateRuns(paragraphs, body);
  const repetition = new RepetitionIndex();
  for (const run of runs) for (const i of run) for (const line of linesOf(paragraphs[i]!)) repetition.add(line, i);
  const gap = usualGap(body.map((i) => paragraphs[i]!));
  const decision: LyricDecision = { lyric: new Set(), stanzaStart: new Set() };
  for (const run of runs) {
    for (const stanza of stanzasOf(paragraphs, run)) {
      if (scoreStanza(paragraphs, stanza, repetition, gap) < LYRICS_THRESHOLD) continue;
      const members = trimEdges(paragraphs, stanza.members);
      if (members.length === 0) continue;
      members.forEach((i) => decision.lyric.add(i));
      decision.stanzaStart.add(members[0]!);
    }
  }
  return decision;
}
