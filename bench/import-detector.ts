/**
 * The import detector's time on a 100,000-word plain-text songfic (issue 5 budget: under 200 ms).
 * Also times tag suggestions against 20,000 tags. Run: node --import tsx bench/import-detector.ts
 */
import { detectStructure } from '../src/features/importing/detector/detect.ts';
import { suggestTags } from '../src/features/importing/suggestions/suggest-tags.ts';
import { buildVocabulary, type VocabularyRow } from '../src/features/importing/suggestions/vocabulary.ts';

const WORDS = ['the', 'station', 'lights', 'she', 'waited', 'quietly', 'for', 'a', 'long', 'time', 'and', 'nobody', 'came', 'back', 'through', 'door', 'dark', 'river', 'morning', 'remembered'];

function prose(seed: number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[(seed * 7 + i * 13 + (i >> 3)) % WORDS.length]!);
  return `${out.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
}

const CHORUS = ['So leave the lights on, leave the lights on', 'Even when the night is long', "Leave the lights on, I'm still holding on", 'To the echo of your song'];

function buildSongfic(targetWords: number): { text: string; words: number } {
  const parts = ['A/N: a benchmark story, written by a loop.', "Disclaimer: I don't own anything. The song belongs to The Paper Lanterns.", 'Hollow Lights'];
  let words = 0;
  for (let i = 0; words < targetWords; i++) {
    if (i % 40 === 0) parts.push(`Chapter ${i / 40 + 1}`);
    const length = 60 + (i % 5) * 30;
    parts.push(prose(i, length));
    words += length;
    if (i % 6 === 5) parts.push(`"Are you coming?" she asked.`, 'Nobody moved.');
    // Some sentences the warning patterns have to look at, idioms and negations included.
    if (i % 10 === 9) parts.push('He gave her a killer smile. She did not die that night, but her heart stopped for a moment and the blood pooled on the floor.');
    if (i % 8 === 7) {
      parts.push(`\n${CHORUS.join('\n\n')}\n`);
      words += 24;
    }
    if (i % 25 === 24) parts.push('* * *');
  }
  parts.push('Please review, good or bad!');
  return { text: parts.join('\n\n'), words };
}

const { text, words } = buildSongfic(100_000);
if (process.env.DUMP) (await import('node:fs')).writeFileSync(process.env.DUMP, text);
// Wall time, and CPU time (user + system): on a loaded machine the CPU time is the fairer number.
const runs: number[] = [];
const cpuRuns: number[] = [];
let lyricBlocks = 0;
for (let i = 0; i < 9; i++) {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = await detectStructure({ format: 'text', data: text });
  runs.push(performance.now() - start);
  const used = process.cpuUsage(cpu);
  cpuRuns.push((used.user + used.system) / 1000);
  if (!result.ok) throw new Error(result.error.message);
  lyricBlocks = result.value.chapters.reduce((n, c) => n + c.blocks.filter((b) => b.kind === 'lyrics').length, 0);
}
runs.sort((a, b) => a - b);
cpuRuns.sort((a, b) => a - b);
const median = runs[Math.floor(runs.length / 2)]!;
const cpuMedian = cpuRuns[Math.floor(cpuRuns.length / 2)]!;
console.log(`import detector: ${words.toLocaleString('en')} words, ${text.length.toLocaleString('en')} characters, ${lyricBlocks} lyric stanzas found`);
console.log(`median of ${runs.length} runs: ${median.toFixed(1)} ms (min ${runs[0]!.toFixed(1)}, max ${runs[runs.length - 1]!.toFixed(1)}); budget 200 ms`);
console.log(`median CPU time: ${cpuMedian.toFixed(1)} ms (min ${cpuRuns[0]!.toFixed(1)})`);

// Tag suggestions over the same draft, against an archive of 20,000 canonical tags: building
// the lookup once, then one scan of the text (the import CLI and page do both per import).
const TAGS = 20_000;
const rows: VocabularyRow[] = Array.from({ length: TAGS }, (_, i) => ({
  id: i + 1,
  type: (['fandom', 'character', 'relationship', 'freeform'] as const)[i % 4]!,
  name: `${WORDS[i % WORDS.length]} ${WORDS[(i * 7) % WORDS.length]} tag ${i}`,
  canonicalId: i + 1,
  parentIds: [],
}));
const detected = await detectStructure({ format: 'text', data: text });
if (!detected.ok) throw new Error(detected.error.message);
const buildRuns: number[] = [];
const scanRuns: number[] = [];
for (let i = 0; i < 5; i++) {
  let start = performance.now();
  const vocabulary = buildVocabulary(rows);
  buildRuns.push(performance.now() - start);
  start = performance.now();
  suggestTags(detected.value, vocabulary);
  scanRuns.push(performance.now() - start);
}
const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(`tag suggestions against ${TAGS.toLocaleString('en')} tags: lookup built in ${medianOf(buildRuns).toFixed(1)} ms, text scanned in ${medianOf(scanRuns).toFixed(1)} ms (medians of ${scanRuns.length})`);
