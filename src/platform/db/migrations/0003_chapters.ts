import { sql, type Kysely } from 'kysely';

/**
 * Chapters: an optimistic-lock version per chapter, so two people saving the same
 * chapter can't silently overwrite each other, and a guard that a work never
 * expects fewer chapters than it has.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE chapters ADD COLUMN lock_version integer NOT NULL DEFAULT 0 CHECK (lock_version >= 0);
    ALTER TABLE works ADD CONSTRAINT works_expected_chapters_not_below_count
      CHECK (expected_chapters IS NULL OR expected_chapters >= chapter_count);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are never reversed: restore a backup instead.');
}
