import { countWordsInText } from '../../works/word-count.ts';
import type { Block, ImportedChapter, ImportedWork } from '../importing.model.ts';
import { suggestWarnings } from '../warnings/warnings.ts';
import { detectLyrics } from './lyrics.ts';
import { endMatter, frontMatter, type MatterRole } from './matter.ts';
import type { Paragraph } from './paragraph.ts';
import { isChapterHeading } from './patterns.ts';
import { guessSongs } from './songs.ts';

/**
 * From paragraphs to the draft. Every paragraph gets exactly one role, in order:
 * front matter, then the body (chapter titles, prose, lyrics, breaks), then end matter.
 * The draft is then assembled from the roles alone, so the fidelity rule holds by construction:
 * a field holding several paragraphs joins them with a blank line ("\n\n"), which no paragraph
 * contains; a lyric paragraph gives one line per line of it; a break paragraph gives one break block.
 */
export type Role = MatterRole | 'chapterTitle' | 'prose' | 'lyrics' | 'break';

export interface Layout {
  roles: Role[];
  /** Lyric paragraphs that start a new stanza (a new lyrics block). */
  stanzaStart: Set<number>;
}

function isChapterStart(p: Paragraph): boolean {
  return p.hint === 'chapterTitle' || p.kind === 'heading' || (p.kind === 'text' && isChapterHeading(p.text));
}

export function layOut(paragraphs: Paragraph[]): Layout {
  const front = frontMatter(paragraphs);
  const end = endMatter(paragraphs, front.length, front.includes('disclaimer'));
  const bodyEnd = paragraphs.length - end.length;
  const roles: Role[] = [...front];
  const body: number[] = [];
  for (let i = front.length; i < bodyEnd; i++) {
    const p = paragraphs[i]!;
    if (p.kind === 'break') roles.push('break');
    else if (isChapterStart(p)) roles.push('chapterTitle');
    else {
      roles.push('prose');
      body.push(i);
    }
  }
  const lyrics = detectLyrics(paragraphs, body);
  for (const i of lyrics.lyric) roles[i] = 'lyrics';
  roles.push(...end);
  return { roles, stanzaStart: lyrics.stanzaStart };
}

type Fields = Record<MatterRole, string | null>;

function collectFields(paragraphs: Paragraph[], roles: Role[]): Fields {
  const fields: Fields = { title: null, summary: null, notes: null, disclaimer: null, endNotes: null };
  roles.forEach((role, i) => {
    if (role in fields) {
      const key = role as MatterRole;
      fields[key] = fields[key] === null ? paragraphs[i]!.text : `${fields[key]}\n\n${paragraphs[i]!.text}`;
    }
  });
  return fields;
}

function bodyBlock(paragraph: Paragraph, role: Role, chapter: ImportedChapter, newStanza: boolean): void {
  const last = chapter.blocks[chapter.blocks.length - 1];
  if (role === 'break') chapter.blocks.push({ kind: 'break' });
  else if (role === 'prose') chapter.blocks.push({ kind: 'prose', text: paragraph.text });
  else if (last?.kind === 'lyrics' && !newStanza) last.lines.push(...paragraph.text.split('\n'));
  else chapter.blocks.push({ kind: 'lyrics', lines: paragraph.text.split('\n') });
}

function collectChapters(paragraphs: Paragraph[], layout: Layout): ImportedChapter[] {
  const chapters: ImportedChapter[] = [];
  let current: ImportedChapter | null = null;
  layout.roles.forEach((role, i) => {
    if (role === 'chapterTitle') {
      current = { title: paragraphs[i]!.text, blocks: [] };
      chapters.push(current);
    } else if (role === 'prose' || role === 'lyrics' || role === 'break') {
      if (!current) chapters.push((current = { title: null, blocks: [] }));
      bodyBlock(paragraphs[i]!, role, current, layout.stanzaStart.has(i));
    }
  });
  return chapters.length > 0 ? chapters : [{ title: null, blocks: [] }];
}

function blockText(block: Block): string {
  if (block.kind === 'prose') return block.text;
  return block.kind === 'lyrics' ? block.lines.join('\n') : '';
}

/** The draft, from paragraphs. Word count is AO3's: the chapters' text, not the notes or titles. */
export function buildWork(paragraphs: Paragraph[]): ImportedWork {
  const layout = layOut(paragraphs);
  const fields = collectFields(paragraphs, layout.roles);
  const chapters = collectChapters(paragraphs, layout);
  return {
    title: fields.title,
    summary: fields.summary,
    notes: { beginning: fields.notes, end: fields.endNotes },
    disclaimer: fields.disclaimer,
    songs: guessSongs([fields.disclaimer, fields.notes, fields.endNotes, fields.summary]),
    chapters,
    wordCount: countWordsInText(chapters.flatMap((c) => c.blocks.map(blockText)).join('\n')),
    suggestedTags: [],
    suggestedWarnings: suggestWarnings({ notes: [fields.notes, fields.summary, fields.endNotes], chapters }),
  };
}
