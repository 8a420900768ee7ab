import { z } from 'zod';
import { FREE_TAG_TYPES, isFixedTagType, isTagType, type FreeTagType } from '../tags.model.ts';
import { normalizeTagName, parseTagList } from '../tags.schemas.ts';

/** One canonical tag of a tag set file, names already normalized. */
export interface TagSetEntry {
  type: FreeTagType;
  name: string;
  synonyms: string[];
  parents: string[];
  meta: string[];
}

const names = z.array(z.string({ message: 'must be a string' }), { message: 'must be a list of names' }).optional().default([]);

const rawEntry = z.object(
  { type: z.string({ message: 'must be a string' }), name: z.string({ message: 'must be a string' }), synonyms: names, parents: names, meta: names },
  { message: 'must be an object' },
);

const rawFile = z.object({ tags: z.array(rawEntry, { message: 'must be a list' }) }, { message: 'must be an object with a "tags" list' });

const pathOf = (segments: PropertyKey[]) =>
  segments.reduce<string>((path, s) => (typeof s === 'number' ? `${path}[${s}]` : path ? `${path}.${String(s)}` : String(s)), '');

/** A tag name as the posting form would accept it, or the reason it can't be one. */
export function checkTagName(raw: string): { ok: true; name: string } | { ok: false; error: string } {
  if (/[,，、]/.test(raw)) return { ok: false, error: `"${raw}" contains a comma, which separates tags` };
  // The database can't store a lone surrogate or a NUL, and no tag needs a control character.
  if (/\p{Surrogate}/u.test(raw)) return { ok: false, error: 'a name must be valid Unicode text' };
  const name = normalizeTagName(raw);
  if (/\p{Cc}/u.test(name)) return { ok: false, error: `"${name.replace(/\p{Cc}/gu, '?')}" contains a control character` };
  if (name === '') return { ok: false, error: 'a name can\'t be empty' };
  const parsed = parseTagList(name, 'name');
  if (!parsed.ok) return { ok: false, error: parsed.error.replace(/^name: /, '') };
  return { ok: true, name: parsed.names[0]! };
}

export type ParsedTagSet = { ok: true; entries: TagSetEntry[] } | { ok: false; problems: string[] };

/** Parses a tag set file's text, listing every structural problem with its JSON path. */
export function parseTagSetText(text: string): ParsedTagSet {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`(file): not valid JSON: ${(error as Error).message}`] };
  }
  const shape = rawFile.safeParse(json);
  if (!shape.success) return { ok: false, problems: shape.error.issues.map((i) => `${pathOf(i.path) || '(file)'}: ${i.message}`) };
  const problems: string[] = [];
  const entries: TagSetEntry[] = [];
  // Big files name the same parents thousands of times: each distinct name is checked once.
  const checked = new Map<string, ReturnType<typeof checkTagName>>();
  shape.data.tags.forEach((raw, i) => {
    const at = `tags[${i}]`;
    let type: FreeTagType | null = null;
    if (isTagType(raw.type) && isFixedTagType(raw.type)) problems.push(`${at}.type: "${raw.type}" tags are fixed by the archive and can't be imported`);
    else if (!(FREE_TAG_TYPES as readonly string[]).includes(raw.type)) problems.push(`${at}.type: unknown type "${raw.type}" (use one of ${FREE_TAG_TYPES.join(', ')})`);
    else type = raw.type as FreeTagType;
    const check = (value: string, path: string): string | null => {
      const result = checked.get(value) ?? checkTagName(value);
      checked.set(value, result);
      if (!result.ok) problems.push(`${path}: ${result.error}`);
      return result.ok ? result.name : null;
    };
    const name = check(raw.name, `${at}.name`);
    const list = (key: 'synonyms' | 'parents' | 'meta') =>
      raw[key].map((value, j) => check(value, `${at}.${key}[${j}]`)).filter((n): n is string => n !== null);
    const entry = { synonyms: list('synonyms'), parents: list('parents'), meta: list('meta') };
    if (type && name) entries.push({ type, name, ...entry });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, entries };
}
