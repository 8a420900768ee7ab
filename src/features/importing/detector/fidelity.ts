import type { Block, ImportedWork } from '../importing.model.ts';
import type { Paragraph } from './paragraph.ts';

/**
 * The fidelity rule as a check: flattens a draft back into paragraphs and compares them with
 * the paragraphs of the input. It passes when
 * - the front fields (title, summary, beginning notes, disclaimer — in any order, each a
 *   contiguous run) take a prefix of the input, the end fields (end notes, a closing disclaimer)
 *   take the rest after the body, and the body (chapter titles and blocks, in order) is between;
 * - every prose text, title or field paragraph equals one input paragraph; every lyrics block is
 *   the lines of one or more whole consecutive paragraphs; every break block is one break paragraph.
 * Used by the property tests, and cheap enough to assert in the import service later.
 */
type Unit = { kind: 'text'; text: string } | { kind: 'break' };
type Piece = { kind: 'text'; text: string } | { kind: 'break' } | { kind: 'lines'; lines: string[] };

const unitOf = (p: Paragraph): Unit => (p.kind === 'break' ? { kind: 'break' } : { kind: 'text', text: p.text });

function blockPiece(block: Block): Piece {
  if (block.kind === 'prose') return { kind: 'text', text: block.text };
  return block.kind === 'lyrics' ? { kind: 'lines', lines: block.lines } : { kind: 'break' };
}

function bodyPieces(work: ImportedWork): Piece[] {
  return work.chapters.flatMap((chapter) => [
    ...(chapter.title === null ? [] : [{ kind: 'text', text: chapter.title } as Piece]),
    ...chapter.blocks.map(blockPiece),
  ]);
}

/** Matches the body from `pos`; returns where it ended, or -1. */
function matchBody(units: Unit[], pos: number, pieces: Piece[]): number {
  for (const piece of pieces) {
    if (piece.kind === 'lines') {
      let taken = 0;
      while (taken < piece.lines.length) {
        const unit = units[pos];
        if (unit?.kind !== 'text') return -1;
        const lines = unit.text.split('\n');
        if (lines.some((line, k) => piece.lines[taken + k] !== line)) return -1;
        taken += lines.length;
        pos += 1;
      }
      continue;
    }
    const unit = units[pos];
    if (!unit || unit.kind !== piece.kind || (unit.kind === 'text' && piece.kind === 'text' && unit.text !== piece.text)) return -1;
    pos += 1;
  }
  return pos;
}

function fieldMatches(units: Unit[], pos: number, field: string[]): boolean {
  return field.every((text, k) => {
    const unit = units[pos + k];
    return unit?.kind === 'text' && unit.text === text;
  });
}

/** Can `fields` (in some order) consume exactly units[pos..end)? */
function consumeAll(units: Unit[], pos: number, end: number, fields: string[][]): boolean {
  if (pos === end) return fields.length === 0;
  return fields.some((field, k) => fieldMatches(units, pos, field) && pos + field.length <= end && consumeAll(units, pos + field.length, end, fields.filter((_, j) => j !== k)));
}

function tryFrom(units: Unit[], pos: number, fields: string[][], body: Piece[]): boolean {
  const bodyEnd = matchBody(units, pos, body);
  if (bodyEnd >= 0 && consumeAll(units, bodyEnd, units.length, fields)) return true;
  return fields.some((field, k) => fieldMatches(units, pos, field) && tryFrom(units, pos + field.length, fields.filter((_, j) => j !== k), body));
}

export function isFaithful(paragraphs: Paragraph[], work: ImportedWork): boolean {
  const fields = [work.title, work.summary, work.notes.beginning, work.disclaimer, work.notes.end]
    .filter((f): f is string => f !== null)
    .map((f) => f.split('\n\n'));
  return tryFrom(paragraphs.map(unitOf), 0, fields, bodyPieces(work));
}
