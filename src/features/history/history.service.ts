import type { Db } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import { findWorkSummariesByIds } from '../works/works.repository.ts';
import { historyPolicy, type HistoryOwner } from './history.policy.ts';
import {
  clearHistory,
  clearMarkedForLater,
  countHistory,
  countMarkedForLater,
  deleteHistoryEntry,
  isHistoryEnabled,
  listHistory,
  listMarkedForLater,
  setHistoryEnabled,
  setMarkedForLater,
} from './history.repository.ts';
import { pageWindow, type PageWindow } from '../../platform/http/pagination.ts';
import type { WorkSummary } from '../works/works.model.ts';
import type { HistoryEntry, LaterEntry } from './history.model.ts';

export const HISTORY_PER_PAGE = 20;

export interface HistoryPage {
  enabled: boolean;
  window: PageWindow;
  entries: (HistoryEntry & { work: WorkSummary })[];
}

/** One page of a member's history, for their eyes only: a fixed number of queries. */
export async function historyPage(db: Db, viewer: Viewer | null, owner: HistoryOwner, page: number): Promise<HistoryPage> {
  historyPolicy.authorize(viewer, 'view', owner);
  const enabled = await isHistoryEnabled(db, owner.userId);
  const window = pageWindow(page, HISTORY_PER_PAGE, await countHistory(db, owner.userId));
  const rows = await listHistory(db, owner.userId, window.perPage, window.offset);
  const works = await findWorkSummariesByIds(db, rows.map((row) => row.workId));
  return { enabled, window, entries: rows.flatMap((row) => { const work = works.get(row.workId); return work ? [{ ...row, work }] : []; }) };
}

export interface LaterPage {
  window: PageWindow;
  entries: (LaterEntry & { work: WorkSummary })[];
}

export async function laterPage(db: Db, viewer: Viewer | null, owner: HistoryOwner, page: number): Promise<LaterPage> {
  historyPolicy.authorize(viewer, 'view', owner);
  const window = pageWindow(page, HISTORY_PER_PAGE, await countMarkedForLater(db, owner.userId));
  const rows = await listMarkedForLater(db, owner.userId, window.perPage, window.offset);
  const works = await findWorkSummariesByIds(db, rows.map((row) => row.workId));
  return { window, entries: rows.flatMap((row) => { const work = works.get(row.workId); return work ? [{ ...row, work }] : []; }) };
}

/** Turns history off (nothing more is recorded) or back on. Existing entries stay until cleared. */
export async function changeHistorySetting(db: Db, viewer: Viewer | null, owner: HistoryOwner, enabled: boolean): Promise<void> {
  historyPolicy.authorize(viewer, 'change', owner);
  await setHistoryEnabled(db, owner.userId, enabled);
}

export async function clearOneHistoryEntry(db: Db, viewer: Viewer | null, owner: HistoryOwner, workId: number): Promise<void> {
  historyPolicy.authorize(viewer, 'change', owner);
  if (!(await deleteHistoryEntry(db, owner.userId, workId))) throw notFound('history entry');
}

export async function clearAllHistory(db: Db, viewer: Viewer | null, owner: HistoryOwner): Promise<number> {
  historyPolicy.authorize(viewer, 'change', owner);
  return clearHistory(db, owner.userId);
}

export async function clearAllLater(db: Db, viewer: Viewer | null, owner: HistoryOwner): Promise<number> {
  historyPolicy.authorize(viewer, 'change', owner);
  return clearMarkedForLater(db, owner.userId);
}

export async function unmarkOneForLater(db: Db, viewer: Viewer | null, owner: HistoryOwner, workId: number): Promise<void> {
  historyPolicy.authorize(viewer, 'change', owner);
  await setMarkedForLater(db, owner.userId, workId, false);
}

/** The work page's toggle; the caller has checked the viewer may read the (posted) work. */
export async function markForLater(db: Db, viewer: Viewer, workId: number, marked: boolean): Promise<void> {
  await setMarkedForLater(db, viewer.id, workId, marked);
}
