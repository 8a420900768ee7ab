import type { ImportedChapter, SuggestedWarning } from '../importing.model.ts';
import { CATEGORIES, IDIOMS, NEGATION, NEGATION_WINDOW_WORDS, TRIGGER_STEMS, type CategoryRules, type WarningCategory } from './warning-patterns.ts';
import { quoteAround, splitSentences } from './sentences.ts';

/**
 * Warning suggestions: weighted phrase patterns over sentences (see warning-patterns.ts).
 * 1. Each sentence of the prose and the notes is taken alone (only those holding a trigger stem). Lyrics are left out: songs speak of
 *    dying and killing in metaphor far more often than stories do.
 * 2. Idioms ("killer smile", "dying to") are blanked out first, keeping the sentence's length.
 * 3. A pattern that matches counts its weight for the sentence, unless a negation ("not",
 *    "didn't", "never"…) stands in the four words before it.
 * 4. A category's score is the sum over sentences, each pattern counting at most twice in the
 *    whole text (so one repeated word can't carry it). At or over the threshold, the category is
 *    suggested, quoting its strongest sentences (up to five, in text order).
 * Only suggestions: the writer decides.
 */
export interface WarningSource {
  notes: (string | null)[];
  chapters: ImportedChapter[];
}

const MAX_EVIDENCE = 5;
const PATTERN_CAP = 2;

interface Hit {
  sentence: string;
  order: number;
  weight: number;
  at: number;
  patterns: number[];
}

function blankIdioms(sentence: string): string {
  return IDIOMS.reduce((text, idiom) => text.replace(idiom, (m) => ' '.repeat(m.length)), sentence);
}

function negated(text: string, index: number): boolean {
  const before = text.slice(0, index).split(/\s+/u).filter(Boolean).slice(-NEGATION_WINDOW_WORDS).join(' ');
  return NEGATION.test(before);
}

interface Sentence {
  text: string;
  /** The text with idioms blanked out, same length. */
  scan: string;
  order: number;
}

function scoreSentence({ text: sentence, scan: text, order }: Sentence, rules: CategoryRules): Hit | null {
  const hit: Hit = { sentence, order, weight: 0, at: 0, patterns: [] };
  rules.patterns.forEach((pattern, k) => {
    const match = pattern.re.exec(text);
    if (!match || negated(text, match.index)) return;
    if (hit.weight === 0) hit.at = match.index;
    hit.weight += pattern.weight;
    hit.patterns.push(k);
  });
  return hit.weight > 0 ? hit : null;
}

function textsOf(source: WarningSource): string[] {
  const notes = source.notes.filter((n): n is string => n !== null);
  const prose = source.chapters.flatMap((c) => c.blocks.flatMap((b) => (b.kind === 'prose' ? [b.text] : [])));
  return [...notes, ...prose];
}

function categoryScore(hits: Hit[], rules: CategoryRules): number {
  const uses = new Map<number, number>();
  let score = 0;
  for (const hit of hits) {
    for (const k of hit.patterns) {
      const used = uses.get(k) ?? 0;
      if (used >= PATTERN_CAP) continue;
      uses.set(k, used + 1);
      score += rules.patterns[k]!.weight;
    }
  }
  return score;
}

function evidence(hits: Hit[]): string[] {
  return [...hits]
    .sort((a, b) => b.weight - a.weight || a.order - b.order)
    .slice(0, MAX_EVIDENCE)
    .sort((a, b) => a.order - b.order)
    .map((hit) => quoteAround(hit.sentence, hit.at));
}

export function suggestWarnings(source: WarningSource): SuggestedWarning[] {
  const sentences: Sentence[] = textsOf(source)
    .filter((text) => TRIGGER_STEMS.test(text))
    .flatMap(splitSentences)
    .map((text, order) => ({ text, order, scan: '' }))
    .filter((s) => TRIGGER_STEMS.test(s.text))
    .map((s) => ({ ...s, scan: blankIdioms(s.text) }));
  const suggestions: SuggestedWarning[] = [];
  for (const category of Object.keys(CATEGORIES) as WarningCategory[]) {
    const rules = CATEGORIES[category];
    const hits = sentences.map((s) => scoreSentence(s, rules)).filter((h): h is Hit => h !== null);
    if (hits.length > 0 && categoryScore(hits, rules) >= rules.threshold) suggestions.push({ name: rules.name, evidence: evidence(hits) });
  }
  return suggestions;
}
