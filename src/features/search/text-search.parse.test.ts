import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { hostileQuery } from './hostile-query.fixture.ts';
import { MAX_TERM_CHARS, MAX_TERMS, parseTextQuery, type SearchTerm } from './text-search.ts';

const word = (text: string): SearchTerm => ({ kind: 'word', text });
const phrase = (text: string): SearchTerm => ({ kind: 'phrase', text });


describe('parseTextQuery', () => {
  it('reads words as terms that must all match', () => {
    assert.deepEqual(parseTextQuery('dragon  hoard'), { clauses: [[word('dragon')], [word('hoard')]], excluded: [] });
  });

  it('reads quoted phrases, straight or curly, and runs an unclosed quote to the end', () => {
    assert.deepEqual(parseTextQuery('"slow burn" “found family” "enemies to'), {
      clauses: [[phrase('slow burn')], [phrase('found family')], [phrase('enemies to')]],
      excluded: [],
    });
  });

  it('excludes -words, -"phrases", !words and NOT words', () => {
    assert.deepEqual(parseTextQuery('tea -coffee -"hot chocolate" !milk NOT sugar'), {
      clauses: [[word('tea')]],
      excluded: [word('coffee'), phrase('hot chocolate'), word('milk'), word('sugar')],
    });
  });

  it('joins the terms either side of OR (or |) into one clause', () => {
    assert.deepEqual(parseTextQuery('dragon knight OR wizard | witch castle'), {
      clauses: [[word('dragon')], [word('knight'), word('wizard'), word('witch')], [word('castle')]],
      excluded: [],
    });
  });

  it('treats lowercase or as a word and drops an OR with nothing on one side', () => {
    assert.deepEqual(parseTextQuery('this or that'), { clauses: [[word('this')], [word('or')], [word('that')]], excluded: [] });
    assert.deepEqual(parseTextQuery('OR dragon OR'), { clauses: [[word('dragon')]], excluded: [] });
    assert.deepEqual(parseTextQuery('dragon OR -knight'), { clauses: [[word('dragon')]], excluded: [word('knight')] });
  });

  it('ignores parentheses, AND and terms without a letter or digit', () => {
    assert.deepEqual(parseTextQuery('(dragon AND knight) && !!! -- "" :: \\'), { clauses: [[word('dragon')], [word('knight')]], excluded: [] });
  });

  it('keeps punctuation inside a word for PostgreSQL to split, and unicode as typed (NFKC)', () => {
    assert.deepEqual(parseTextQuery("don't spider-man 中文 ＡＢＣ"), { clauses: [[word("don't")], [word('spider-man')], [word('中文')], [word('ABC')]], excluded: [] });
  });

  it('returns null when nothing is searchable', () => {
    for (const raw of ['', '   ', '()', '"', '- ! OR NOT AND', '&&||!!', '\u0000\u0001']) assert.equal(parseTextQuery(raw), null, JSON.stringify(raw));
  });

  it('keeps a query of exclusions only', () => {
    assert.deepEqual(parseTextQuery('-angst'), { clauses: [], excluded: [word('angst')] });
  });

  it('caps the number and length of terms, and removes NUL and control characters', () => {
    const many = parseTextQuery(Array.from({ length: 100 }, (_, i) => `w${i}`).join(' '))!;
    assert.equal(many.clauses.length, MAX_TERMS);
    const long = parseTextQuery('x'.repeat(10_000))!;
    assert.equal(long.clauses[0]![0]!.text.length, MAX_TERM_CHARS);
    assert.deepEqual(parseTextQuery('a\u0000b'), { clauses: [[word('a')], [word('b')]], excluded: [] });
  });

  it('never throws, and every term it returns has a letter or digit and no NUL (fast-check)', () => {
    fc.assert(
      fc.property(hostileQuery, (raw) => {
        const query = parseTextQuery(raw);
        if (query === null) return;
        const terms = [...query.clauses.flat(), ...query.excluded];
        assert.ok(terms.length > 0 && terms.length <= MAX_TERMS);
        for (const term of terms) {
          assert.match(term.text, /[\p{L}\p{N}]/u);
          assert.ok(!term.text.includes('\u0000'));
          assert.ok([...term.text].length <= MAX_TERM_CHARS);
        }
        for (const clause of query.clauses) assert.ok(clause.length > 0);
      }),
      { numRuns: 2_000 },
    );
  });
});
