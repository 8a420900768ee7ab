import type { Creator } from '../works/works.model.ts';

export interface Series {
  id: number;
  title: string;
  summary: string;
  notes: string;
  complete: boolean;
  updatedAt: Date;
  creators: Creator[];
}

/** Sanitized fields of a series, ready to store. */
export interface SeriesContent {
  title: string;
  summary: string;
  notes: string;
  complete: boolean;
}

export interface SeriesOption {
  id: number;
  title: string;
}

export interface WorkLink {
  id: number;
  title: string;
}

/** A series a work belongs to, with its neighbours there: what the work page shows as "Part N of …". */
export interface SeriesPlace {
  seriesId: number;
  seriesTitle: string;
  position: number;
  previous: WorkLink | null;
  next: WorkLink | null;
}
