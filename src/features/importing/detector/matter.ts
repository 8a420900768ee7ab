import { couldBeTitle, isChapterHeading, isDisclaimer, isEndNote, isNote, isSummaryLabelled, isTitleLabelled } from './patterns.ts';
import type { Paragraph } from './paragraph.ts';

/**
 * Front matter (title, summary, notes, disclaimer) at the start and end matter (end notes, a
 * closing disclaimer) at the end. Each field is one contiguous run of paragraphs; a field that
 * would come back after another one ends the matter, so nothing is ever taken out of order.
 * A scene break, a chapter heading or the first paragraph of story ends the front matter.
 */
export type MatterRole = 'title' | 'summary' | 'notes' | 'disclaimer' | 'endNotes';

const FRONT_LIMIT = 10;
const END_LIMIT = 8;
const LONG_PROSE_WORDS = 20;

const wordCount = (p: Paragraph | undefined) => (p ? p.text.split(/\s+/u).filter(Boolean).length : 0);

function labelledRole(p: Paragraph): MatterRole | null {
  if (p.hint === 'title' || p.hint === 'summary' || p.hint === 'notes') return p.hint;
  if (p.hint) return null;
  if (isTitleLabelled(p.text)) return 'title';
  if (isSummaryLabelled(p.text)) return 'summary';
  if (isDisclaimer(p.text)) return 'disclaimer';
  if (isNote(p.text)) return 'notes';
  return null;
}

function repeatedLater(paragraphs: Paragraph[], i: number): boolean {
  const text = paragraphs[i]!.text.toLowerCase();
  return paragraphs.some((p, k) => k > i && p.text.length === text.length && p.text.toLowerCase() === text);
}

/** An unlabelled short line is the title when the matter before it, or what follows it, says so. */
function plainTitle(paragraphs: Paragraph[], i: number, roles: MatterRole[]): boolean {
  const p = paragraphs[i]!;
  if (p.kind === 'heading') return !isChapterHeading(p.text);
  if (p.kind !== 'text' || p.italic || !couldBeTitle(p.text) || isChapterHeading(p.text) || repeatedLater(paragraphs, i)) return false;
  const next = paragraphs[i + 1];
  const nextLabelled = next && next.kind === 'text' && labelledRole(next) !== null;
  const afterMatter = roles.some((r) => r === 'notes' || r === 'disclaimer');
  return afterMatter || nextLabelled === true || wordCount(next) >= LONG_PROSE_WORDS || next?.kind === 'heading' || next?.kind === 'break';
}

/** An unlabelled first paragraph is a chatty author's note when a disclaimer or a labelled field follows it. */
function chattyNote(paragraphs: Paragraph[], i: number): boolean {
  const next = paragraphs[i + 1];
  return i === 0 && paragraphs[i]!.kind === 'text' && next !== undefined && next.kind === 'text' && labelledRole(next) !== null && labelledRole(next) !== 'notes';
}

function frontRole(paragraphs: Paragraph[], i: number, roles: MatterRole[]): MatterRole | null {
  const p = paragraphs[i]!;
  if (p.kind === 'break' || p.hint === 'chapterTitle' || p.hint === 'endNotes') return null;
  if (p.kind === 'text' && isChapterHeading(p.text)) return null;
  const labelled = p.kind === 'text' ? labelledRole(p) : p.hint === 'title' ? 'title' : null;
  if (labelled) return labelled;
  if (!roles.includes('title') && plainTitle(paragraphs, i, roles)) return 'title';
  if (roles.length === 0 && chattyNote(paragraphs, i)) return 'notes';
  return null;
}

/** Whether a role may take this paragraph: once per field, and only right after its own run. */
function accepts(roles: MatterRole[], role: MatterRole): boolean {
  return !roles.includes(role) || roles[roles.length - 1] === role && role !== 'title';
}

export function frontMatter(paragraphs: Paragraph[]): MatterRole[] {
  const roles: MatterRole[] = [];
  for (let i = 0; i < Math.min(paragraphs.length, FRONT_LIMIT); i++) {
    const role = frontRole(paragraphs, i, roles);
    if (!role || !accepts(roles, role)) break;
    roles.push(role);
  }
  // Never take the whole text: the story itself must keep at least one paragraph.
  return roles.length === paragraphs.length ? roles.slice(0, -1) : roles;
}

function endRole(p: Paragraph, disclaimerTaken: boolean): MatterRole | null {
  if (p.hint === 'endNotes') return 'endNotes';
  if (p.hint || p.kind !== 'text') return null;
  if (!disclaimerTaken && isDisclaimer(p.text)) return 'disclaimer';
  return isEndNote(p.text) ? 'endNotes' : null;
}

/** End matter, read from the last paragraph backwards; returns the roles in text order. */
export function endMatter(paragraphs: Paragraph[], from: number, disclaimerTaken: boolean): MatterRole[] {
  const reversed: MatterRole[] = [];
  for (let i = paragraphs.length - 1; i >= from && reversed.length < END_LIMIT; i--) {
    const role = endRole(paragraphs[i]!, disclaimerTaken || reversed.includes('disclaimer'));
    if (!role || !accepts(reversed, role)) break;
    reversed.push(role);
  }
  const roles = reversed.reverse();
  // As at the front, the story keeps at least one paragraph (unless a site marked them all as end notes).
  const all = roles.length > 0 && roles.length === paragraphs.length - from && paragraphs[from]!.hint !== 'endNotes';
  return all ? roles.slice(1) : roles;
}
