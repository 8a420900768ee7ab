import { z } from 'zod';
import type { Block, ImportedWork, SuggestedTag } from './importing.model.ts';
import type { ImportChoices } from './importing.service.ts';

/*
 * The import preview carries the detected structure to the "Create draft" POST in a hidden field
 * (the detector is not run twice, and nothing is stored before the writer says so). That field is
 * user input like any other: it is parsed here strictly — shapes, kinds, counts and lengths — and
 * everything that comes out of it still goes through the works form schema and the sanitizer
 * in createImportedDraft. Forging it gives a writer nothing they could not type into the form.
 */

/** Caps on the carried structure: far above any real story, low enough to bound the work. */
export const CARRY_LIMITS = { chapters: 500, blocks: 50_000, lines: 1_000, suggestions: 500, evidence: 50, short: 2_000 } as const;

/** The carried structure as a whole may be at most this many characters (a multiple of the import limit). */
export const carriedMaxChars = (importMaxBytes: number) => importMaxBytes * 3 + 1024 * 1024;

const text = (max: number) => z.string().max(max);
const optional = (max: number) => text(max).nullable();

function importedWorkSchema(maxText: number) {
  const block = z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('prose'), text: text(maxText) }).strict(),
    z.object({ kind: z.literal('lyrics'), lines: z.array(text(maxText)).min(1).max(CARRY_LIMITS.lines) }).strict(),
    z.object({ kind: z.literal('break') }).strict(),
  ]);
  return z
    .object({
      title: optional(CARRY_LIMITS.short),
      summary: optional(maxText),
      notes: z.object({ beginning: optional(maxText), end: optional(maxText) }).strict(),
      disclaimer: optional(maxText),
      songs: z.array(z.object({ title: optional(CARRY_LIMITS.short), artist: optional(CARRY_LIMITS.short) }).strict()).max(CARRY_LIMITS.suggestions),
      chapters: z.array(z.object({ title: optional(CARRY_LIMITS.short), blocks: z.array(block).max(CARRY_LIMITS.blocks) }).strict()).min(1).max(CARRY_LIMITS.chapters),
      wordCount: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      suggestedTags: z
        .array(z.object({ type: z.enum(['fandom', 'character', 'relationship', 'freeform']), name: text(CARRY_LIMITS.short).min(1), evidence: text(CARRY_LIMITS.short) }).strict())
        .max(CARRY_LIMITS.suggestions),
      suggestedWarnings: z.array(z.object({ name: text(CARRY_LIMITS.short).min(1), evidence: z.array(text(CARRY_LIMITS.short)).max(CARRY_LIMITS.evidence) }).strict()).max(CARRY_LIMITS.suggestions),
    })
    .strict();
}

/** The carried structure back from the form, or null when it is not exactly what the preview sent. */
export function parseCarriedWork(raw: unknown, importMaxBytes: number): ImportedWork | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > carriedMaxChars(importMaxBytes)) return null;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = importedWorkSchema(importMaxBytes).safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** The form's values as a list: a checkbox group sends nothing, one value, or several. */
export function listOf(value: unknown): string[] {
  const all = Array.isArray(value) ? value : [value];
  return all.filter((v): v is string => typeof v === 'string');
}

/** `c.b` names block b of chapter c, as the preview's "Lyrics" checkboxes send it. */
export const blockKey = (chapter: number, block: number) => `${chapter}.${block}`;

/** A block as the writer chose it: ticked "Lyrics" is a stanza (a line per line), unticked is prose. */
export function withKind(block: Block, lyrics: boolean): Block {
  if (block.kind === 'break') return block;
  if (lyrics && block.kind === 'prose') return { kind: 'lyrics', lines: block.text.split('\n') };
  if (!lyrics && block.kind === 'lyrics') return { kind: 'prose', text: block.lines.join('\n') };
  return block;
}

export interface PreviewChoices {
  title: string;
  /** The detected title goes back into the story, as the first paragraph of chapter 1. */
  titleToStory: boolean;
  /** blockKey of a prose paragraph to take out of the story and use as the title. */
  titleFrom: string | null;
  fandoms: string;
  /** Keys (blockKey) of the blocks ticked as lyrics. */
  lyrics: Set<string>;
  /** Indexes into suggestedTags. */
  tags: Set<number>;
  /** Indexes into suggestedWarnings. */
  warnings: Set<number>;
}

const indexes = (value: unknown) => new Set(listOf(value).filter((v) => /^\d{1,6}$/.test(v)).map(Number));

/** The writer's choices from the preview form (anything unknown is simply ignored). */
export function parseChoices(body: Record<string, unknown>): PreviewChoices {
  const first = (name: string) => listOf(body[name])[0] ?? '';
  const titleFrom = first('title_from');
  return {
    title: first('title'),
    titleToStory: first('title_to_story') === 'yes',
    titleFrom: /^\d{1,4}\.\d{1,6}$/.test(titleFrom) ? titleFrom : null,
    fandoms: first('fandoms'),
    lyrics: new Set(listOf(body.lyrics)), tags: indexes(body.tag), warnings: indexes(body.warning) };
}

/** The choices as the preview shows them first: the detector's kinds, every suggestion accepted. */
export function defaultChoices(work: ImportedWork): PreviewChoices {
  const lyrics = new Set<string>();
  work.chapters.forEach((chapter, c) => chapter.blocks.forEach((block, b) => block.kind === 'lyrics' && lyrics.add(blockKey(c, b))));
  return { title: work.title ?? '', titleToStory: false, titleFrom: null, fandoms: '', lyrics, tags: new Set(work.suggestedTags.keys()), warnings: new Set(work.suggestedWarnings.keys()) };
}

/** Prose paragraphs near the start that could be the title, as the preview offers them: short ones of chapter 1. */
export function titleCandidates(work: ImportedWork): { key: string; text: string }[] {
  const first = work.chapters[0]?.blocks ?? [];
  return first
    .slice(0, TITLE_CANDIDATE_BLOCKS)
    .flatMap((block, b) => (block.kind === 'prose' && block.text.length <= TITLE_CANDIDATE_LENGTH ? [{ key: blockKey(0, b), text: block.text }] : []));
}

const TITLE_CANDIDATE_BLOCKS = 8;
const TITLE_CANDIDATE_LENGTH = 200;

/**
 * Moves the title as the writer chose: a paragraph taken out of the story becomes the title, and
 * the detected title may go back in as the story's first paragraph. Nothing is lost or copied.
 */
function moveTitle(work: ImportedWork, chapters: ImportedWork['chapters'], choices: PreviewChoices): { title: string | null; chapters: ImportedWork['chapters'] } {
  let title = choices.title.trim() || null;
  const candidate = choices.titleFrom ? titleCandidates(work).find((c) => c.key === choices.titleFrom) : undefined;
  const [first, ...rest] = chapters;
  if (!first) return { title, chapters };
  let blocks = first.blocks;
  if (candidate) {
    const index = Number(candidate.key.split('.')[1]);
    title = candidate.text.trim();
    blocks = blocks.filter((_, b) => b !== index);
  }
  if (choices.titleToStory && work.title) blocks = [{ kind: 'prose', text: work.title }, ...blocks];
  return { title, chapters: [{ ...first, blocks }, ...rest] };
}

/** The work with the writer's title and block kinds, and what createImportedDraft should accept. */
export function applyChoices(work: ImportedWork, choices: PreviewChoices): { work: ImportedWork; choices: ImportChoices } {
  const kinded = work.chapters.map((chapter, c) => ({ ...chapter, blocks: chapter.blocks.map((block, b) => withKind(block, choices.lyrics.has(blockKey(c, b)))) }));
  const { title, chapters } = moveTitle(work, kinded, choices);
  const tags: SuggestedTag[] = work.suggestedTags.filter((_, i) => choices.tags.has(i));
  const warnings = work.suggestedWarnings.filter((_, i) => choices.warnings.has(i)).map((w) => w.name);
  const fandoms = choices.fandoms.split(',').map((f) => f.trim()).filter(Boolean);
  return { work: { ...work, title, chapters }, choices: { tags, warnings, fandoms } };
}
