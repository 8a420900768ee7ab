import { hasCapital, nameKey } from './tokens.ts';

/**
 * The archive's tags as the suggester needs them: every canonical fandom, character,
 * relationship and additional tag, and every synonym of one, indexed by the key of each name
 * (see tokens.ts). Built once per import from one query (importing.repository.ts).
 */
export type SuggestableType = 'fandom' | 'character' | 'relationship' | 'freeform';
export const SUGGESTABLE_TYPES: readonly SuggestableType[] = ['fandom', 'character', 'relationship', 'freeform'];

export interface VocabularyRow {
  id: number;
  type: SuggestableType;
  name: string;
  /** The tag itself when canonical, else the canonical tag it is a synonym of. */
  canonicalId: number;
  /** Parents of a canonical tag (fandoms, characters); empty for synonyms. */
  parentIds: number[];
}

export interface CanonicalTag {
  id: number;
  type: SuggestableType;
  name: string;
  parentIds: number[];
}

export interface Entry {
  canonicalId: number;
  type: SuggestableType;
  /** A single word of a character's name ("Harry" of "Harry Potter"), not a whole name. */
  partial: boolean;
  /** The name has capitals, so an all-lowercase occurrence in the story is an ordinary word ("lost", "house"). */
  cased: boolean;
}

export interface Vocabulary {
  canonical: Map<number, CanonicalTag>;
  entries: Map<string, Entry[]>;
  /** For each first word of a key, the most words a key starting with it has: the scan tries no longer n-grams. */
  longestFrom: Map<string, number>;
}

/** Words too common or too generic to stand for one character on their own. */
const NOT_A_NAME_PART = new Set(
  'mr mrs ms miss dr sir lady lord the of and von van der den de du da di del la le el al bin ben st saint king queen prince princess captain doctor professor agent detective officer sergeant general uncle aunt little big young old junior senior'.split(' '),
);

/** "Castiel (Supernatural)" is written "Castiel" in a story: the disambiguation is the archive's. */
const withoutDisambiguation = (name: string) => name.replace(/\s*\([^()]*\)\s*$/u, '').trim();

function add(vocabulary: Vocabulary, key: string, entry: Entry): void {
  if (key === '') return;
  const list = vocabulary.entries.get(key) ?? [];
  if (list.some((e) => e.canonicalId === entry.canonicalId && e.partial === entry.partial)) return;
  list.push(entry);
  vocabulary.entries.set(key, list);
  const words = key.split(' ');
  vocabulary.longestFrom.set(words[0]!, Math.max(vocabulary.longestFrom.get(words[0]!) ?? 0, words.length));
}

/** The single words of a character's canonical name that may stand for it ("Harry", "Potter"). */
function nameParts(name: string): string[] {
  const words = withoutDisambiguation(name).split(/\s+/u);
  if (words.length < 2) return [];
  return words.filter((word) => /^\p{Lu}/u.test(word) && [...word].length >= 3 && !NOT_A_NAME_PART.has(nameKey(word)));
}

export function buildVocabulary(rows: VocabularyRow[]): Vocabulary {
  const vocabulary: Vocabulary = { canonical: new Map(), entries: new Map(), longestFrom: new Map() };
  for (const row of rows) {
    if (row.id === row.canonicalId) vocabulary.canonical.set(row.id, { id: row.id, type: row.type, name: row.name, parentIds: row.parentIds });
  }
  for (const row of rows) {
    if (!vocabulary.canonical.has(row.canonicalId)) continue; // a synonym of a tag of another type, or of one not loaded
    const names = new Set([row.name, withoutDisambiguation(row.name)]);
    for (const name of names) add(vocabulary, nameKey(name), { canonicalId: row.canonicalId, type: row.type, partial: false, cased: hasCapital(name) });
    if (row.type === 'character' && row.id === row.canonicalId) {
      for (const part of nameParts(row.name)) add(vocabulary, nameKey(part), { canonicalId: row.id, type: row.type, partial: true, cased: true });
    }
  }
  return vocabulary;
}
