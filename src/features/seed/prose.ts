import type { Random } from './random.ts';
import { ADJECTIVES, ADVERBS, FIRST_NAMES, NOUNS, PREPOSITIONS, VERBS } from './vocabulary.ts';

/**
 * Generated prose, cheaply: a pool of paragraphs is written once per seed, and chapter texts
 * (chapter-pool.ts) are made of paragraphs drawn from it, so texts cost string joins, not
 * word-by-word generation. Every paragraph knows its word count, so a chapter's count is a sum that matches
 * what the archive's word counter finds in the HTML (checked by the seed test).
 */
export interface Paragraph {
  html: string;
  words: number;
}

const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** One sentence as a list of words; the caller capitalizes and punctuates it. */
function sentenceWords(random: Random): string[] {
  const adjective = () => random.pick(ADJECTIVES);
  const noun = () => random.pick(NOUNS);
  switch (random.int(0, 5)) {
    case 0:
      return ['the', adjective(), noun(), random.pick(VERBS), random.pick(PREPOSITIONS), 'the', noun()];
    case 1:
      return [random.pick(FIRST_NAMES), random.pick(ADVERBS), random.pick(VERBS), 'the', adjective(), noun()];
    case 2:
      return ['she', random.pick(VERBS), 'the', noun(), 'and', 'the', noun(), random.pick(VERBS), 'back'];
    case 3:
      return ['nobody', random.pick(VERBS), 'the', noun(), 'before', random.pick(FIRST_NAMES), 'did'];
    case 4:
      return ['it', 'was', adjective(), 'and', adjective(), 'and', 'the', noun(), 'was', random.pick(ADVERBS), adjective()];
    default:
      return [random.pick(FIRST_NAMES), 'said', 'that', 'the', noun(), 'had', random.pick(ADVERBS), 'been', adjective()];
  }
}

function sentence(random: Random): { text: string; words: number } {
  const words = sentenceWords(random);
  const text = capitalize(words.join(' '));
  // Dialogue adds a speaker and "said": two more words.
  if (random.chance(0.15)) return { text: `“${text},” ${random.pick(FIRST_NAMES)} said.`, words: words.length + 2 };
  return { text: `${text}.`, words: words.length };
}

export function paragraph(random: Random, targetWords: number): Paragraph {
  const parts: string[] = [];
  let words = 0;
  while (words < targetWords) {
    const s = sentence(random);
    parts.push(s.text);
    words += s.words;
  }
  return { html: `<p>${parts.join(' ')}</p>`, words };
}

export function paragraphPool(random: Random, size: number): Paragraph[] {
  const pool: Paragraph[] = [];
  for (let i = 0; i < size; i++) pool.push(paragraph(random, random.int(25, 160)));
  return pool;
}

/** A lyric block in the one shape the sanitizer keeps (platform/text/lyric-blocks.ts). */
export function lyricBlock(random: Random): Paragraph {
  let words = 0;
  const stanzas: string[] = [];
  for (let s = random.int(1, 3); s > 0; s--) {
    const lines: string[] = [];
    for (let l = random.int(2, 4); l > 0; l--) {
      const line = [random.pick(VERBS), 'me', 'a', random.pick(NOUNS), 'out', 'of', random.pick(ADJECTIVES), random.pick(NOUNS)];
      words += line.length;
      lines.push(capitalize(line.join(' ')));
    }
    stanzas.push(`<p>${lines.join('<br />\n')}</p>`);
  }
  return { html: `<blockquote class="lyrics">\n${stanzas.join('\n')}\n</blockquote>`, words };
}

export function title(random: Random): string {
  const adjective = capitalize(random.pick(ADJECTIVES));
  const noun = capitalize(random.pick(NOUNS));
  switch (random.int(0, 4)) {
    case 0:
      return `The ${adjective} ${noun}`;
    case 1:
      return `${noun} of ${capitalize(random.pick(NOUNS))}s`;
    case 2:
      return `What the ${noun} ${capitalize(random.pick(VERBS))}`;
    case 3:
      return `${adjective} ${noun}, ${capitalize(random.pick(ADJECTIVES))} ${capitalize(random.pick(NOUNS))}`;
    default:
      return `${random.pick(FIRST_NAMES)} and the ${adjective} ${noun}`;
  }
}

export function summary(random: Random): string {
  const sentences = [sentence(random).text];
  if (random.chance(0.6)) sentences.push(sentence(random).text);
  return `<p>${sentences.join(' ')}</p>`;
}
