import { sql, type Kysely } from 'kysely';

/**
 * Tag autocomplete (see ARCHITECTURE.md, "Tag autocomplete"): a use count on every tag, kept by
 * triggers on work_tags, and the words of every tag name in a side table, kept by triggers on
 * tags, so suggestions by prefix of the name or of any word use a btree range scan.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- How many works carry this tag directly (drafts included, as AO3 counts taggings). Only
    -- free tags are counted: ratings, warnings and categories are on nearly every work and never
    -- suggested, and counting them would make every save in the archive queue on the same rows.
    ALTER TABLE tags ADD COLUMN taggings_count integer NOT NULL DEFAULT 0;
    UPDATE tags t SET taggings_count = c.n
      FROM (SELECT tag_id, count(*) AS n FROM work_tags GROUP BY tag_id) c
      WHERE c.tag_id = t.id AND t.type IN ('fandom', 'character', 'relationship', 'freeform');

    -- Prefix of the whole name: LIKE 'abc%' on this index is a range scan in any collation.
    CREATE INDEX tags_type_lower_name_prefix_idx ON tags (type, lower(name) text_pattern_ops);

    -- Adds delta to the count of each tag in the changed rows. Takes the graph lock shared first
    -- (graph changes take it exclusively before locking tag rows), then locks the tag rows in id
    -- order, so concurrent saves and graph changes never wait on each other in a cycle.
    CREATE FUNCTION work_tags_count_changed(changed bigint[], delta integer) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      IF cardinality(changed) = 0 THEN RETURN; END IF;
      PERFORM pg_advisory_xact_lock_shared(7362104);
      PERFORM 1 FROM tags WHERE id = ANY (changed) AND type IN ('fandom', 'character', 'relationship', 'freeform')
        ORDER BY id FOR NO KEY UPDATE;
      UPDATE tags t SET taggings_count = t.taggings_count + delta * c.n
        FROM (SELECT tag_id, count(*) AS n FROM unnest(changed) AS tag_id GROUP BY tag_id) c
        WHERE t.id = c.tag_id AND t.type IN ('fandom', 'character', 'relationship', 'freeform');
    END $$;

    CREATE FUNCTION work_tags_counted_insert() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM work_tags_count_changed(ARRAY(SELECT tag_id FROM new_rows), 1);
      RETURN NULL;
    END $$;
    CREATE FUNCTION work_tags_counted_delete() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM work_tags_count_changed(ARRAY(SELECT tag_id FROM old_rows), -1);
      RETURN NULL;
    END $$;
    CREATE FUNCTION work_tags_counted_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM work_tags_count_changed(ARRAY(SELECT tag_id FROM old_rows), -1);
      PERFORM work_tags_count_changed(ARRAY(SELECT tag_id FROM new_rows), 1);
      RETURN NULL;
    END $$;
    -- Statement triggers with transition tables: one UPDATE of tags per statement, however many
    -- rows it wrote (a work's whole tag list, a merge moving thousands of taggings).
    CREATE TRIGGER work_tags_counted_insert AFTER INSERT ON work_tags
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION work_tags_counted_insert();
    CREATE TRIGGER work_tags_counted_delete AFTER DELETE ON work_tags
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION work_tags_counted_delete();
    CREATE TRIGGER work_tags_counted_update AFTER UPDATE ON work_tags
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION work_tags_counted_update();

    -- The words of a tag name, lowercased: "Sherlock Holmes (TV)" → sherlock, holmes, tv.
    CREATE FUNCTION tag_name_words(name text) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT DISTINCT w FROM regexp_split_to_table(lower(name), '[[:space:][:punct:]]+') AS w WHERE w <> ''
    $$;

    -- No foreign key to tags: its per-row check would run inside every bulk insert of tags
    -- (a tag set import), with a plan cached while the table was small. The triggers below
    -- are the only writers, and a deleted tag takes its words with it.
    CREATE TABLE tag_words (
      tag_id bigint NOT NULL,
      type text NOT NULL,
      word text NOT NULL,
      PRIMARY KEY (tag_id, word)
    );
    CREATE INDEX tag_words_prefix_idx ON tag_words (type, word text_pattern_ops, tag_id);
    INSERT INTO tag_words (tag_id, type, word) SELECT t.id, t.type, w FROM tags t, tag_name_words(t.name) AS w;

    CREATE FUNCTION tags_words_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO tag_words (tag_id, type, word) SELECT n.id, n.type, w FROM new_rows n, tag_name_words(n.name) AS w;
      RETURN NULL;
    END $$;
    CREATE TRIGGER tags_words_inserted AFTER INSERT ON tags
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tags_words_inserted();

    CREATE FUNCTION tags_words_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM tag_words w USING old_rows o WHERE w.tag_id = o.id;
      RETURN NULL;
    END $$;
    CREATE TRIGGER tags_words_deleted AFTER DELETE ON tags
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tags_words_deleted();

    -- Renames are rare: a row trigger, only when the name really changed.
    CREATE FUNCTION tags_words_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM tag_words WHERE tag_id = NEW.id;
      INSERT INTO tag_words (tag_id, type, word) SELECT NEW.id, NEW.type, w FROM tag_name_words(NEW.name) AS w;
      RETURN NULL;
    END $$;
    CREATE TRIGGER tags_words_renamed AFTER UPDATE OF name, type ON tags
      FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.type IS DISTINCT FROM NEW.type)
      EXECUTE FUNCTION tags_words_renamed();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are never reversed: restore a backup instead.');
}
