import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { htmlParagraphs } from './sources/html.ts';
import { textParagraphs } from './sources/text.ts';
import { buildWork } from './structure.ts';
import { isFaithful } from './fidelity.ts';
import { isBreakMarker, type Paragraph } from './paragraph.ts';

/**
 * The fidelity rule, proven on random documents: generated from building blocks (prose, short
 * lines, stanzas, notes, disclaimers, titles, breaks, chapter headings, random Unicode), joined with
 * random gaps, CRLF, NBSP and a BOM. The generator knows its own paragraphs, so the expectation
 * does not come from the code under test.
 */
type Doc = string[];

const noise = fc.constantFrom('', ' ', '\u00A0', '\t', ' \u00A0 ');
const unicodeLine = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 40 })
  .map((s) => s.replace(/[\r\n\u2028\u2029\u0085]/g, ' ').trim())
  .filter((s) => s.length > 0);
const words = fc.array(fc.constantFrom('the', 'light', 'she', 'ran', 'never', 'home', 'kill', 'dead', 'love', 'moon', '“quoted”', 'don’t', 'A/N:', '~', '*', 'Chapter'), { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));
const prose = fc.array(fc.oneof(words, unicodeLine), { minLength: 3, maxLength: 8 }).map((parts) => `${parts.join(' ')}.`);
const shortLine = fc.oneof(words, words.map((w) => `*${w}*`), words.map((w) => `~${w}~`), words.map((w) => `“${w}”`), words.map((w) => `"${w}," she said.`));
const stanza = fc.array(shortLine, { minLength: 1, maxLength: 4 }).map((lines) => lines.join('\n'));
const fixed = fc.constantFrom('* * *', 'xXx', '~*~', '---', '___', 'Chapter 2', 'CHAPTER THREE: Rain', 'A/N: thanks!', 'Disclaimer: I don’t own it.', 'Title: Moons', 'Summary: a tale.', 'Please review!', 'Prologue');
const paragraph = fc.oneof({ weight: 3, arbitrary: prose }, { weight: 3, arbitrary: shortLine }, { weight: 1, arbitrary: stanza }, { weight: 2, arbitrary: fixed }, { weight: 1, arbitrary: unicodeLine });
const doc: fc.Arbitrary<Doc> = fc.array(paragraph, { minLength: 1, maxLength: 30 });

const expected = (doc: Doc) => doc.map((text) => text.split('\n').map((line) => line.trim()).join('\n'));

function render(doc: Doc, gaps: number[], pad: string[], crlf: boolean, bom: boolean): string {
  const parts = doc.map((text, i) => {
    const gap = Array.from({ length: gaps[i % gaps.length]! }, () => pad[i % pad.length]!).join('\n');
    return `${i === 0 ? '' : `\n${gap}\n`}${pad[(i + 1) % pad.length]}${text.split('\n').join(`${pad[i % pad.length]}\n`)}`;
  });
  const text = parts.join('');
  return `${bom ? '\uFEFF' : ''}${crlf ? text.replace(/\n/g, '\r\n') : text}`;
}

const texts = (paragraphs: Paragraph[]) => paragraphs.map((p) => p.text);

describe('import detector: fidelity (property)', () => {
  it('plain text: the splitter finds exactly the generated paragraphs, and the draft keeps each once, in order', () => {
    fc.assert(
      fc.property(doc, fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 5 }), fc.array(noise, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.boolean(), (d, gaps, pad, crlf, bom) => {
        const paragraphs = textParagraphs(render(d, gaps, pad, crlf, bom));
        assert.deepEqual(texts(paragraphs), expected(d));
        assert.deepEqual(paragraphs.map((p) => p.kind === 'break'), expected(d).map(isBreakMarker));
        const work = buildWork(paragraphs);
        assert.ok(isFaithful(paragraphs, work), JSON.stringify(work));
      }),
      { numRuns: 400 },
    );
  });

  it('HTML: <p> per paragraph, <br> per line, <hr> and empty paragraphs: every paragraph kept once, in order', () => {
    const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    fc.assert(
      fc.property(doc, fc.boolean(), (d, hr) => {
        const html = d.map((text, i) => (hr && i % 5 === 4 ? '<hr>' : `<p>${text.split('\n').map(escape).join('<br>\n')}</p>${i % 3 === 0 ? '<p>&nbsp;</p>' : ''}`)).join('\n');
        const paragraphs = htmlParagraphs(html);
        const collapse = (s: string) => s.split('\n').map((l) => l.replace(/[ \t\r\n\f]+/g, ' ').trim()).filter(Boolean).join('\n');
        const want = d.map((text, i) => (hr && i % 5 === 4 ? '' : collapse(text))).filter((t, i) => t !== '' || (hr && i % 5 === 4));
        assert.deepEqual(texts(paragraphs), want);
        assert.ok(isFaithful(paragraphs, buildWork(paragraphs)));
      }),
      { numRuns: 200 },
    );
  });

  it('the check itself refuses a draft that lost, invented or reordered a paragraph', () => {
    const paragraphs = textParagraphs('One long paragraph of prose that goes on for a while, really.\n\nA second paragraph of prose that is also long enough.\n\n* * *\n\nThe end of it all, said plainly and with a full stop.');
    const work = buildWork(paragraphs);
    assert.ok(isFaithful(paragraphs, work));
    const blocks = work.chapters[0]!.blocks;
    assert.ok(!isFaithful(paragraphs, { ...work, chapters: [{ title: null, blocks: blocks.slice(1) }] }));
    assert.ok(!isFaithful(paragraphs, { ...work, chapters: [{ title: null, blocks: [...blocks, { kind: 'prose', text: 'Invented.' }] }] }));
    assert.ok(!isFaithful(paragraphs, { ...work, chapters: [{ title: null, blocks: [blocks[1]!, blocks[0]!, ...blocks.slice(2)] }] }));
    assert.ok(!isFaithful(paragraphs, { ...work, chapters: [{ title: null, blocks: blocks.filter((b) => b.kind !== 'break') }] }));
  });
});
