import { sql, type Kysely } from 'kysely';

/**
 * Migration 0013's triggers on `tags` and `pseuds` joined `new_rows` to `old_rows` under EXISTS
 * or LIMIT. Transition tables have no index, and a query that may stop early makes the planner
 * pick a nested loop: quadratic in the rows the statement touched (3 s for 2,000 tags, minutes
 * for the 16,000 a 100k-work seed recounts). The same functions, finding the changed rows first
 * with a plain join (a hash join) and only then applying the limit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE OR REPLACE FUNCTION page_cache_tags_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      changed_ids bigint[];
      renamed_ids bigint[];
    BEGIN
      IF TG_OP = 'DELETE' THEN
        PERFORM page_cache_note(ARRAY['listings'] || ARRAY(SELECT 'tag:' || id FROM old_rows));
        RETURN NULL;
      END IF;
      changed_ids := ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (to_jsonb(n) - 'taggings_count') IS DISTINCT FROM (to_jsonb(o) - 'taggings_count'));
      renamed_ids := ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE n.name IS DISTINCT FROM o.name OR n.type IS DISTINCT FROM o.type);
      PERFORM page_cache_note_works(
        ARRAY(SELECT wt.work_id FROM work_tags wt WHERE wt.tag_id = ANY (renamed_ids) LIMIT 1001),
        changed_ids,
        '{}');
      IF cardinality(changed_ids) > 0 THEN
        PERFORM page_cache_note(ARRAY['listings']);
      END IF;
      RETURN NULL;
    END $$;

    CREATE OR REPLACE FUNCTION page_cache_pseuds_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      renamed_ids bigint[];
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        renamed_ids := ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.name IS DISTINCT FROM o.name);
        PERFORM page_cache_note_works(
          ARRAY(SELECT c.work_id FROM creatorships c WHERE c.pseud_id = ANY (renamed_ids) LIMIT 1001),
          '{}', ARRAY['listings']);
        PERFORM page_cache_note(ARRAY(SELECT 'user:' || user_id FROM new_rows UNION SELECT 'user:' || user_id FROM old_rows));
      ELSIF TG_OP = 'INSERT' THEN
        PERFORM page_cache_note(ARRAY(SELECT 'user:' || user_id FROM new_rows));
      ELSE
        PERFORM page_cache_note(ARRAY(SELECT 'user:' || user_id FROM old_rows));
      END IF;
      RETURN NULL;
    END $$;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are never reversed: restore a backup instead.');
}
