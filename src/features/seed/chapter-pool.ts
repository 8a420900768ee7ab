import type { Paragraph } from './prose.ts';
import { Random } from './random.ts';

/**
 * Whole chapter texts, written once and given to many chapters: the load stores each one with
 * its text vector in a pool table, and a chapter row copies a pool entry's body and vector as
 * they are (no per-chapter join, aggregate or text parsing in PostgreSQL — those were 40 % of
 * the load's database time). A chapter's vector is then exactly what
 * `quire_chapter_search_text(body)` gives, since it was computed from that very body.
 *
 * Texts come in size classes 10 % apart, from 30 words to 200,000, with many variants of the
 * common short sizes and a few of the rare long ones (about 60,000 words of text per class),
 * and songfic variants with lyric blocks. An entry is written the first time a chapter draws
 * it, from a generator of its own (seed and entry id): the same seed makes the same texts
 * whatever order they are first drawn in, and a small seed writes only the few it uses.
 */
export interface PooledChapter {
  /** Id in the load's pool table. */
  id: number;
  html: string;
  words: number;
}

const SHORTEST = 30;
const LONGEST = 200_000;
const STEP = 1.1;
const WORDS_PER_CLASS = 60_000;
const MIN_VARIANTS = 4;
const MAX_VARIANTS = 128;
/** Share of a songfic text's parts that are lyric blocks. */
const LYRIC_SHARE = 0.15;

/** Nominal words of each size class. */
const SIZES: number[] = [];
for (let words = SHORTEST; SIZES.length === 0 || SIZES[SIZES.length - 1]! < LONGEST; words *= STEP) SIZES.push(Math.round(words));

/** Id 1 is the exact-length text of the benchmark's work; the classes' ids follow. */
const EXACT_ID = 1;

function variantsOf(size: number, songfic: boolean): number {
  const prose = Math.min(MAX_VARIANTS, Math.max(MIN_VARIANTS, Math.round(WORDS_PER_CLASS / SIZES[size]!)));
  // Songfics are one work in 25: fewer variants cover them as well.
  return songfic ? Math.max(2, Math.round(prose / 4)) : prose;
}

export class ChapterPool {
  private readonly words = new Map<number, number>();
  private fresh: PooledChapter[] = [];

  constructor(
    private readonly seed: number,
    /** Prose paragraphs and lyric blocks the texts are made of. */
    private readonly prose: readonly Paragraph[],
    private readonly lyrics: readonly Paragraph[],
  ) {}

  /** A text of about `targetWords` words (with lyric blocks for a songfic): its pool id and word count. */
  draw(random: Random, targetWords: number, songfic: boolean): { id: number; words: number } {
    const size = Math.min(SIZES.length - 1, Math.max(0, Math.round(Math.log(targetWords / SHORTEST) / Math.log(STEP))));
    const variant = random.int(0, variantsOf(size, songfic) - 1);
    const id = EXACT_ID + 1 + (size * 2 + (songfic ? 1 : 0)) * MAX_VARIANTS + variant;
    return { id, words: this.entry(id, SIZES[size]!, songfic) };
  }

  /** The one text of exactly this length (the benchmark's work: at least `words`, less than a paragraph more). */
  exact(words: number): { id: number; words: number } {
    return { id: EXACT_ID, words: this.entry(EXACT_ID, words, false) };
  }

  /** The entries written since the last call: the load adds them to its pool table before the chapters using them. */
  takeFresh(): PooledChapter[] {
    const fresh = this.fresh;
    this.fresh = [];
    return fresh;
  }

  private entry(id: number, targetWords: number, songfic: boolean): number {
    const known = this.words.get(id);
    if (known !== undefined) return known;
    const random = new Random(Math.imul(this.seed ^ 0x6c1e, 0x9e3779b1) ^ Math.imul(id, 0x85ebca6b));
    const parts: string[] = [];
    let words = 0;
    while (words < targetWords) {
      const part = songfic && random.chance(LYRIC_SHARE) ? random.pick(this.lyrics) : random.pick(this.prose);
      parts.push(part.html);
      words += part.words;
    }
    this.words.set(id, words);
    this.fresh.push({ id, html: parts.join('\n'), words });
    return words;
  }
}
