import { sql, type RawBuilder } from 'kysely';

/**
 * The text query of the works listings (ARCHITECTURE.md, "Text search"; the syntax is in
 * README.md and SearchHelp).
 *
 * - `parseTextQuery` turns what a reader typed into a `TextQuery`, never throwing, or null when
 *   nothing in it is searchable (the listing then ignores `q`).
 * - `textMatchSql` / `textRankSql` are SQL fragments over the outer table `works`. Every string
 *   the reader typed is a bound parameter, given to plainto_tsquery / phraseto_tsquery, which
 *   parse it as text: no character can become tsquery or SQL syntax. The operators (&&, ||, !!)
 *   are written here, never taken from the input.
 *
 * Visibility is NOT this module's job: a match says nothing about drafts or members-only works.
 * The caller (the listings) must still apply `listedFor(viewer)`, as every listing does.
 */

export interface SearchTerm {
  kind: 'word' | 'phrase';
  /** As typed (normalized); PostgreSQL's text search parser splits it into words. */
  text: string;
}

export interface TextQuery {
  /** Every clause must match; a clause matches when any one of its terms does (`a OR b`). */
  clauses: SearchTerm[][];
  /** No term may match. A query of exclusions only matches every work without them. */
  excluded: SearchTerm[];
}

/** Longer input is cut here: a real query is a few words; this bounds the work a query costs. */
export const MAX_QUERY_CHARS = 1000;
/** Terms beyond this many are ignored. */
export const MAX_TERMS = 24;
/** A longer word or phrase is cut (PostgreSQL ignores words over 2,047 bytes anyway). */
export const MAX_TERM_CHARS = 200;

const QUOTES = new Set(['"', '“', '”', '„', '«', '»']);
const SEPARATORS = new Set(['(', ')', '[', ']', '{', '}']);
const searchable = (text: string) => /[\p{L}\p{N}]/u.test(text);

type Token = { type: 'term'; term: SearchTerm; negated: boolean } | { type: 'or' } | { type: 'not' };

/** The input with everything PostgreSQL text can't hold (NUL, lone surrogates) or that means nothing (controls) made a space. */
function clean(raw: string): string {
  return raw
    .slice(0, MAX_QUERY_CHARS * 2)
    .normalize('NFKC')
    .replace(/[\p{Cc}\p{Cs}\p{Zl}\p{Zp}]/gu, ' ')
    .slice(0, MAX_QUERY_CHARS);
}

const cut = (text: string) => [...text].slice(0, MAX_TERM_CHARS).join('').trim();

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  const chars = [...input];
  let i = 0;
  while (i < chars.length) {
    const c = chars[i]!;
    if (/\s/u.test(c) || SEPARATORS.has(c)) {
      i++;
      continue;
    }
    // A leading - or ! excludes the word or quoted phrase right after it.
    let negated = false;
    while (i < chars.length && (chars[i] === '-' || chars[i] === '!')) {
      negated = true;
      i++;
    }
    if (i < chars.length && QUOTES.has(chars[i]!)) {
      let end = i + 1;
      while (end < chars.length && !QUOTES.has(chars[end]!)) end++;
      // An unclosed quote runs to the end of the query.
      tokens.push({ type: 'term', term: { kind: 'phrase', text: cut(chars.slice(i + 1, end).join('')) }, negated });
      i = end + 1;
      continue;
    }
    let end = i;
    while (end < chars.length && !/\s/u.test(chars[end]!) && !QUOTES.has(chars[end]!) && !SEPARATORS.has(chars[end]!)) end++;
    const word = chars.slice(i, end).join('');
    i = end;
    if (!negated && (word === 'OR' || word === '|' || word === '||')) tokens.push({ type: 'or' });
    else if (!negated && word === 'NOT') tokens.push({ type: 'not' });
    else if (!negated && (word === 'AND' || word === '&' || word === '&&')) continue;
    else if (word !== '') tokens.push({ type: 'term', term: { kind: 'word', text: cut(word) }, negated });
  }
  return tokens;
}

/**
 * Parses a reader's query: words (all must match), "quoted phrases", -word or -"phrase" (or
 * NOT word) to exclude, OR between two terms. Parentheses are ignored; an operator with
 * nothing to join, and a term with no letter or digit, are dropped. Never throws.
 */
export function parseTextQuery(raw: string): TextQuery | null {
  const clauses: SearchTerm[][] = [];
  const excluded: SearchTerm[] = [];
  let orPending = false;
  let notPending = false;
  let terms = 0;
  for (const token of tokenize(clean(typeof raw === 'string' ? raw : ''))) {
    if (token.type === 'or') {
      orPending = clauses.length > 0;
      continue;
    }
    if (token.type === 'not') {
      notPending = true;
      continue;
    }
    const negated = token.negated || notPending;
    notPending = false;
    if (!searchable(token.term.text) || terms >= MAX_TERMS) {
      orPending = false;
      continue;
    }
    terms++;
    if (negated) excluded.push(token.term);
    else if (orPending) clauses[clauses.length - 1]!.push(token.term);
    else clauses.push([token.term]);
    orPending = false;
  }
  return clauses.length === 0 && excluded.length === 0 ? null : { clauses, excluded };
}

// ---- SQL ----

/**
 * One term as a tsquery. A word: in the 'simple' configuration (which every document has)
 * OR'd with its English stem (which English works' documents also have), so "running" finds
 * "run" in English works and the word itself in any language; a stop word's English side is
 * empty, and `x || ''` is x, so stop words still match literally. A quoted phrase: those
 * words in that order in 'simple', OR'd with the phrase of their English stems, so "darkness falls"
 * finds "darkness falling" in an English work, but only when English kept every word: a phrase
 * with a stop word would lose it and loosen ("over the moon" is not "moon"), so it stays exact.
 */
function termTsquery(term: SearchTerm): RawBuilder<unknown> {
  if (term.kind === 'phrase') return phraseTsquery(term.text);
  return sql`(plainto_tsquery('simple'::regconfig, ${term.text}::text) || plainto_tsquery('english'::regconfig, ${term.text}::text))`;
}

function phraseTsquery(text: string): RawBuilder<unknown> {
  const exact = sql`phraseto_tsquery('simple'::regconfig, ${text}::text)`;
  const stemmed = sql`phraseto_tsquery('english'::regconfig, ${text}::text)`;
  return sql`(${exact} || CASE WHEN numnode(${stemmed}) = numnode(${exact}) THEN ${stemmed} ELSE ''::tsquery END)`;
}

const anyOf = (terms: SearchTerm[]): RawBuilder<unknown> => sql`(${sql.join(terms.map(termTsquery), sql` || `)})`;

/** The query's wanted part as one tsquery (clauses joined by &&), or null when it only excludes. */
function positiveTsquery(query: TextQuery): RawBuilder<unknown> | null {
  if (query.clauses.length === 0) return null;
  return sql`(${sql.join(query.clauses.map(anyOf), sql` && `)})`;
}

/** Works whose chapter text matches, as a set of work ids. */
const chaptersMatching = (tsquery: RawBuilder<unknown>) => sql`select ch.work_id from chapters ch where ch.search_text @@ ${tsquery}`;

/**
 * True for works matching the query. Without `fullText`, one GIN condition on the search
 * document (plus a recheck for exclusions). With it, each clause may match the document or any
 * chapter's text (a semi-join of two GIN scans per clause), and an excluded term may appear in
 * neither.
 */
export function textMatchSql(query: TextQuery, options: { fullText: boolean }): RawBuilder<boolean> {
  const parts: RawBuilder<unknown>[] = [];
  if (!options.fullText) {
    const wanted = positiveTsquery(query);
    if (wanted) parts.push(sql`works.search_document @@ ${wanted}`);
  } else {
    for (const clause of query.clauses) {
      const tsquery = anyOf(clause);
      parts.push(sql`works.id in (select s.id from works s where s.search_document @@ ${tsquery} union all ${chaptersMatching(tsquery)})`);
    }
  }
  if (query.excluded.length > 0) {
    const unwanted = anyOf(query.excluded);
    parts.push(sql`not (works.search_document @@ ${unwanted})`);
    if (options.fullText) parts.push(sql`not exists (select 1 from chapters ch where ch.work_id = works.id and ch.search_text @@ ${unwanted})`);
  }
  if (parts.length === 0) return sql<boolean>`true`;
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}

/**
 * Weights of the document's classes for ranking, in PostgreSQL's order {D, C, B, A}: notes,
 * summary, tags, title and creators. A title match outranks a summary that repeats the word.
 */
const RANK_WEIGHTS = '{0.05, 0.2, 0.4, 1.0}';

/**
 * How well the outer `works` row matches the wanted terms (exclusions don't count; chapter
 * text doesn't either: it would mean reading every matching chapter's vector). Higher is
 * better; 0 for a query of exclusions only. See ARCHITECTURE.md for keeping best-match sorting
 * bounded on huge result sets.
 */
export function textRankSql(query: TextQuery): RawBuilder<number> {
  const wanted = positiveTsquery(query);
  if (!wanted) return sql<number>`0::real`;
  return sql<number>`ts_rank(${RANK_WEIGHTS}::real[], works.search_document, ${wanted})`;
}

/**
 * The rule for sort=best (ARCHITECTURE.md): rank at most this many matches, taken by a cheap
 * order that an index answers (newest first), so a query matching most of the archive costs
 * the same as one matching a thousand works.
 */
export const BEST_MATCH_CANDIDATES = 1000;
