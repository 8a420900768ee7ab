import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ImportedWork, SuggestedTag } from '../importing.model.ts';
import { suggestTags } from './suggest-tags.ts';
import { nameKey } from './tokens.ts';
import { buildVocabulary, type SuggestableType, type VocabularyRow } from './vocabulary.ts';

/** A small archive: two fandoms with characters, synonyms, a relationship, additional tags, and fandoms named like common words. */
const ROWS: VocabularyRow[] = [];
let nextId = 1;
function tag(type: SuggestableType, name: string, options: { parents?: number[]; synonyms?: string[] } = {}): number {
  const id = nextId++;
  ROWS.push({ id, type, name, canonicalId: id, parentIds: options.parents ?? [] });
  for (const synonym of options.synonyms ?? []) ROWS.push({ id: nextId++, type, name: synonym, canonicalId: id, parentIds: [] });
  return id;
}
const spn = tag('fandom', 'Supernatural (TV 2005)', { synonyms: ['SPN', 'Supernatural'] });
const hp = tag('fandom', 'Harry Potter - J. K. Rowling', { synonyms: ['Harry Potter'] });
tag('fandom', 'Lost (TV)');
tag('fandom', 'House M.D.', { synonyms: ['House'] });
const dean = tag('character', 'Dean Winchester', { parents: [spn], synonyms: ['Deanmon'] });
const sam = tag('character', 'Sam Winchester', { parents: [spn], synonyms: ['Sammy'] });
const cas = tag('character', 'Castiel (Supernatural)', { parents: [spn] });
tag('character', 'Harry Potter', { parents: [hp] });
tag('character', 'Dean Thomas', { parents: [hp] });
tag('relationship', 'Castiel/Dean Winchester', { parents: [spn, cas, dean], synonyms: ['Destiel'] });
tag('relationship', 'Dean Winchester & Sam Winchester', { parents: [spn, dean, sam] });
tag('freeform', 'Angst');
tag('freeform', 'Hurt/Comfort', { synonyms: ['h/c'] });
const vocabulary = buildVocabulary(ROWS);

function work(parts: { notes?: string; disclaimer?: string; endNotes?: string; summary?: string; prose?: string[]; lyrics?: string[] }): ImportedWork {
  return {
    title: 'A Title',
    summary: parts.summary ?? null,
    notes: { beginning: parts.notes ?? null, end: parts.endNotes ?? null },
    disclaimer: parts.disclaimer ?? null,
    songs: [],
    chapters: [{ title: null, blocks: [...(parts.prose ?? []).map((text) => ({ kind: 'prose' as const, text })), ...(parts.lyrics ? [{ kind: 'lyrics' as const, lines: parts.lyrics }] : [])] }],
    wordCount: 0,
    suggestedTags: [],
    suggestedWarnings: [],
  };
}
const names = (tags: SuggestedTag[]) => tags.map((t) => `${t.type}:${t.name}`);

describe('tag suggestions', () => {
  it('cuts names into the same word keys as text: case, NFKC, apostrophes, possessives, hyphens', () => {
    assert.equal(nameKey('Dean Winchester'), 'dean winchester');
    assert.equal(nameKey('ＤＥＡＮ’s'), 'dean');
    assert.equal(nameKey('Spider-Man'), 'spider man');
    assert.equal(nameKey('Castiel/Dean Winchester'), 'castiel / dean winchester');
  });

  it('suggests a fandom named by a synonym in the disclaimer, with the sentence as evidence, under its canonical name', () => {
    const tags = suggestTags(work({ disclaimer: "Disclaimer – I don't own spn, the CW does. And this song belongs to someone else.", prose: ['The road was long and the night was longer than the road.'] }), vocabulary);
    assert.deepEqual(tags, [{ type: 'fandom', name: 'Supernatural (TV 2005)', evidence: "Disclaimer – I don't own spn, the CW does." }]);
  });

  it('matches on word boundaries only', () => {
    assert.deepEqual(suggestTags(work({ notes: 'Supernaturally good pie. The SPNs of the world unite.' }), vocabulary), []);
  });

  it('reads a capitalised name typed in lowercase in the story as an ordinary word, but not in the notes', () => {
    assert.deepEqual(names(suggestTags(work({ prose: ['He was lost in the house, and nobody came for him.'] }), vocabulary)), []);
    assert.deepEqual(names(suggestTags(work({ prose: ['They watched Lost all weekend.'] }), vocabulary)), ['fandom:Lost (TV)']);
    assert.deepEqual(names(suggestTags(work({ notes: 'a/n: my first house fic!' }), vocabulary)), ['fandom:House M.D.']);
  });

  it('suggests characters mentioned at least three times, counting first names that belong to one character of the fandom', () => {
    const prose = [
      'Dean Winchester drove the Impala through the rain. Sam slept in the passenger seat.',
      'Dean turned the radio down. "You awake, Sammy?" Dean asked.',
      'Castiel appeared in the back seat, and Dean nearly drove off the road.',
      'The Winchester brothers had seen stranger things.',
    ];
    const tags = suggestTags(work({ disclaimer: "I don't own Supernatural.", prose }), vocabulary);
    assert.deepEqual(names(tags), ['fandom:Supernatural (TV 2005)', 'character:Dean Winchester']);
    assert.equal(tags[1]!.evidence, 'Dean Winchester drove the Impala through the rain.');
  });

  it('does not let a first name shared with another fandom count when that fandom is not detected', () => {
    // "Dean" is also Dean Thomas of Harry Potter: with Supernatural detected, Dean Winchester gets the mentions.
    const prose = ['Dean laughed.', 'Dean cried.', 'Dean slept.'];
    assert.deepEqual(names(suggestTags(work({ notes: 'A Supernatural story.', prose }), vocabulary)), ['fandom:Supernatural (TV 2005)', 'character:Dean Winchester']);
    // With no fandom detected, "Dean" belongs to two characters: neither is suggested.
    assert.deepEqual(names(suggestTags(work({ prose }), vocabulary)), []);
  });

  it('does not suggest a character mentioned only once or twice', () => {
    assert.deepEqual(names(suggestTags(work({ notes: 'SPN.', prose: ['Sam waved.', 'Sam left.'] }), vocabulary)), ['fandom:Supernatural (TV 2005)']);
  });

  it('suggests a relationship when both its characters are central, quoting a sentence that names both', () => {
    const prose = ['Sam read.', 'Castiel watched the sky.', 'Sam and Dean argued about pie while Castiel listened.', 'Dean lost.', 'Castiel smiled.', 'Sam won.', 'Dean sulked.'];
    const tags = suggestTags(work({ notes: 'SPN', prose }), vocabulary);
    assert.deepEqual(names(tags), [
      'fandom:Supernatural (TV 2005)',
      'character:Sam Winchester',
      'character:Castiel (Supernatural)',
      'character:Dean Winchester',
      'relationship:Castiel/Dean Winchester',
      'relationship:Dean Winchester & Sam Winchester',
    ]);
    assert.equal(tags.find((t) => t.name === 'Castiel/Dean Winchester')!.evidence, 'Sam and Dean argued about pie while Castiel listened.');
  });

  it('suggests a relationship named by a synonym, and additional tags only from the notes', () => {
    const tags = suggestTags(work({ notes: 'A/N: Destiel, with lots of h/c and some angst.', prose: ['There was angst everywhere in this story, and some more angst.'] }), vocabulary);
    assert.deepEqual(names(tags), ['relationship:Castiel/Dean Winchester', 'freeform:Hurt/Comfort', 'freeform:Angst']);
    assert.deepEqual(names(suggestTags(work({ prose: ['So much angst here.'] }), vocabulary)), []);
  });

  it('finds a fandom in lyrics and end notes, and suggests nothing from an empty archive', () => {
    assert.deepEqual(names(suggestTags(work({ lyrics: ['Singing Harry Potter all night long'] }), vocabulary)), ['fandom:Harry Potter - J. K. Rowling']);
    assert.deepEqual(names(suggestTags(work({ endNotes: 'Please review! I love SPN.' }), vocabulary)), ['fandom:Supernatural (TV 2005)']);
    assert.deepEqual(suggestTags(work({ notes: 'SPN' }), buildVocabulary([])), []);
  });

  // Its speed is measured by bench/import-detector.ts, not here.
  it('finds the same suggestions in a 100,000-word text among 20,000 other tags', () => {
    const rows: VocabularyRow[] = [...ROWS];
    for (let i = 0; i < 20_000; i++) rows.push({ id: 10_000 + i, type: 'freeform', name: `Generated Tag Number ${i} Of Many Words Here`, canonicalId: 10_000 + i, parentIds: [] });
    const big = buildVocabulary(rows);
    const paragraph = 'Dean Winchester walked into the bar, and Sam followed him with the tag number of many words here. '.repeat(10);
    const text = work({ notes: 'SPN', prose: Array.from({ length: 550 }, () => paragraph) });
    const tags = suggestTags(text, big);
    assert.ok(tags.some((t) => t.name === 'Dean Winchester'));
  });
});
