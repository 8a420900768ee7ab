import { inflateRawSync } from 'node:zlib';
import { fail, ok, type ImportResult } from './errors.ts';

/**
 * Checks a zip before anything inflates it. mammoth (through jszip) would inflate every entry
 * into memory, trusting the archive, so a zip bomb would take the process down. We read the
 * central directory ourselves, refuse archives whose declared sizes are too big in total or
 * compress suspiciously well, then inflate each entry with a hard output cap, so an archive
 * that lies about its sizes is caught too.
 */
export interface ZipLimits {
  /** Total uncompressed bytes of every entry. */
  maxUncompressedBytes: number;
  /** Uncompressed / compressed, per entry over 1 MB. Office XML compresses ~10–30×. */
  maxRatio: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = { maxUncompressedBytes: 50 * 1024 * 1024, maxRatio: 200 };

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

function findEndOfDirectory(zip: Buffer): number {
  const stop = Math.max(0, zip.length - 22 - 0xffff);
  for (let i = zip.length - 22; i >= stop; i--) if (zip.readUInt32LE(i) === EOCD) return i;
  return -1;
}

function readEntries(zip: Buffer): ZipEntry[] | null {
  const end = findEndOfDirectory(zip);
  if (end < 0) return null;
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) return null;
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    entries.push({
      method: zip.readUInt16LE(at + 10),
      compressedSize: zip.readUInt32LE(at + 20),
      uncompressedSize: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + skip;
  }
  return entries;
}

/** Inflates one entry with its declared size as the cap: more output than declared is a lie. */
function entryInflatesWithin(zip: Buffer, entry: ZipEntry): boolean {
  if (entry.method === 0) return entry.compressedSize === entry.uncompressedSize;
  if (entry.method !== 8) return false;
  const at = entry.localOffset;
  if (at + 30 > zip.length || zip.readUInt32LE(at) !== LOCAL) return false;
  const start = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
  try {
    const out = inflateRawSync(zip.subarray(start, start + entry.compressedSize), { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    return out.length === entry.uncompressedSize;
  } catch {
    return false;
  }
}

const ZIP64 = 0xffffffff;

export function checkDocxZip(zip: Buffer, limits: ZipLimits): ImportResult<void> {
  const entries = readEntries(zip);
  if (!entries) return fail('unreadable_docx', 'This file looks like a Word document, but it is damaged and cannot be read.');
  if (!entries.some((e) => e.name === 'word/document.xml')) return fail('not_docx', 'This is a zip archive, not a Word (.docx) document.');
  let total = 0;
  for (const entry of entries) {
    if (entry.uncompressedSize === ZIP64 || entry.compressedSize === ZIP64) return fail('zip_bomb', 'This Word document is too large to import.');
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (total > limits.maxUncompressedBytes || (entry.uncompressedSize > 1024 * 1024 && ratio > limits.maxRatio)) {
      return fail('zip_bomb', 'This Word document unpacks to far more data than a story needs, so it was not opened.');
    }
  }
  for (const entry of entries) {
    if (!entryInflatesWithin(zip, entry)) return fail('zip_bomb', 'This Word document is damaged or unpacks to more data than it claims, so it was not opened.');
  }
  return ok(undefined);
}
