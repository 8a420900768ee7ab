import type { Db } from '../../platform/db/schema.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import type { Viewer } from '../../platform/views/page-context.ts';
import { listPseudsOfUser } from '../accounts/accounts.repository.ts';
import type { ChapterContent } from '../chapters/chapters.model.ts';
import { insertChapter, refreshWorkStats, updateChapter } from '../chapters/chapters.repository.ts';
import { newChapterSchema } from '../chapters/chapters.schemas.ts';
import { prepareChapter } from '../chapters/chapters.service.ts';
import { songFieldNames, songRowNumbers } from '../songs/songs.schemas.ts';
import { WARNINGS } from '../tags/tags.model.ts';
import { findFirstChapter } from '../works/works.repository.ts';
import { LIMITS, workFormSchema } from '../works/works.schemas.ts';
import { prepareNewWork, writeNewWork } from '../works/works.service.ts';
import { blocksToHtml, textToHtml } from './draft-html.ts';
import type { ImportedWork, SongCredit, SuggestedTag } from './importing.model.ts';
import { listSuggestableTags } from './importing.repository.ts';
import { suggestTags } from './suggestions/suggest-tags.ts';
import { buildVocabulary } from './suggestions/vocabulary.ts';
import { CATEGORIES } from './warnings/warning-patterns.ts';

/** The detector's draft with its tag suggestions filled in from the archive's tags (one query). */
export async function withSuggestedTags(db: Db, work: ImportedWork): Promise<ImportedWork> {
  const vocabulary = buildVocabulary(await listSuggestableTags(db));
  return { ...work, suggestedTags: suggestTags(work, vocabulary) };
}

/** What the writer accepted. Left out, everything suggested is accepted (the CLI has no review step). */
export interface ImportChoices {
  tags?: SuggestedTag[];
  /** Names of the accepted suggested warnings. */
  warnings?: string[];
  /** Fandoms to add to the suggested ones: a work needs one, and a story may never name its own. */
  fandoms?: string[];
}

export type ImportDraftResult = { ok: true; workId: number; notices: string[] } | { ok: false; errors: string[] };

export const UNTITLED = 'Untitled import';
const NO_WARNINGS_CHOSEN: (typeof WARNINGS)[number] = 'Creator Chose Not To Use Archive Warnings';

/**
 * Archive warnings and extra freeforms from the accepted warning suggestions. Graphic violence
 * and major character death are archive warnings; the other categories are additional tags
 * ("Self-Harm"…). "Creator Chose Not To Use Archive Warnings" is always there: a detector can miss
 * what a writer would warn for, so an import never claims "No Archive Warnings Apply" — the
 * writer replaces it when reviewing the draft.
 */
export function warningTags(work: ImportedWork, accepted: string[] | undefined): { warnings: string[]; freeforms: string[] } {
  const chosen = work.suggestedWarnings.filter((w) => accepted === undefined || accepted.includes(w.name));
  const warnings = new Set<string>([NO_WARNINGS_CHOSEN]);
  const freeforms: string[] = [];
  for (const suggestion of chosen) {
    const rules = Object.values(CATEGORIES).find((c) => c.name === suggestion.name);
    if (rules?.tagType === 'warning' && (WARNINGS as readonly string[]).includes(suggestion.name)) warnings.add(suggestion.name);
    else freeforms.push(suggestion.name);
  }
  return { warnings: WARNINGS.filter((w) => warnings.has(w)), freeforms };
}

/** Song credits the form can hold: both a title and an artist, three at most. The rest are reported. */
function songFields(songs: SongCredit[], notices: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  const complete = songs.filter((s): s is { title: string; artist: string } => Boolean(s.title && s.artist));
  for (const song of songs.filter((s) => !(s.title && s.artist))) notices.push(`Song credit skipped (it needs a title and an artist): ${song.title ?? song.artist ?? '?'}.`);
  for (const song of complete.slice(songRowNumbers.length)) notices.push(`Song credit skipped (a work lists ${songRowNumbers.length} at most): ${song.title} by ${song.artist}.`);
  complete.slice(0, songRowNumbers.length).forEach((song, index) => {
    const names = songFieldNames(songRowNumbers[index]!);
    fields[names.title] = song.title;
    fields[names.artist] = song.artist;
  });
  return fields;
}

const messages = (errors: FieldErrors, prefix = '') => Object.values(errors).map((message) => `${prefix}${message}`);
const namesOf = (tags: SuggestedTag[], type: SuggestedTag['type']) => tags.filter((t) => t.type === type).map((t) => t.name);

/** The posting form an imported work amounts to, as a browser would send it. */
function formFor(work: ImportedWork, pseudId: number, choices: ImportChoices, notices: string[]): Record<string, string | string[]> {
  const tags = choices.tags ?? work.suggestedTags;
  const { warnings, freeforms } = warningTags(work, choices.warnings);
  const notes = [work.notes.beginning, work.disclaimer].filter((n): n is string => Boolean(n)).join('\n\n');
  return {
    title: work.title?.trim() || UNTITLED,
    pseud_id: String(pseudId),
    rating: 'Not Rated',
    warnings,
    categories: [],
    fandoms: [...namesOf(tags, 'fandom'), ...(choices.fandoms ?? [])].join(', '),
    relationships: namesOf(tags, 'relationship').join(', '),
    characters: namesOf(tags, 'character').join(', '),
    freeforms: [...namesOf(tags, 'freeform'), ...freeforms].join(', '),
    summary: textToHtml(work.summary),
    notes: textToHtml(notes),
    end_notes: textToHtml(work.notes.end),
    format: 'html',
    body: blocksToHtml(work.chapters[0]?.blocks ?? []),
    expected_chapters: String(Math.max(1, work.chapters.length)),
    action: 'draft',
    ...songFields(work.songs, notices),
  };
}

/** Chapters 2 onwards, checked and sanitized as the "Add chapter" form would. */
function laterChapters(work: ImportedWork): { ok: true; chapters: ChapterContent[] } | { ok: false; errors: string[] } {
  const chapters: ChapterContent[] = [];
  const errors: string[] = [];
  work.chapters.slice(1).forEach((chapter, index) => {
    const label = `Chapter ${index + 2}: `;
    const parsed = newChapterSchema.safeParse({ title: chapter.title ?? '', body: blocksToHtml(chapter.blocks), format: 'html' });
    if (!parsed.success) return errors.push(...parsed.error.issues.map((issue) => `${label}${issue.message}`));
    const prepared = prepareChapter(parsed.data);
    if ('errors' in prepared) return errors.push(...messages(prepared.errors, label));
    chapters.push(prepared.content);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, chapters };
}

/**
 * Creates a draft (never posted) from an imported work, owned by the user's default pen name:
 * through the works service, so the form's rules, the sanitizer, tags and filter tags, tag use
 * counts and song credits all apply as for a work posted through the form. Everything is checked
 * before anything is written, and written in one transaction: invalid content writes nothing.
 */
export async function createImportedDraft(db: Db, userId: number, work: ImportedWork, choices: ImportChoices = {}): Promise<ImportDraftResult> {
  const pseud = (await listPseudsOfUser(db, userId)).find((p) => p.isDefault);
  if (!pseud) return { ok: false, errors: ['There is no such member.'] };
  // Creating a work checks only that the pen name is the viewer's own; roles play no part.
  const viewer: Viewer = { id: userId, username: pseud.name, roles: [] };
  const notices: string[] = [];
  const multi = work.chapters.length > 1;
  const parsed = workFormSchema.safeParse(formFor(work, pseud.id, choices, notices));
  if (!parsed.success) {
    const noFandom = parsed.error.issues.some((issue) => issue.path[0] === 'fandoms') && namesOf(choices.tags ?? work.suggestedTags, 'fandom').length === 0 && !choices.fandoms?.length;
    if (noFandom) return { ok: false, errors: ['No fandom of the archive was found in the text: name one (a work needs at least one fandom).'] };
    return { ok: false, errors: parsed.error.issues.map((issue) => `${multi && issue.path[0] === 'body' ? 'Chapter 1: ' : ''}${issue.message}`) };
  }
  const first = await prepareNewWork(db, viewer, parsed.data);
  if (!first.ok) return { ok: false, errors: messages(first.errors, multi ? 'Chapter 1: ' : '') };
  const later = laterChapters(work);
  if (!later.ok) return later;
  const firstTitle = work.chapters[0]?.title?.trim() ?? '';
  if (firstTitle.length > LIMITS.title) return { ok: false, errors: [`Chapter 1: Chapter title must be at most ${LIMITS.title} characters.`] };
  const workId = await db.transaction().execute(async (trx) => {
    const id = await writeNewWork(trx, first.work);
    const chapter = firstTitle ? await findFirstChapter(trx, id) : undefined;
    if (chapter) await updateChapter(trx, id, chapter.id, chapter.lockVersion, { title: firstTitle });
    for (const [index, content] of later.chapters.entries()) await insertChapter(trx, id, index + 2, content);
    await refreshWorkStats(trx, id, { revised: 'now' });
    return id;
  });
  return { ok: true, workId, notices };
}
