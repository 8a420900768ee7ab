import type { ImportedWork, SuggestedTag } from '../importing.model.ts';
import { quoteAround } from '../warnings/sentences.ts';
import { counts, findMentions, type Mention } from './scan.ts';
import type { Entry, SuggestableType, Vocabulary } from './vocabulary.ts';

/**
 * Tag suggestions for an imported work, from the archive's canonical tags and their synonyms
 * (vocabulary.ts), found in its text (scan.ts). The rules, each one explainable to the writer:
 * - a **fandom** when its name or a synonym's appears anywhere — notes and disclaimer included
 *   ("I don't own SPN" names Supernatural);
 * - a **character** when mentioned at least CHARACTER_MENTIONS times. A mention is the full name
 *   (or a synonym), or one word of it ("Harry" for "Harry Potter") when that word belongs to just
 *   one character of the detected fandoms. A character of a fandom not detected counts only full
 *   names, so the characters of the story's own fandom win;
 * - a **relationship** when its name or a synonym's appears, or when all of its characters (two
 *   or more) are suggested: both people are central to the story;
 * - an **additional tag** only when the summary, notes or disclaimer name it: ordinary words like
 *   "angst" or "fluff" in the story itself say nothing about its tags.
 * Each suggestion quotes the sentence of its first mention, and names the canonical tag.
 */
export const CHARACTER_MENTIONS = 3;
const MAX_CHARACTERS = 10;

interface Tally {
  id: number;
  count: number;
  first: Mention;
}

function tally(tallies: Map<number, Tally>, id: number, mention: Mention): void {
  const found = tallies.get(id);
  if (found) found.count++;
  else tallies.set(id, { id, count: 1, first: mention });
}

const quote = (mention: Mention) => quoteAround(mention.sentence, mention.at);

/** Full-name mentions of tags of one type, counted per canonical tag. */
function fullMentions(mentions: Mention[], type: SuggestableType, where: (m: Mention) => boolean = () => true): Map<number, Tally> {
  const tallies = new Map<number, Tally>();
  for (const mention of mentions) {
    if (!where(mention)) continue;
    const ids = new Set(mention.entries.filter((e) => e.type === type && !e.partial && counts(mention, e)).map((e) => e.canonicalId));
    for (const id of ids) tally(tallies, id, mention);
  }
  return tallies;
}

/** Which character a mention counts for, if any: see the rules above. */
function characterOf(mention: Mention, entries: Entry[], inPool: (id: number) => boolean): number[] {
  const usable = entries.filter((e) => e.type === 'character' && counts(mention, e));
  const poolFull = usable.filter((e) => !e.partial && inPool(e.canonicalId));
  if (poolFull.length > 0) return [...new Set(poolFull.map((e) => e.canonicalId))];
  const poolParts = new Set(usable.filter((e) => e.partial && inPool(e.canonicalId)).map((e) => e.canonicalId));
  if (poolParts.size === 1) return [...poolParts];
  if (poolParts.size > 1) return []; // "Winchester": Sam or Dean? Neither.
  return [...new Set(usable.filter((e) => !e.partial).map((e) => e.canonicalId))];
}

function characterTallies(vocabulary: Vocabulary, mentions: Mention[], fandoms: Set<number>): Map<number, Tally> {
  const inPool = (id: number) => fandoms.size === 0 || (vocabulary.canonical.get(id)?.parentIds.some((p) => fandoms.has(p)) ?? false);
  const tallies = new Map<number, Tally>();
  for (const mention of mentions) {
    for (const id of characterOf(mention, mention.entries, inPool)) {
      // Outside the detected fandoms only full names count (characterOf returns those only when the pool has none).
      tally(tallies, id, mention);
    }
  }
  return tallies;
}

/** The first sentence naming at least two of the characters, else the first naming any of them. */
function relationshipEvidence(characters: Tally[], mentions: Mention[]): string {
  const ids = new Set(characters.map((c) => c.id));
  const bySentence = new Map<number, { mention: Mention; ids: Set<number> }>();
  for (const mention of mentions) {
    const named = mention.entries.filter((e) => e.type === 'character' && ids.has(e.canonicalId)).map((e) => e.canonicalId);
    if (named.length === 0) continue;
    const entry = bySentence.get(mention.order) ?? { mention, ids: new Set<number>() };
    for (const id of named) entry.ids.add(id);
    bySentence.set(mention.order, entry);
  }
  const both = [...bySentence.values()].find((s) => s.ids.size >= 2);
  const first = [...characters].sort((a, b) => a.first.order - b.first.order)[0]!.first;
  return quote(both?.mention ?? first);
}

export function suggestTags(work: ImportedWork, vocabulary: Vocabulary): SuggestedTag[] {
  if (vocabulary.entries.size === 0) return [];
  const mentions = findMentions(vocabulary, work);
  const name = (id: number) => vocabulary.canonical.get(id)!.name;
  const byFirst = (a: Tally, b: Tally) => a.first.order - b.first.order || a.first.at - b.first.at;

  const fandoms = [...fullMentions(mentions, 'fandom').values()].sort(byFirst);
  const fandomIds = new Set(fandoms.map((f) => f.id));

  const characters = [...characterTallies(vocabulary, mentions, fandomIds).values()]
    .filter((c) => c.count >= CHARACTER_MENTIONS)
    .sort((a, b) => b.count - a.count || byFirst(a, b))
    .slice(0, MAX_CHARACTERS);
  const central = new Map(characters.map((c) => [c.id, c]));

  const relationships: SuggestedTag[] = [];
  const named = fullMentions(mentions, 'relationship');
  for (const tag of vocabulary.canonical.values()) {
    if (tag.type !== 'relationship') continue;
    const mention = named.get(tag.id);
    const people = tag.parentIds.filter((id) => vocabulary.canonical.get(id)?.type === 'character');
    if (mention) relationships.push({ type: 'relationship', name: tag.name, evidence: quote(mention.first) });
    else if (people.length >= 2 && people.every((id) => central.has(id))) {
      relationships.push({ type: 'relationship', name: tag.name, evidence: relationshipEvidence(people.map((id) => central.get(id)!), mentions) });
    }
  }

  const freeforms = [...fullMentions(mentions, 'freeform', (m) => m.zone === 'matter').values()].sort(byFirst);

  return [
    ...fandoms.map((f) => ({ type: 'fandom' as const, name: name(f.id), evidence: quote(f.first) })),
    ...characters.map((c) => ({ type: 'character' as const, name: name(c.id), evidence: quote(c.first) })),
    ...relationships,
    ...freeforms.map((f) => ({ type: 'freeform' as const, name: name(f.id), evidence: quote(f.first) })),
  ];
}
