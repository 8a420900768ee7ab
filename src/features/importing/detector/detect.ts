import type { ImportFormat, ImportedWork } from '../importing.model.ts';
import { fail, ok, type ImportResult } from './errors.ts';
import { checkFormat, decodeUtf8, isZip, looksBinary, sniffTextFormat, type ImportData } from './input.ts';
import type { Paragraph } from './paragraph.ts';
import { docxToHtml } from './sources/docx.ts';
import { htmlParagraphs } from './sources/html.ts';
import { markdownParagraphs } from './sources/markdown.ts';
import { textParagraphs } from './sources/text.ts';
import { buildWork } from './structure.ts';
import { DEFAULT_ZIP_LIMITS, type ZipLimits } from './zip-guard.ts';

/**
 * The import structure detector: text, HTML, DOCX or Markdown in, a structured draft out.
 * A pure library: no files, no database, no network. Bad input comes back as a typed error.
 * The rules are documented where they live (lyrics.ts, matter.ts, sources/*) and in ARCHITECTURE.md.
 */
export interface DetectInput {
  /** Detected when absent: a zip is DOCX, then HTML by its tags, Markdown by its markers, else text. */
  format?: ImportFormat | string;
  data: ImportData;
}

export interface DetectOptions {
  /** DOCX files over this many bytes are refused. Default 10 MB. */
  maxDocxBytes?: number;
  zipLimits?: ZipLimits;
}

export const DEFAULT_MAX_DOCX_BYTES = 10 * 1024 * 1024;

const MB = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

export interface ParsedSource {
  format: ImportFormat;
  paragraphs: Paragraph[];
}

function paragraphsOf(format: Exclude<ImportFormat, 'docx'>, text: string): Paragraph[] {
  if (format === 'html') return htmlParagraphs(text);
  if (format === 'md') return markdownParagraphs(text);
  return textParagraphs(text);
}

async function parseDocx(bytes: Buffer, options: DetectOptions): Promise<ImportResult<ParsedSource>> {
  const max = options.maxDocxBytes ?? DEFAULT_MAX_DOCX_BYTES;
  if (bytes.length > max) return fail('too_large', `This Word document is ${MB(bytes.length)}; the limit is ${MB(max)}.`);
  if (!isZip(bytes)) return fail('not_docx', 'This file is not a Word (.docx) document.');
  const html = await docxToHtml(bytes, options.zipLimits ?? DEFAULT_ZIP_LIMITS);
  return html.ok ? ok({ format: 'docx', paragraphs: htmlParagraphs(html.value) }) : html;
}

function parseText(format: ImportFormat | undefined, data: ImportData): ImportResult<ParsedSource> {
  let text: string;
  if (typeof data === 'string') {
    text = data;
  } else {
    if (looksBinary(data)) return fail('binary', 'This file is not text, HTML, Markdown or a Word (.docx) document.');
    const decoded = decodeUtf8(data);
    if (!decoded.ok) return decoded;
    text = decoded.value;
  }
  if (text.replace(/^\uFEFF/, '').trim() === '') return fail('empty', 'The file is empty: there is no text to import.');
  const chosen = format === undefined || format === 'docx' ? sniffTextFormat(text) : format;
  return ok({ format: chosen, paragraphs: paragraphsOf(chosen, text) });
}

/** Parses the input into paragraphs (the unit of the fidelity rule), without laying them out. */
export async function parseSource(input: DetectInput, options: DetectOptions = {}): Promise<ImportResult<ParsedSource>> {
  const format = checkFormat(input.format);
  if (!format.ok) return format;
  const { data } = input;
  if (data.length === 0) return fail('empty', 'The file is empty: there is no text to import.');
  const bytes = typeof data === 'string' ? null : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (format.value === 'docx' || (format.value === undefined && bytes && isZip(bytes))) {
    if (!bytes) return fail('not_docx', 'A Word (.docx) document must be given as bytes, not text.');
    return parseDocx(bytes, options);
  }
  const parsed = parseText(format.value, data);
  if (parsed.ok && parsed.value.paragraphs.length === 0) return fail('empty', 'There is no text to import: the file holds only markup or site menus.');
  return parsed;
}

/** Detects the structure of a story. */
export async function detectStructure(input: DetectInput, options: DetectOptions = {}): Promise<ImportResult<ImportedWork>> {
  const parsed = await parseSource(input, options);
  if (!parsed.ok) return parsed;
  if (parsed.value.paragraphs.length === 0) return fail('empty', 'The document holds no text to import.');
  return ok(buildWork(parsed.value.paragraphs));
}
