/**
 * Splits text into sentences, keeping each one's characters exactly, so a warning can quote it.
 * A sentence ends at . ! ? or … (after any closing quotes) followed by space, or at a line break.
 */
const BOUNDARY = /(?<=[.!?…]["'”’)\]]*)\s+(?=["'“‘([]?[\p{Lu}\p{N}])|\n+/u;

export function splitSentences(text: string): string[] {
  return text
    .split(BOUNDARY)
    .map((sentence) => sentence.trim())
    .filter((sentence) => sentence.length > 0);
}

const MAX_QUOTE = 300;

/** A long sentence is quoted around the phrase that matched, with ellipses where it was cut. */
export function quoteAround(sentence: string, index: number): string {
  if (sentence.length <= MAX_QUOTE) return sentence;
  const start = Math.max(0, index - MAX_QUOTE / 2);
  const end = Math.min(sentence.length, start + MAX_QUOTE);
  return `${start > 0 ? '…' : ''}${sentence.slice(start, end).trim()}${end < sentence.length ? '…' : ''}`;
}
