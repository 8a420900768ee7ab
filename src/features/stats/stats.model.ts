export interface WorkStats {
  id: number;
  title: string;
  hits: number;
  kudos: number;
  comments: number;
  bookmarks: number;
  subscriptions: number;
}

export interface DailyHits {
  /** UTC date, YYYY-MM-DD. */
  day: string;
  hits: number;
}

export type StatsTotals = Omit<WorkStats, 'id' | 'title'>;

export function totalsOf(works: readonly WorkStats[]): StatsTotals {
  const totals: StatsTotals = { hits: 0, kudos: 0, comments: 0, bookmarks: 0, subscriptions: 0 };
  for (const w of works) for (const key of Object.keys(totals) as (keyof StatsTotals)[]) totals[key] += w[key];
  return totals;
}
