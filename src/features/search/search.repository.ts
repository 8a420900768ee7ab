import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';

/*
 * Search documents (migration 0012; ARCHITECTURE.md, "Text search"). `works.search_document`
 * depends on the work's own fields, its creators' names and its tags' names, so whatever
 * changes one of those recomputes the document in the same transaction:
 *   - saving a work or its tags, and every tag graph change, through the filter-tag
 *     recomputation in tag-graph.repository.ts, which writes both columns in one UPDATE;
 *   - renaming a tag (tag-graph.service.ts), a pseud, moving or accepting credits (here).
 * Chapter text (`chapters.search_text`) is kept by a row trigger on chapters.
 */

/**
 * The search document of the outer `works` row, given its filter tags (`filterIds`, so the
 * caller recomputing them can pass the new ones): title and creators (accepted credits: the pen
 * name, and the username when it differs), the names of its tags and of its filter tags (the
 * canonical tags of its synonyms and their meta-tags), summary, notes and end notes.
 */
export function searchDocumentSql(filterIds: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`quire_search_document(
    works.language,
    works.title,
    coalesce((
      select string_agg(p.name || case when lower(p.name) <> lower(u.username) then ' ' || u.username else '' end, ' ' order by c.position)
      from creatorships c join pseuds p on p.id = c.pseud_id join users u on u.id = p.user_id
      where c.work_id = works.id and c.accepted_at is not null
    ), ''),
    coalesce((
      select string_agg(t.name, ' ' order by t.id) from tags t
      where t.id in (select wt.tag_id from work_tags wt where wt.work_id = works.id union select unnest(${filterIds}::bigint[]))
    ), ''),
    works.summary,
    works.notes || ' ' || works.end_notes
  )`;
}

/** Recomputes the documents of the chosen works (a condition on `w`), locking them in id order first. */
async function refreshWhere(db: DbOrTrx, chosen: RawBuilder<SqlBool>): Promise<void> {
  await sql`
    with chosen as (select w.id from works w where ${chosen} order by w.id for no key update)
    update works set search_document = ${searchDocumentSql(sql`works.filter_tag_ids`)}
    where works.id in (select id from chosen)
  `.execute(db);
}

export interface RefreshOptions {
  /** Also recompute the chapters' text vectors (default true); a bulk load that disabled the chapters trigger needs it. */
  chapterText?: boolean;
}

/**
 * Recomputes the search documents of these works (or of every work), and their chapters' text
 * vectors. For the corpus generator after a bulk load, and for repairs; normal writes keep
 * documents fresh themselves.
 */
export async function refreshSearchDocuments(db: DbOrTrx, workIds: readonly number[] | 'all', options: RefreshOptions = {}): Promise<void> {
  if (workIds !== 'all' && workIds.length === 0) return;
  const chosen = workIds === 'all' ? sql<SqlBool>`true` : sql<SqlBool>`w.id = any(${`{${workIds.join(',')}}`}::bigint[])`;
  if (workIds === 'all') {
    // No row locks for the whole archive: a bulk load runs alone.
    await sql`update works set search_document = ${searchDocumentSql(sql`works.filter_tag_ids`)}`.execute(db);
  } else {
    await refreshWhere(db, chosen);
  }
  if (options.chapterText ?? true) {
    const chapters = workIds === 'all' ? sql`true` : sql`chapters.work_id = any(${`{${workIds.join(',')}}`}::bigint[])`;
    await sql`update chapters set search_text = quire_chapter_search_text(body) where ${chapters}`.execute(db);
  }
}

/** After a pen name is renamed, or credits moved to it: the works that credit it. */
export async function refreshSearchDocumentsOfPseud(db: DbOrTrx, pseudId: number): Promise<void> {
  await refreshWhere(db, sql<SqlBool>`w.id in (select c.work_id from creatorships c where c.pseud_id = ${pseudId})`);
}

/** Reads a work's document, for tests and diagnostics. */
export async function findSearchDocument(db: DbOrTrx, workId: number): Promise<string | undefined> {
  const row = await db.selectFrom('works').select(sql<string>`search_document::text`.as('doc')).where('id', '=', workId).executeTakeFirst();
  return row?.doc;
}
