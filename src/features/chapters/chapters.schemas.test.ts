import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChapterHeading } from './chapters.model.ts';
import { orderFromRequest } from './chapters.schemas.ts';

const chapters: ChapterHeading[] = [11, 12, 13, 14].map((id, i) => ({ id, position: i + 1, title: '', wordCount: 1, publishedAt: new Date(0) }));
const order = (numbers: Record<number, number>) => orderFromRequest(chapters, Object.fromEntries(Object.entries(numbers).map(([id, n]) => [`position_${id}`, n])));

describe('chapter reordering', () => {
  it('keeps the order when nothing changes, or when the form leaves chapters out', () => {
    assert.deepEqual(order({ 11: 1, 12: 2, 13: 3, 14: 4 }), [11, 12, 13, 14]);
    assert.deepEqual(order({}), [11, 12, 13, 14]);
  });

  it('moves a chapter up or down to the number asked for, the others keeping their order', () => {
    assert.deepEqual(order({ 13: 1 }), [13, 11, 12, 14]);
    assert.deepEqual(order({ 11: 4 }), [12, 13, 14, 11]);
    assert.deepEqual(order({ 11: 3, 12: 2, 13: 3, 14: 4 }), [12, 13, 11, 14]);
  });

  it('applies a full new order exactly, and settles clashes on the nearest free place', () => {
    assert.deepEqual(order({ 11: 4, 12: 3, 13: 2, 14: 1 }), [14, 13, 12, 11]);
    assert.deepEqual(order({ 11: 4, 12: 4 }), [13, 14, 12, 11]);
  });
});
