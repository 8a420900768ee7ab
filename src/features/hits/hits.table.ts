/** Migration 0016. `day` is a UTC date, read and written as 'YYYY-MM-DD'. */
export interface WorkHitVisitorsTable {
  work_id: number;
  day: string;
  visitor: string;
}

export interface WorkDailyHitsTable {
  work_id: number;
  day: string;
  hits: number;
}

export interface HitSaltsTable {
  day: string;
  salt: string;
}
