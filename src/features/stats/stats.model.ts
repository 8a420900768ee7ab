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

/** The measures of one work's statistics, in the order the page shows them. */
export const MEASURES = ['hits', 'kudos', 'comments', 'bookmarks', 'subscriptions'] as const;
export type Measure = (typeof MEASURES)[number];
export const MEASURE_LABELS: Record<Measure, string> = { hits: 'Hits', kudos: 'Kudos', comments: 'Comments', bookmarks: 'Bookmarks', subscriptions: 'Subscriptions' };

/**
 * The windows a work's chart can show: 30 days a day at a time, or 52 weeks a week at a time
 * (each ending today, UTC), so either fits one readable row of bars.
 */
export const STATS_RANGES = {
  month: { buckets: 30, stepDays: 1, label: 'Last 30 days', unit: 'day' },
  year: { buckets: 52, stepDays: 7, label: 'Last 52 weeks', unit: 'week' },
} as const;
export type StatsRange = keyof typeof STATS_RANGES;

/** What happened to a work in one day or week (public bookmarks; comments that are shown). */
export interface TimelinePoint extends Record<Measure, number> {
  /** First UTC day of the bucket, YYYY-MM-DD. */
  start: string;
}

/** One work's statistics page: its totals now and its timeline over the range. */
export interface WorkStatsDetail {
  work: WorkStats;
  range: StatsRange;
  timeline: TimelinePoint[];
}
