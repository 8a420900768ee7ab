import type { ImportedWork } from '../importing.model.ts';
import { splitSentences } from '../warnings/sentences.ts';
import { hasCapital, tokenize } from './tokens.ts';
import type { Entry, Vocabulary } from './vocabulary.ts';

/**
 * Finds every place the text names a tag of the vocabulary. Each sentence is cut into tokens and
 * scanned left to right: at each token, the longest run of words (up to the longest tag name that
 * starts with that word) whose key is a tag name is a mention, and the scan goes on after it. So a
 * text is read once, whatever the number of tags, and "Harry Potter" is one mention, not also a
 * "Harry" and a "Potter".
 */
export type Zone = 'matter' | 'body';

export interface Mention {
  entries: Entry[];
  zone: Zone;
  /** The sentence, as written, and where in it the mention starts. */
  sentence: string;
  at: number;
  /** Reading order of the sentence in the work. */
  order: number;
  /** The mention as written is all lowercase. */
  lowercase: boolean;
}

interface Segment {
  text: string;
  zone: Zone;
}

/** The work's text in reading order: summary, notes, disclaimer and title (matter), the chapters (body), the end notes. */
export function segmentsOf(work: ImportedWork): Segment[] {
  const matter = (text: string | null): Segment[] => (text ? [{ text, zone: 'matter' }] : []);
  const body: Segment[] = work.chapters.flatMap((chapter) => [
    ...(chapter.title ? [{ text: chapter.title, zone: 'body' as const }] : []),
    ...chapter.blocks.flatMap((block): Segment[] => {
      if (block.kind === 'prose') return [{ text: block.text, zone: 'body' }];
      if (block.kind === 'lyrics') return block.lines.map((line) => ({ text: line, zone: 'body' as const }));
      return [];
    }),
  ]);
  return [...matter(work.summary), ...matter(work.notes.beginning), ...matter(work.disclaimer), ...matter(work.title), ...body, ...matter(work.notes.end)];
}

function scanSentence(vocabulary: Vocabulary, sentence: string, zone: Zone, order: number, into: Mention[]): void {
  const text = sentence.normalize('NFKC');
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const longest = Math.min(vocabulary.longestFrom.get(tokens[i]!.key) ?? 0, tokens.length - i);
    for (let n = longest; n >= 1; n--) {
      const key = tokens
        .slice(i, i + n)
        .map((token) => token.key)
        .join(' ');
      const entries = vocabulary.entries.get(key);
      if (!entries) continue;
      const written = text.slice(tokens[i]!.start, tokens[i + n - 1]!.end);
      into.push({ entries, zone, sentence, at: Math.min(tokens[i]!.start, sentence.length), order, lowercase: !hasCapital(written) });
      i += n - 1;
      break;
    }
  }
}

export function findMentions(vocabulary: Vocabulary, work: ImportedWork): Mention[] {
  const mentions: Mention[] = [];
  let order = 0;
  for (const segment of segmentsOf(work)) {
    for (const sentence of splitSentences(segment.text)) scanSentence(vocabulary, sentence, segment.zone, order++, mentions);
  }
  return mentions;
}

/**
 * Whether a mention names the entry's tag: in the story itself a name with capitals typed all in
 * lowercase is an ordinary word ("he was lost", "the house"); in the notes and disclaimer, where
 * writers name their fandom however they like, any case counts.
 */
export const counts = (mention: Mention, entry: Entry) => mention.zone === 'matter' || !entry.cased || !mention.lowercase;
