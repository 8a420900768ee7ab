import type { FreeTagType } from '../tags/tags.model.ts';
import { Zipf, type Random } from './random.ts';
import { ADJECTIVES, COMMON_FREEFORMS, FIRST_NAMES, LAST_NAMES, MEDIUMS, NOUNS, VERBS } from './vocabulary.ts';

/**
 * The tag graph of a seeded archive, planned in memory before anything is written: canonical
 * fandoms (under media, some under franchise meta-tags, a few three deep), characters and
 * relationships under their fandom, additional tags (some in meta chains), synonyms of popular
 * tags, and unwrangled tags writers made up. Tags are referred to by their index in `tags`
 * until the load gives them ids.
 */
export interface PlannedTag {
  type: FreeTagType;
  name: string;
  canonical: boolean;
  /** Index of the canonical tag this one is a synonym of. */
  synonymOf: number | null;
  /** Indices of parent tags (fandom → character, …). */
  parents: number[];
  /** Indices of this tag's meta-tags. */
  metas: number[];
  /** The media a fandom belongs to, by name; null for an uncategorized fandom. */
  media: string | null;
}

export interface TagPlan {
  tags: PlannedTag[];
  /** Fandoms writers tag works with, most popular first (franchise meta-tags are not among them). */
  fandoms: number[];
  fandomPopularity: Zipf;
  charactersOf: number[][];
  relationshipsOf: number[][];
  freeforms: number[];
  freeformPopularity: Zipf;
  unwrangled: number[];
  unwrangledPopularity: Zipf;
  /** Synonyms of a canonical tag, which writers sometimes use instead of it. */
  synonymsOf: Map<number, number[]>;
}

const clamp = (n: number, min: number, max: number) => Math.max(min, Math.min(max, Math.round(n)));
const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

class Builder {
  readonly tags: PlannedTag[] = [];
  readonly synonymsOf = new Map<number, number[]>();
  private readonly names = new Set<string>();

  constructor(readonly random: Random) {}

  /** Adds a tag whose name is the first of the candidates not taken yet (numbered if all are). */
  add(type: FreeTagType, candidates: string[], fields: Partial<PlannedTag> = {}): number {
    let name = candidates.find((c) => !this.names.has(`${type}:${c.toLowerCase()}`));
    for (let n = 2; name === undefined; n++) {
      const numbered = `${candidates[0]} ${n}`;
      if (!this.names.has(`${type}:${numbered.toLowerCase()}`)) name = numbered;
    }
    this.names.add(`${type}:${name.toLowerCase()}`);
    this.tags.push({ type, name: name.slice(0, 150), canonical: true, synonymOf: null, parents: [], metas: [], media: null, ...fields });
    return this.tags.length - 1;
  }

  synonym(of: number, candidates: string[]): void {
    const index = this.add(this.tags[of]!.type, candidates, { canonical: false, synonymOf: of });
    const list = this.synonymsOf.get(of) ?? [];
    list.push(index);
    this.synonymsOf.set(of, list);
  }
}

function planFandoms(b: Builder, count: number): { fandoms: number[]; bases: string[] } {
  const fandoms: number[] = [];
  const bases: string[] = [];
  for (let rank = 0; rank < count; rank++) {
    const base = `${capitalize(b.random.pick(ADJECTIVES))} ${capitalize(b.random.pick(NOUNS))}`;
    const medium = b.random.pick(MEDIUMS);
    const year = 1990 + b.random.int(0, 34);
    const media = b.random.chance(0.03) ? null : medium.media;
    const index = b.add('fandom', [`${base} (${medium.label})`, `${base} (${medium.label} ${year})`], { media });
    fandoms.push(index);
    bases.push(base);
    // The most popular fandom always has a synonym: the benchmark filters on it.
    if (rank === 0 || (rank < count * 0.3 && b.random.chance(0.4))) b.synonym(index, [base, `${base} - ${medium.label}`]);
    // Every fifth fandom heads a franchise: "X - All Media Types" over it and a later fandom,
    // and every fourth franchise sits under "X Universe", a meta chain three deep.
    if (rank % 5 === 0) {
      const franchise = b.add('fandom', [`${base} - All Media Types`], { media });
      b.tags[index]!.metas.push(franchise);
      if (rank % 20 === 0) b.tags[franchise]!.metas.push(b.add('fandom', [`${base} Universe`], { media }));
    }
  }
  // The franchise also covers the fandom three ranks later (another medium, same world).
  for (let rank = 3; rank < count; rank += 5) {
    const head = b.tags[fandoms[rank - 3]!]!;
    b.tags[fandoms[rank]!]!.metas.push(...head.metas.slice(0, 1));
  }
  return { fandoms, bases };
}

function planPeople(b: Builder, fandoms: number[], bases: string[]): { charactersOf: number[][]; relationshipsOf: number[][] } {
  const charactersOf: number[][] = [];
  const relationshipsOf: number[][] = [];
  fandoms.forEach((fandom, rank) => {
    const characters: number[] = [];
    for (let i = 3 + Math.floor(24 / Math.sqrt(rank + 1)); i > 0; i--) {
      const name = `${b.random.pick(FIRST_NAMES)} ${b.random.pick(LAST_NAMES)}`;
      const index = b.add('character', [name, `${name} (${bases[rank]})`], { parents: [fandom] });
      if (characters.length < 4 && b.random.chance(0.25)) b.synonym(index, [`${name.split(' ')[0]} (${bases[rank]})`]);
      characters.push(index);
    }
    const relationships: number[] = [];
    const favourite = new Zipf(characters.length, 1);
    for (let i = 1 + Math.floor(20 / Math.sqrt(rank + 1)); i > 0; i--) {
      const a = characters[favourite.draw(b.random)]!;
      const c = characters[favourite.draw(b.random)]!;
      if (a === c) continue;
      const [nameA, nameC] = [b.tags[a]!.name, b.tags[c]!.name];
      const romantic = b.random.chance(0.75);
      const separator = romantic ? '/' : ' & ';
      const index = b.add('relationship', [`${nameA}${separator}${nameC}`], { parents: [fandom, a, c] });
      // AO3 makes the other order a synonym.
      if (romantic && b.random.chance(0.3)) b.synonym(index, [`${nameC}/${nameA}`]);
      relationships.push(index);
    }
    charactersOf.push(characters);
    relationshipsOf.push(relationships);
  });
  return { charactersOf, relationshipsOf };
}

const FREEFORM_SYNONYMS: Record<string, string> = { Fluff: 'Fluffy', Angst: 'Angsty', 'Hurt/Comfort': 'h/c', 'Alternate Universe': 'AU', 'Slow Burn': 'slowburn', 'Found Family': 'found fam' };
const FREEFORM_METAS: Record<string, string> = {
  'Angst with a Happy Ending': 'Angst',
  'Emotional Hurt/Comfort': 'Hurt/Comfort',
  Whump: 'Hurt/Comfort',
  'Alternate Universe - Modern Setting': 'Alternate Universe',
  // A chain: Coffee Shops → Modern Setting → Alternate Universe.
  'Alternate Universe - Coffee Shops & Cafés': 'Alternate Universe - Modern Setting',
  'Mutual Pining': 'Pining',
  'Domestic Fluff': 'Fluff',
};

function planFreeforms(b: Builder, count: number, fandoms: number[]): number[] {
  const freeforms: number[] = [];
  const byName = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const common = COMMON_FREEFORMS[i];
    const noun = capitalize(b.random.pick(NOUNS));
    const candidates = common ? [common] : [`${capitalize(b.random.pick(ADJECTIVES))} ${noun}s`, `Alternate Universe - ${noun}`, `${noun} Feelings`];
    const index = b.add('freeform', candidates, b.random.chance(0.1) ? { parents: [fandoms[i % fandoms.length]!] } : {});
    freeforms.push(index);
    byName.set(b.tags[index]!.name, index);
    const synonym = common ? FREEFORM_SYNONYMS[common] : b.random.chance(0.05) ? `${b.tags[index]!.name} (feelings)` : undefined;
    if (synonym) b.synonym(index, [synonym]);
  }
  for (const [sub, meta] of Object.entries(FREEFORM_METAS)) {
    const [s, m] = [byName.get(sub), byName.get(meta)];
    if (s !== undefined && m !== undefined) b.tags[s]!.metas.push(m);
  }
  return freeforms;
}

function planUnwrangled(b: Builder, count: number): number[] {
  const unwrangled: number[] = [];
  for (let i = 0; i < count; i++) {
    const noun = b.random.pick(NOUNS);
    const candidates = [`${b.random.pick(FIRST_NAMES)} ${b.random.pick(VERBS)} the ${noun}`, `there is a ${b.random.pick(ADJECTIVES)} ${noun} and it matters`];
    unwrangled.push(b.add('freeform', candidates, { canonical: false }));
  }
  return unwrangled;
}

export function planTags(random: Random, works: number): TagPlan {
  const b = new Builder(random);
  const { fandoms, bases } = planFandoms(b, clamp(works / 150, 8, 8000));
  const { charactersOf, relationshipsOf } = planPeople(b, fandoms, bases);
  const freeforms = planFreeforms(b, clamp(works / 25, COMMON_FREEFORMS.length, 40_000), fandoms);
  const unwrangled = planUnwrangled(b, clamp(works / 15, 20, 80_000));
  return {
    tags: b.tags,
    fandoms,
    fandomPopularity: new Zipf(fandoms.length, 1),
    charactersOf,
    relationshipsOf,
    freeforms,
    freeformPopularity: new Zipf(freeforms.length, 1),
    unwrangled,
    unwrangledPopularity: new Zipf(unwrangled.length, 0.6),
    synonymsOf: b.synonymsOf,
  };
}

/**
 * For each tag, the tags a work carrying it is found under (ARCHITECTURE.md, "Tag graph and
 * filter tags"): its canonical tag (itself unless a synonym) and every meta-tag above that.
 */
export function filterClosures(tags: PlannedTag[]): number[][] {
  const memo = new Map<number, number[]>();
  const above = (index: number): number[] => {
    const known = memo.get(index);
    if (known) return known;
    const result = new Set([index]);
    for (const meta of tags[index]!.metas) for (const id of above(meta)) result.add(id);
    memo.set(index, [...result]);
    return memo.get(index)!;
  };
  return tags.map((tag, index) => above(tag.synonymOf ?? index));
}
