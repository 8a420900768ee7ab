import type { DbOrTrx } from '../../platform/db/schema.ts';

/*
 * Posting code calls these IN THE SAME TRANSACTION as the post: they only write a row to the
 * notification_events outbox, which the notify job turns into inbox items and emails. So a
 * post that rolls back announces nothing, and a committed one can't lose its notice.
 * Drafts announce nothing; posting a draft announces the new work.
 */

export async function announceNewChapter(trx: DbOrTrx, workId: number, chapterId: number): Promise<void> {
  await trx.insertInto('notification_events').values({ kind: 'new_chapter', work_id: workId, chapter_id: chapterId, series_id: null }).execute();
}

export async function announceNewWork(trx: DbOrTrx, workId: number): Promise<void> {
  await trx.insertInto('notification_events').values({ kind: 'new_work', work_id: workId, chapter_id: null, series_id: null }).execute();
}

/** A posted work joined a series (a draft in a series is announced when it is posted). */
export async function announceWorkInSeries(trx: DbOrTrx, seriesId: number, workId: number): Promise<void> {
  await trx.insertInto('notification_events').values({ kind: 'series_work', work_id: workId, chapter_id: null, series_id: seriesId }).execute();
}
