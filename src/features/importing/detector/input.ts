import { IMPORT_FORMATS, type ImportFormat } from '../importing.model.ts';
import { fail, ok, type ImportResult } from './errors.ts';

/**
 * Turning what was uploaded or pasted into something the sources can read: checking the format,
 * sniffing it when none was given, and decoding bytes as strict UTF-8.
 */
export type ImportData = Buffer | Uint8Array | string;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function isZip(bytes: Uint8Array): boolean {
  return ZIP_MAGIC.every((byte, i) => bytes[i] === byte);
}

/** NUL or many control characters near the start: a binary file, not text in any encoding we take. */
export function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
  }
  return control > head.length / 20;
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeUtf8(bytes: Uint8Array): ImportResult<string> {
  try {
    return ok(decoder.decode(bytes));
  } catch {
    return fail('invalid_utf8', 'This file is not valid UTF-8 text. Save it as UTF-8 (most editors offer this under "Save as") and try again.');
  }
}

export function checkFormat(format: string | undefined): ImportResult<ImportFormat | undefined> {
  if (format === undefined) return ok(undefined);
  if ((IMPORT_FORMATS as readonly string[]).includes(format)) return ok(format as ImportFormat);
  return fail('unknown_format', `Unknown format "${format}". Choose one of: ${IMPORT_FORMATS.join(', ')}.`);
}

const HTML_SIGNS = /<!doctype html|<html[\s>]|<body[\s>]|<(p|div|br|em|i|h[1-6]|blockquote|span)(\s[^>]*)?\/?>/i;
const MARKDOWN_SIGNS = /^#{1,6}\s+\S|^\s*(?:[-*+]|\d+\.)\s+\S.*\n\s*(?:[-*+]|\d+\.)\s+\S|\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*|^```/m;

/** HTML by its tags, Markdown by its headings, links, lists or bold; anything else is plain text. */
export function sniffTextFormat(text: string): 'html' | 'md' | 'text' {
  const head = text.slice(0, 16384);
  if (HTML_SIGNS.test(head)) return 'html';
  if (MARKDOWN_SIGNS.test(head)) return 'md';
  return 'text';
}
