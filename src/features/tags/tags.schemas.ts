import { z } from 'zod';
import { MAX_TAG_LENGTH } from './tags.model.ts';

// Commas separate tags on the form; AO3 also treats these as unusable in names.
const SEPARATORS = /[,，、]/;
const FORBIDDEN = /[\^*<>{}=`\\%]/;
const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u;

/** The form a tag name is stored and compared in: NFKC, single spaces, trimmed. */
export function normalizeTagName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

export type TagListResult = { ok: true; names: string[] } | { ok: false; error: string };

/** Splits a comma-separated field into tag names, refusing any name that can't be a tag. */
export function parseTagList(raw: string, label: string): TagListResult {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const piece of raw.split(SEPARATORS)) {
    const name = normalizeTagName(piece);
    if (name === '') continue;
    if (name.length > MAX_TAG_LENGTH) return { ok: false, error: `${label}: “${name.slice(0, 40)}…” is longer than ${MAX_TAG_LENGTH} characters.` };
    if (!HAS_WORD_CHARACTER.test(name)) return { ok: false, error: `${label}: “${name}” needs at least one letter or number.` };
    if (FORBIDDEN.test(name)) return { ok: false, error: `${label}: “${name}” can't contain any of ^ * < > { } = \` \\ %.` };
    const key = name.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(name);
  }
  return { ok: true, names };
}

/** A comma-separated tag field for zod form schemas. */
export function tagListField(label: string, options: { required?: boolean } = {}) {
  return z
    .string({ message: `${label} must be text.` })
    .max(20_000, { message: `${label} is too long.` })
    .default('')
    .transform((raw, ctx) => {
      const parsed = parseTagList(raw, label);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.error });
        return z.NEVER;
      }
      if (options.required && parsed.names.length === 0) {
        ctx.addIssue({ code: 'custom', message: `Add at least one ${label.toLowerCase().replace(/s$/, '')}.` });
        return z.NEVER;
      }
      return parsed.names;
    });
}
