import { lineKey } from './line-features.ts';

/**
 * Which short lines come back elsewhere in the text: a chorus. A line repeats when another
 * paragraph holds the same words, or nearly (the same first or last three words and at least
 * 60 % of the words in common), so a chorus that comes back slightly changed still counts.
 * Lines under three words never count ("No." comes back in any story).
 */
const MIN_WORDS = 3;
const BUCKET_CAP = 24;

interface Seen {
  owner: number;
  words: Set<string>;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let common = 0;
  for (const word of a) if (b.has(word)) common++;
  return common / (a.size + b.size - common);
}

export class RepetitionIndex {
  private readonly exact = new Map<string, Set<number>>();
  private readonly buckets = new Map<string, Seen[]>();

  /** Registers a line of paragraph `owner`. */
  add(line: string, owner: number): void {
    const words = lineKey(line);
    if (words.length < MIN_WORDS) return;
    const key = words.join(' ');
    const owners = this.exact.get(key) ?? new Set<number>();
    owners.add(owner);
    this.exact.set(key, owners);
    const seen = { owner, words: new Set(words) };
    for (const bucket of this.bucketKeys(words)) {
      const list = this.buckets.get(bucket) ?? [];
      if (list.length < BUCKET_CAP) list.push(seen);
      this.buckets.set(bucket, list);
    }
  }

  /** Does this line of paragraph `owner` appear, exactly or nearly, in another paragraph? */
  repeats(line: string, owner: number): boolean {
    const words = lineKey(line);
    if (words.length < MIN_WORDS) return false;
    const owners = this.exact.get(words.join(' '));
    if (owners && [...owners].some((o) => o !== owner)) return true;
    const set = new Set(words);
    return this.bucketKeys(words).some((bucket) => (this.buckets.get(bucket) ?? []).some((s) => s.owner !== owner && jaccard(set, s.words) >= 0.6));
  }

  private bucketKeys(words: string[]): string[] {
    return [`F:${words.slice(0, 3).join(' ')}`, `L:${words.slice(-3).join(' ')}`];
  }
}
