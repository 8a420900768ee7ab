import fc from 'fast-check';

/** Strings full of the characters that mean something to SQL, tsquery or the parser. */
export const hostileQuery = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom('"', '“', '-', '!', '(', ')', '&', '|', ':', '*', '\\', "'", ';', '<', '>', ' ', 'a', 'é', '中', '\u0000', 'OR', 'NOT', 'AND', '--', '$1', '%', '_'), maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ minLength: 2_000, maxLength: 5_000 }),
);
