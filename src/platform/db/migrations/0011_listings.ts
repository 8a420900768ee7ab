import { sql, type Kysely } from 'kysely';

/**
 * Works listings (issue 6; see ARCHITECTURE.md, "Works listings"): two derived columns the
 * filters and sorts need, kept by triggers so no writer has to know about them, and one
 * btree per sort order over posted works, ending in id for the deterministic tie-break.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE works
      ADD COLUMN crossover boolean NOT NULL DEFAULT false,
      ADD COLUMN creator_sort text NOT NULL DEFAULT '';

    -- A work is a crossover when its fandoms belong to more than one family. From the filter
    -- tags alone (they hold every meta-tag above each fandom): take the fandoms that are not a
    -- meta-tag of another of the work's fandoms (the most specific ones); it is a crossover when
    -- there are two or more of them and no single fandom of the work is, or is a meta-tag above,
    -- all of them. "Iron Man (Movies)" + "Thor (Movies)" under "Marvel" is not a crossover;
    -- "Marvel" + "Sherlock" is.
    CREATE FUNCTION works_crossover(ids bigint[]) RETURNS boolean LANGUAGE sql STABLE AS $$
      WITH RECURSIVE f AS (
        SELECT t.id FROM tags t WHERE t.id = ANY (ids) AND t.type = 'fandom'
      ), specific AS (
        SELECT f.id FROM f WHERE NOT EXISTS (
          SELECT 1 FROM meta_tags m JOIN f g ON g.id = m.sub_id WHERE m.meta_id = f.id)
      ), up(specific_id, id) AS (
        SELECT id, id FROM specific
        UNION
        SELECT up.specific_id, m.meta_id FROM up JOIN meta_tags m ON m.sub_id = up.id
      )
      SELECT (SELECT count(*) FROM specific) >= 2 AND NOT EXISTS (
        SELECT 1 FROM up GROUP BY up.id HAVING count(*) = (SELECT count(*) FROM specific))
    $$;

    -- filter_tag_ids is recomputed (tag-graph.repository.ts) whenever a work's tags or the
    -- graph around them change, so computing the flag with it keeps the two in step.
    CREATE FUNCTION works_set_crossover() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.crossover := works_crossover(NEW.filter_tag_ids);
      RETURN NEW;
    END $$;
    CREATE TRIGGER works_set_crossover BEFORE INSERT OR UPDATE OF filter_tag_ids ON works
      FOR EACH ROW EXECUTE FUNCTION works_set_crossover();

    -- The creator sort key: the accepted creators' pen names in credit order, lowercased.
    CREATE FUNCTION works_creator_sort(work bigint) RETURNS text LANGUAGE sql STABLE AS $$
      SELECT coalesce(lower(string_agg(p.name, ', ' ORDER BY c.position, p.id)), '')
      FROM creatorships c JOIN pseuds p ON p.id = c.pseud_id
      WHERE c.work_id = work AND c.accepted_at IS NOT NULL
    $$;
    CREATE FUNCTION creatorships_refresh_creator_sort() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN
        UPDATE works SET creator_sort = works_creator_sort(OLD.work_id)
        WHERE id = OLD.work_id AND creator_sort IS DISTINCT FROM works_creator_sort(OLD.work_id);
      END IF;
      IF TG_OP <> 'DELETE' THEN
        UPDATE works SET creator_sort = works_creator_sort(NEW.work_id)
        WHERE id = NEW.work_id AND creator_sort IS DISTINCT FROM works_creator_sort(NEW.work_id);
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER creatorships_refresh_creator_sort AFTER INSERT OR UPDATE OR DELETE ON creatorships
      FOR EACH ROW EXECUTE FUNCTION creatorships_refresh_creator_sort();
    CREATE FUNCTION pseuds_refresh_creator_sort() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE works SET creator_sort = works_creator_sort(works.id)
      WHERE works.id IN (SELECT c.work_id FROM creatorships c WHERE c.pseud_id = NEW.id);
      RETURN NULL;
    END $$;
    CREATE TRIGGER pseuds_refresh_creator_sort AFTER UPDATE OF name ON pseuds
      FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION pseuds_refresh_creator_sort();

    UPDATE works SET creator_sort = works_creator_sort(id), crossover = works_crossover(filter_tag_ids);

    -- One index per sort order, over posted works only (drafts are never listed). Guests also
    -- skip members-only works: a filter on the same scan, cheap while they are a small share.
    -- "updated" is served by works_posted_revised_at_idx (migration 0002).
    CREATE INDEX works_listing_posted_idx ON works (published_at DESC, id DESC) WHERE posted;
    CREATE INDEX works_listing_title_idx ON works (lower(title), id) WHERE posted;
    CREATE INDEX works_listing_creator_idx ON works (creator_sort, id) WHERE posted;
    CREATE INDEX works_listing_words_idx ON works (word_count DESC, id DESC) WHERE posted;
    CREATE INDEX works_listing_hits_idx ON works (hits_count DESC, id DESC) WHERE posted;
    CREATE INDEX works_listing_kudos_idx ON works (kudos_count DESC, id DESC) WHERE posted;
    CREATE INDEX works_listing_comments_idx ON works (comments_count DESC, id DESC) WHERE posted;
    CREATE INDEX works_listing_bookmarks_idx ON works (bookmarks_count DESC, id DESC) WHERE posted;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are never reversed: restore a backup instead.');
}
