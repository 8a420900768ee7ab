import { sql, type Kysely } from 'kysely';

/**
 * The tag graph: synonyms, parents, meta/sub links, and each work's derived filter tags
 * (see ARCHITECTURE.md, "Tag graph and filter tags").
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE tags
      ADD COLUMN synonym_of bigint REFERENCES tags (id) ON DELETE RESTRICT,
      ADD COLUMN unwrangleable boolean NOT NULL DEFAULT false,
      -- Never both canonical and a synonym (a fresh tag is neither: unwrangled).
      ADD CONSTRAINT tags_canonical_xor_synonym CHECK (NOT (canonical AND synonym_of IS NOT NULL)),
      ADD CONSTRAINT tags_not_own_synonym CHECK (synonym_of <> id);
    CREATE INDEX tags_synonym_of_idx ON tags (synonym_of) WHERE synonym_of IS NOT NULL;

    -- The service checks these rules with clear messages; the trigger is the backstop
    -- against any other writer: a synonym points at a canonical tag of its own type, and a
    -- tag that collects synonyms stays canonical.
    CREATE FUNCTION tags_check_synonym() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.synonym_of IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM tags c WHERE c.id = NEW.synonym_of AND c.canonical AND c.type = NEW.type
      ) THEN
        RAISE EXCEPTION 'tag % can only be a synonym of a canonical tag of the same type', NEW.id;
      END IF;
      IF TG_OP = 'UPDATE' AND OLD.canonical AND NOT NEW.canonical
         AND EXISTS (SELECT 1 FROM tags s WHERE s.synonym_of = NEW.id) THEN
        RAISE EXCEPTION 'tag % has synonyms and must stay canonical', NEW.id;
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER tags_check_synonym BEFORE INSERT OR UPDATE ON tags
      FOR EACH ROW EXECUTE FUNCTION tags_check_synonym();

    CREATE TABLE tag_parents (
      parent_id bigint NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
      child_id bigint NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
      PRIMARY KEY (parent_id, child_id),
      CHECK (parent_id <> child_id)
    );
    CREATE INDEX tag_parents_child_idx ON tag_parents (child_id, parent_id);

    CREATE TABLE meta_tags (
      meta_id bigint NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
      sub_id bigint NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
      PRIMARY KEY (meta_id, sub_id),
      CHECK (meta_id <> sub_id)
    );
    CREATE INDEX meta_tags_sub_idx ON meta_tags (sub_id, meta_id);

    -- Derived: the canonical tags (and their meta-tags, transitively) a work is found under.
    ALTER TABLE works ADD COLUMN filter_tag_ids bigint[] NOT NULL DEFAULT '{}';
    UPDATE works SET filter_tag_ids = coalesce(
      (SELECT array_agg(DISTINCT wt.tag_id ORDER BY wt.tag_id) FROM work_tags wt WHERE wt.work_id = works.id), '{}');
    CREATE INDEX works_filter_tag_ids_idx ON works USING gin (filter_tag_ids);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are never reversed: restore a backup instead.');
}
