/**
 * Counts the filter tags of the first `rowLimit` rows of a tag list: each row's ids joined by
 * ',' and the rows joined by ';' (what countAndTagListSql answers). One pass over one string:
 * PostgreSQL unnesting and grouping the ids cost about 15 ms of a broad listing's 65 ms at a
 * million works, and parsing them as arrays cost the server about 2 ms more than this.
 */
export function tallyTagList(list: string | null, rowLimit: number): Map<number, number> {
  const tally = new Map<number, number>();
  if (list === null || rowLimit <= 0) return tally;
  let rows = 1;
  let id = 0;
  let inId = false;
  for (let i = 0; i < list.length; i++) {
    const code = list.charCodeAt(i);
    if (code >= DIGIT_0 && code <= DIGIT_9) {
      id = id * 10 + (code - DIGIT_0);
      inId = true;
      continue;
    }
    if (inId) tally.set(id, (tally.get(id) ?? 0) + 1);
    id = 0;
    inId = false;
    if (code === ROW_SEPARATOR && ++rows > rowLimit) return tally;
  }
  if (inId) tally.set(id, (tally.get(id) ?? 0) + 1);
  return tally;
}

const DIGIT_0 = 48;
const DIGIT_9 = 57;
const ROW_SEPARATOR = 59; // ';'
