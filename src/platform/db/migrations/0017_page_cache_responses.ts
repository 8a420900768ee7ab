import { sql, type Kysely } from 'kysely';

/**
 * The guest page cache (migration 0013) learns about comments (migration 0014): a comment
 * posted, edited, approved, frozen or deleted changes the work's pages, as chapters do. Kudos and
 * bookmarks need nothing here: each one changes a counter on the works row, which 0013 watches.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TRIGGER page_cache_inserted AFTER INSERT ON comments REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION page_cache_work_part_inserted();
    CREATE TRIGGER page_cache_updated AFTER UPDATE ON comments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION page_cache_work_part_updated();
    CREATE TRIGGER page_cache_deleted AFTER DELETE ON comments REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION page_cache_work_part_deleted();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are never reversed: restore a backup instead.');
}
