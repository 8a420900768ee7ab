import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Block, ImportedWork } from '../importing.model.ts';
import { detectStructure, parseSource, type DetectInput } from './detect.ts';
import { buildDocx } from './docx-builder.ts';
import { isFaithful } from './fidelity.ts';

const fixtures = path.join(import.meta.dirname, 'fixtures');
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name));

async function detect(input: DetectInput): Promise<ImportedWork> {
  const result = await detectStructure(input);
  assert.ok(result.ok, result.ok ? '' : result.error.message);
  const parsed = await parseSource(input);
  assert.ok(parsed.ok);
  assert.ok(isFaithful(parsed.value.paragraphs, result.value), 'the draft keeps every paragraph once, in order');
  return result.value;
}

const blocks = (work: ImportedWork, chapter = 0): Block[] => work.chapters[chapter]!.blocks;
const kinds = (work: ImportedWork, chapter = 0) => blocks(work, chapter).map((b) => b.kind);
const lyrics = (work: ImportedWork) => work.chapters.flatMap((c) => c.blocks.flatMap((b) => (b.kind === 'lyrics' ? [b.lines] : [])));

describe('import detector: the plain-text songfic', () => {
  it('finds the note, disclaimer, title, stanzas, repeated chorus and closing note', async () => {
    const work = await detect({ data: fixture('songfic.txt') });
    assert.match(work.notes.beginning!, /^Hey everyone!! So this is my first songfic/);
    assert.match(work.disclaimer!, /^Disclaimer – I don't own Starlight Station/);
    assert.equal(work.title, 'Hollow Lights');
    assert.match(work.notes.end!, /^Please review and tell me what you think, good or bad!/);
    assert.deepEqual(work.songs, [{ title: null, artist: 'The Paper Lanterns' }]);
    assert.equal(work.chapters.length, 1);
    const stanzas = lyrics(work);
    assert.equal(stanzas.length, 3);
    assert.deepEqual(stanzas[0], ['I keep the lights on in an empty room', 'Waiting for a voice I used to know', 'Tell me why the silence sounds like you', 'Tell me where the hollow echoes go']);
    assert.equal(stanzas[2]![1], 'Even when the night is so long', 'the changed chorus is still lyrics');
    assert.equal(kinds(work).at(-1), 'lyrics', 'the story ends with the song');
    assert.equal(work.suggestedTags.length, 0);
    assert.ok(work.wordCount > 300 && work.wordCount < 450);
  });

  it('keeps short dialogue and short dramatic sentences as prose', async () => {
    const work = await detect({ data: fixture('songfic.txt') });
    const prose = blocks(work).flatMap((b) => (b.kind === 'prose' ? [b.text] : []));
    for (const line of ['"Mara?"', 'She froze.', 'Too late.']) assert.ok(prose.includes(line), line);
  });

  it('suggests the suicide attempt warning, quoting the passages', async () => {
    const work = await detect({ data: fixture('songfic.txt') });
    const warning = work.suggestedWarnings.find((w) => w.name === 'Suicide Attempt');
    assert.ok(warning);
    assert.ok(warning.evidence.some((e) => e.includes('pressed the gun against her temple')));
    assert.ok(warning.evidence.some((e) => e.includes('tried to kill herself')));
  });
});

describe('import detector: plain-text conventions', () => {
  it('takes A/N notes at the top and bottom and starts chapters at "Chapter N", with * * * and xXx breaks', async () => {
    const work = await detect({ data: fixture('an-notes-chapters.txt') });
    assert.match(work.notes.beginning!, /^A\/N: This one is for the prompt challenge/);
    assert.match(work.notes.end!, /^A\/N: Thanks for reading!/);
    assert.deepEqual(work.chapters.map((c) => c.title), ['Chapter 1', 'Chapter 2: The Visitor', 'Chapter Three']);
    assert.deepEqual(kinds(work, 0), ['prose', 'break', 'prose']);
    assert.deepEqual(kinds(work, 1), ['prose', 'break', 'prose']);
    assert.deepEqual(lyrics(work), []);
  });

  it('takes a "Title:" line first and a disclaimer last, ~ lyrics and ~*~ breaks', async () => {
    const work = await detect({ data: fixture('disclaimer-last-tilde.txt') });
    assert.equal(work.title, 'Title: Salt and Static');
    assert.match(work.disclaimer!, /^Disclaimer: I don't own the song/);
    assert.deepEqual(work.songs, [{ title: 'Static Hearts', artist: 'Marlow Vance' }]);
    assert.deepEqual(kinds(work), ['prose', 'lyrics', 'prose', 'break', 'prose']);
    assert.equal(lyrics(work)[0]!.length, 4);
  });

  it('finds lyrics marked by quotes and keeps the dialogue around them as prose', async () => {
    const work = await detect({ data: fixture('quoted-lyrics.txt') });
    assert.match(work.notes.beginning!, /^Notes: written for a friend/);
    assert.deepEqual(kinds(work), ['prose', 'lyrics', 'prose', 'prose', 'prose']);
  });

  it('finds no lyrics in a story of one-line dialogue and short dramatic sentences', async () => {
    const work = await detect({ data: fixture('traps.txt') });
    assert.deepEqual(lyrics(work), []);
    assert.equal(work.title, null);
    assert.equal(blocks(work).length, 10);
  });

  it('reads a Summary: line, CHAPTER ONE headings and --- / ___ breaks', async () => {
    const work = await detect({ data: fixture('multi-chapter-breaks.txt') });
    assert.match(work.summary!, /^Summary: Two rival bakers/);
    assert.deepEqual(work.chapters.map((c) => c.title), ['CHAPTER ONE', 'CHAPTER TWO']);
    assert.deepEqual(kinds(work, 0), ['prose', 'break', 'prose']);
    assert.deepEqual(kinds(work, 1), ['prose', 'break', 'prose']);
  });

  it('handles CRLF, NBSP, smart quotes and a byte-order mark, keeping the characters', async () => {
    const text = fixture('crlf-template.txt')
      .toString('utf8')
      .replaceAll('{BOM}', '\uFEFF')
      .replaceAll('{NBSP}', '\u00A0')
      .replaceAll('{LQ}', '\u201C')
      .replaceAll('{RQ}', '\u201D')
      .replace(/\n/g, '\r\n');
    const work = await detect({ data: Buffer.from(text, 'utf8') });
    assert.equal(work.notes.beginning, 'A/N:\u00A0a quick one-shot for the winter exchange — hope you like it, \u201CSnowdrop\u201D!');
    assert.equal(work.title, 'The Long Night');
    assert.deepEqual(lyrics(work)[0]![0], '\u201CCarry the light up the hill\u201D');
    assert.ok(blocks(work).some((b) => b.kind === 'prose' && b.text.includes('nine.\u00A0Some things')));
    assert.equal(work.notes.end, 'Thanks for reading\u00A0— comments are lovely!');
    assert.ok(JSON.stringify(work).indexOf('\r') < 0);
  });
});

describe('import detector: HTML, Markdown and DOCX', () => {
  it('reads an AO3 download: title, summary, notes, chapter headings, italic lyrics, <hr>; drops the chrome', async () => {
    const work = await detect({ data: fixture('ao3-download.html') });
    assert.equal(work.title, 'Paper Moons');
    assert.equal(work.summary, 'Two astronomers, one telescope, no sleep.');
    assert.equal(work.notes.beginning, 'Song is "Orbit Lullaby" by The Glass Tides.');
    assert.equal(work.notes.end, 'Thank you for reading!');
    assert.deepEqual(work.songs, [{ title: 'Orbit Lullaby', artist: 'The Glass Tides' }]);
    assert.deepEqual(work.chapters.map((c) => c.title), ['Chapter 1: First Light', 'Chapter 2: Second Light']);
    assert.deepEqual(lyrics(work), [['Hush now, little moon', 'Swing low across the blue']]);
    assert.deepEqual(kinds(work, 1), ['prose', 'break', 'prose']);
    const all = JSON.stringify(work);
    for (const chrome of ['Posted originally', 'General Audiences', 'fanwriter', 'drop by the Archive', 'Summary"', 'End Notes']) assert.ok(!all.includes(chrome), chrome);
  });

  it('reads a FanFiction.net page: the title from the header, the story from #storytext, nothing else', async () => {
    const work = await detect({ data: fixture('ffn.html') });
    assert.equal(work.title, 'Under the Bridge');
    assert.equal(work.disclaimer, "A/N: I don't own anything!");
    assert.equal(work.notes.end, 'Please review!');
    assert.deepEqual(lyrics(work), [['Down by the water', 'Down where the lanterns go']]);
    const all = JSON.stringify(work);
    for (const chrome of ['Community', 'Rated:', 'Post Review', 'Privacy', 'storyid']) assert.ok(!all.includes(chrome), chrome);
  });

  it('reads an eFiction page: title link, notes before and after, <br><br> paragraphs, <i> lyrics', async () => {
    const work = await detect({ data: fixture('efiction.html') });
    assert.equal(work.title, 'Ribbons');
    assert.match(work.notes.beginning!, /^Written for the spring fest/);
    assert.equal(work.notes.end, 'Reviews are loved and cherished!');
    assert.deepEqual(lyrics(work), [['Round and round the ribbons go', 'Over high and under low']]);
    assert.deepEqual(kinds(work), ['prose', 'prose', 'lyrics', 'prose']);
    assert.ok(!JSON.stringify(work).includes('quillfeather') && !JSON.stringify(work).includes('Powered by'));
  });

  it('reads plain HTML with italic lyrics set apart by empty paragraphs and an <hr>', async () => {
    const work = await detect({ data: fixture('italic-lyrics.html') });
    assert.deepEqual(kinds(work), ['prose', 'lyrics', 'prose', 'break', 'prose']);
  });

  it('reads Markdown: a # title, *italic* lyrics (marks kept), --- breaks and ## Chapter headings', async () => {
    const work = await detect({ data: fixture('italics.md') });
    assert.equal(work.title, 'The Orchard');
    assert.equal(work.notes.beginning, 'Notes: a small autumn story.');
    assert.deepEqual(lyrics(work), [['*Pick the apples, fill the cart*', '*Every one a little heart*']]);
    assert.deepEqual(work.chapters.map((c) => c.title), [null, 'Chapter 2']);
    assert.deepEqual(kinds(work, 0), ['prose', 'lyrics', 'prose', 'break']);
  });

  it('reads a Word document: a Heading 1 title, italic lyrics, empty paragraphs as gaps', async () => {
    const docx = buildDocx([
      [{ text: 'Disclaimer: I do not own Imaginary Show. The song "Fold the Paper" is by Kestrel Lane.' }],
      { heading: 'Paper Boats' },
      [{ text: 'The stream behind the school ran fast in spring, and every afternoon the twins folded boats from their homework and raced them to the culvert.' }],
      [],
      [{ text: 'Fold the paper into boats', italic: true }],
      [{ text: 'Send them down the stream', italic: true }],
      [],
      [{ text: 'Their teacher never found out, or ' }, { text: 'pretended', italic: true }, { text: ' not to.' }],
    ]);
    const work = await detect({ data: docx });
    assert.equal(work.title, 'Paper Boats');
    assert.match(work.disclaimer!, /^Disclaimer: I do not own/);
    assert.deepEqual(work.songs, [{ title: 'Fold the Paper', artist: 'Kestrel Lane' }]);
    assert.deepEqual(lyrics(work), [['Fold the paper into boats', 'Send them down the stream']]);
    assert.deepEqual(kinds(work), ['prose', 'lyrics', 'prose']);
  });
});

describe('import detector: format sniffing', () => {
  it('tells DOCX, HTML, Markdown and text apart when no format is given', async () => {
    const sniff = async (data: DetectInput['data']) => {
      const parsed = await parseSource({ data });
      assert.ok(parsed.ok);
      return parsed.value.format;
    };
    assert.equal(await sniff(buildDocx([[{ text: 'Hello there.' }]])), 'docx');
    assert.equal(await sniff(fixture('ffn.html')), 'html');
    assert.equal(await sniff(fixture('italics.md')), 'md');
    assert.equal(await sniff(fixture('songfic.txt')), 'text');
    assert.equal(await sniff('Just *some* text.'), 'text');
  });
});
