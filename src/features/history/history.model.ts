/** One work in a member's reading history. */
export interface HistoryEntry {
  workId: number;
  firstVisitedAt: Date;
  lastVisitedAt: Date;
  visitCount: number;
  /** The furthest chapter they viewed (null once it was deleted). */
  chapter: { id: number; position: number; title: string } | null;
}

/** One work on a member's "Marked for later" list. */
export interface LaterEntry {
  workId: number;
  markedAt: Date;
}
