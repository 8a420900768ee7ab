import type { Db, DbOrTrx } from '../../platform/db/schema.ts';
import { notFound } from '../../platform/http/errors.ts';
import { sanitizeUserHtml } from '../../platform/security/sanitize.ts';
import type { Viewer } from '../../platform/views/page-context.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import { workPolicy } from '../works/works.policy.ts';
import { findWork, lockWork } from '../works/works.repository.ts';
import type { SeriesContent } from './series.model.ts';
import { seriesPolicy } from './series.policy.ts';
import {
  countSerialWorks,
  deleteSerialWork,
  findSerialPosition,
  findSeries,
  insertSerialWork,
  insertSeries,
  insertSeriesCreatorship,
  lockSeries,
  moveSerialWork,
  renumberSerialWorks,
  updateSeries,
} from './series.repository.ts';
import { announceWorkInSeries } from '../notifications/announce.ts';
import type { AddToSeriesForm, SeriesForm } from './series.schemas.ts';

export type SeriesWriteResult = { ok: true; seriesId: number } | { ok: false; errors: FieldErrors };

export function prepareSeriesContent(form: SeriesForm): SeriesContent {
  return { title: form.title, summary: sanitizeUserHtml(form.summary), notes: sanitizeUserHtml(form.notes), complete: form.complete === 'yes' };
}

/** A typed position, kept within 1..max: asking for place 99 in a series of 3 means "at the end". */
const clampPosition = (typed: string, max: number) => (typed === '' ? max : Math.min(Math.max(Number(typed), 1), max));

/** Loads and locks a series the viewer may edit (404 when it doesn't exist, 403 when it isn't theirs), its positions renumbered 1..n. */
async function lockEditableSeries(trx: DbOrTrx, viewer: Viewer, seriesId: number) {
  if (!(await lockSeries(trx, seriesId))) throw notFound('series');
  const series = await findSeries(trx, seriesId);
  if (!series) throw notFound('series');
  seriesPolicy.authorize(viewer, 'edit', series);
  await renumberSerialWorks(trx, seriesId);
  return series;
}

/** Adds one of the viewer's works to one of their series (or a new one, credited to the viewer's pseud on the work). */
export async function addWorkToSeries(db: Db, viewer: Viewer, workId: number, form: AddToSeriesForm): Promise<SeriesWriteResult> {
  return db.transaction().execute(async (trx): Promise<SeriesWriteResult> => {
    if (!(await lockWork(trx, workId))) throw notFound('work');
    const work = await findWork(trx, workId);
    if (!work) throw notFound('work');
    workPolicy.authorize(viewer, 'edit', work);
    let seriesId: number;
    if (form.series_id === 'new') {
      seriesId = await insertSeries(trx, { title: form.new_series_title, summary: '', notes: '', complete: false });
      const pseud = work.creators.find((creator) => creator.userId === viewer.id);
      if (!pseud) throw notFound('work');
      await insertSeriesCreatorship(trx, seriesId, pseud.pseudId);
    } else {
      seriesId = form.series_id;
      await lockEditableSeries(trx, viewer, seriesId);
      if ((await findSerialPosition(trx, seriesId, workId)) !== undefined) {
        return { ok: false, errors: { series_id: 'This work is already in that series.' } };
      }
    }
    const position = clampPosition(form.position, (await countSerialWorks(trx, seriesId)) + 1);
    await insertSerialWork(trx, seriesId, workId, position);
    if (work.posted) await announceWorkInSeries(trx, seriesId, workId);
    return { ok: true, seriesId };
  });
}

export async function editSeries(db: Db, viewer: Viewer, seriesId: number, form: SeriesForm): Promise<void> {
  const content = prepareSeriesContent(form);
  await db.transaction().execute(async (trx) => {
    await lockEditableSeries(trx, viewer, seriesId);
    await updateSeries(trx, seriesId, content);
  });
}

export async function removeWorkFromSeries(db: Db, viewer: Viewer, seriesId: number, workId: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockEditableSeries(trx, viewer, seriesId);
    const position = await findSerialPosition(trx, seriesId, workId);
    if (position === undefined) throw notFound('work in this series');
    await deleteSerialWork(trx, seriesId, workId, position);
  });
}

export async function moveWorkInSeries(db: Db, viewer: Viewer, seriesId: number, workId: number, typedPosition: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await lockEditableSeries(trx, viewer, seriesId);
    const from = await findSerialPosition(trx, seriesId, workId);
    if (from === undefined) throw notFound('work in this series');
    const to = clampPosition(typedPosition, await countSerialWorks(trx, seriesId));
    if (to !== from) await moveSerialWork(trx, seriesId, workId, from, to);
  });
}
