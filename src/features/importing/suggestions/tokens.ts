/**
 * Words for tag matching. A tag name and the imported text are cut into the same tokens — runs
 * of letters and digits (with inner apostrophes), plus `/` and `&`, which carry meaning in
 * relationship names — and compared by key: NFKC, lowercase, ’ as ', a possessive 's dropped.
 * So matching is case-insensitive and on word boundaries, and "Spider-Man", "Spider Man" and
 * "spider-man's" all read as `spider man`.
 */
export interface Token {
  key: string;
  /** Where the token stands in the (NFKC-normalised) text it was cut from. */
  start: number;
  end: number;
}

const TOKEN = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*|[/&]/gu;

export function tokenKey(word: string): string {
  return word.toLowerCase().replace(/’/g, "'").replace(/'s$/, '');
}

/** Tokens of text that is already NFKC-normalised. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) tokens.push({ key: tokenKey(match[0]), start: match.index, end: match.index + match[0].length });
  return tokens;
}

/** The lookup key of a name: its token keys joined by single spaces ('' when it has no word). */
export function nameKey(name: string): string {
  return tokenize(name.normalize('NFKC'))
    .map((token) => token.key)
    .join(' ');
}

export const hasCapital = (text: string) => /\p{Lu}/u.test(text);
