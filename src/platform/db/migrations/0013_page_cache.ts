import { sql, type Kysely } from 'kysely';

/**
 * The change feed of the guest page cache (see ARCHITECTURE.md, "Caching for guests"). Triggers
 * append one row per changing statement, naming the cached pages it makes stale; every app
 * server reads the rows its last snapshot could not see yet and drops those pages. Rows are only
 * ever inserted, so no save waits on another save's lock here.
 *
 * Keys: 'work:ID' (a work's own pages), 'tag:ID' (a tag's listing), 'works' (listings of works
 * not scoped by one tag: home, users, pseuds, series, fandoms, media), 'listings' (every listing:
 * names and the tag graph changed), 'all' (everything, when a change is too big to name).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE page_cache_changes (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      -- The writing transaction: readers compare it with their last snapshot, so a change that
      -- commits late (after a later id was already read) is still seen.
      xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
      created_at timestamptz NOT NULL DEFAULT now(),
      keys text[] NOT NULL
    );
    CREATE INDEX page_cache_changes_xid_idx ON page_cache_changes (xid);
    CREATE INDEX page_cache_changes_created_idx ON page_cache_changes (created_at);

    -- Any feature may call this in its transaction for pages no trigger knows about.
    CREATE FUNCTION page_cache_note(keys text[]) RETURNS void LANGUAGE sql AS $$
      INSERT INTO page_cache_changes (keys)
      SELECT k FROM (SELECT ARRAY(SELECT DISTINCT x FROM unnest(keys) AS x WHERE x IS NOT NULL) AS k) s
      WHERE cardinality(k) > 0
    $$;

    -- The pages of these works (and of the works sharing a series with them: part numbers and
    -- neighbours), the listings of the given tags, and the listings not scoped by a tag. Too many
    -- works or tags to name degrade to 'all' or to every listing.
    CREATE FUNCTION page_cache_note_works(work_ids bigint[], tag_ids bigint[], extra text[]) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
      pages bigint[];
      tags bigint[];
      keys text[] := extra;
    BEGIN
      pages := ARRAY(
        SELECT id FROM unnest(work_ids) AS id
        UNION SELECT x.work_id FROM serial_works sw JOIN serial_works x ON x.series_id = sw.series_id WHERE sw.work_id = ANY (work_ids)
        LIMIT 1001);
      tags := ARRAY(SELECT DISTINCT t FROM unnest(tag_ids) AS t LIMIT 1001);
      IF cardinality(pages) > 1000 THEN
        keys := ARRAY['all'];
      ELSE
        IF cardinality(pages) > 0 THEN
          keys := keys || ARRAY(SELECT 'work:' || id FROM unnest(pages) AS id) || ARRAY['works'];
        END IF;
        IF cardinality(tags) > 1000 THEN
          keys := keys || ARRAY['listings'];
        ELSE
          keys := keys || ARRAY(SELECT 'tag:' || t FROM unnest(tags) AS t);
        END IF;
      END IF;
      PERFORM page_cache_note(keys);
    END $$;

    -- More than 1,000 rows inserted or deleted by one statement (a bulk load, a mass delete):
    -- drop everything rather than name each page.
    CREATE FUNCTION page_cache_bulk(row_count bigint) RETURNS boolean LANGUAGE plpgsql AS $$
    BEGIN
      IF row_count <= 1000 THEN RETURN false; END IF;
      PERFORM page_cache_note(ARRAY['all']);
      RETURN true;
    END $$;

    -- For tables hanging off a work: its current filter tags name the tag pages it appears on.
    CREATE FUNCTION page_cache_note_work_ids(work_ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM page_cache_note_works(
        ARRAY(SELECT DISTINCT id FROM unnest(work_ids) AS id),
        ARRAY(SELECT DISTINCT t FROM works w, unnest(w.filter_tag_ids) AS t WHERE w.id = ANY (work_ids)),
        '{}');
    END $$;

    -- works: hits alone change nothing (see ARCHITECTURE.md); filter tags alone change only
    -- which tag pages list the work, not the work's own page.
    CREATE FUNCTION page_cache_works_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      -- A bulk load names no pages one by one (see page_cache_bulk).
      IF page_cache_bulk((SELECT count(*) FROM (SELECT 1 FROM new_rows LIMIT 1001) s)) THEN RETURN NULL; END IF;
      PERFORM page_cache_note_works(ARRAY(SELECT id FROM new_rows), ARRAY(SELECT unnest(filter_tag_ids) FROM new_rows), '{}');
      RETURN NULL;
    END $$;
    CREATE FUNCTION page_cache_works_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF page_cache_bulk((SELECT count(*) FROM (SELECT 1 FROM old_rows LIMIT 1001) s)) THEN RETURN NULL; END IF;
      PERFORM page_cache_note_works(ARRAY(SELECT id FROM old_rows), ARRAY(SELECT unnest(filter_tag_ids) FROM old_rows), '{}');
      RETURN NULL;
    END $$;
    CREATE FUNCTION page_cache_works_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      shown_ids bigint[];
      tag_ids bigint[];
    BEGIN
      WITH changed AS (
        SELECT n.id, n.filter_tag_ids AS new_tags, o.filter_tag_ids AS old_tags,
          (to_jsonb(n) - '{hits_count,filter_tag_ids}'::text[]) IS DISTINCT FROM (to_jsonb(o) - '{hits_count,filter_tag_ids}'::text[]) AS shown
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (to_jsonb(n) - 'hits_count') IS DISTINCT FROM (to_jsonb(o) - 'hits_count')
      )
      SELECT
        ARRAY(SELECT id FROM changed WHERE shown),
        ARRAY(
          -- A changed blurb is stale on every tag page showing it, before and after.
          SELECT unnest(new_tags || old_tags) FROM changed WHERE shown
          -- Otherwise only the tag pages it moved into or out of.
          UNION SELECT t FROM changed c, unnest(c.new_tags) AS t WHERE NOT c.shown AND NOT t = ANY (c.old_tags)
          UNION SELECT t FROM changed c, unnest(c.old_tags) AS t WHERE NOT c.shown AND NOT t = ANY (c.new_tags))
      INTO shown_ids, tag_ids;
      PERFORM page_cache_note_works(shown_ids, tag_ids, '{}');
      RETURN NULL;
    END $$;
    CREATE TRIGGER page_cache_works_inserted AFTER INSERT ON works
      REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION page_cache_works_inserted();
    CREATE TRIGGER page_cache_works_deleted AFTER DELETE ON works
      REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION page_cache_works_deleted();
    CREATE TRIGGER page_cache_works_updated AFTER UPDATE ON works
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION page_cache_works_updated();

    -- Tables whose rows belong to one work: chapters, tags on works, credits, song credits.
    CREATE FUNCTION page_cache_work_part_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF page_cache_bulk((SELECT count(*) FROM (SELECT 1 FROM new_rows LIMIT 1001) s)) THEN RETURN NULL; END IF;
      PERFORM page_cache_note_work_ids(ARRAY(SELECT work_id FROM new_rows));
      RETURN NULL;
    END $$;
    CREATE FUNCTION page_cache_work_part_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF page_cache_bulk((SELECT count(*) FROM (SELECT 1 FROM old_rows LIMIT 1001) s)) THEN RETURN NULL; END IF;
      PERFORM page_cache_note_work_ids(ARRAY(SELECT work_id FROM old_rows));
      RETURN NULL;
    END $$;
    CREATE FUNCTION page_cache_work_part_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM page_cache_note_work_ids(ARRAY(SELECT work_id FROM new_rows UNION SELECT work_id FROM old_rows));
      RETURN NULL;
    END $$;

    -- A series' pages list its works; each work's page names its part and its neighbours.
    CREATE FUNCTION page_cache_note_series(series_ids bigint[], work_ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM page_cache_note_works(
        ARRAY(SELECT unnest(work_ids) UNION SELECT work_id FROM serial_works WHERE series_id = ANY (series_ids)),
        '{}', ARRAY['listings']);
    END $$;
    CREATE FUNCTION page_cache_serial_works_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        PERFORM page_cache_note_series(ARRAY(SELECT series_id FROM new_rows), ARRAY(SELECT work_id FROM new_rows));
      ELSIF TG_OP = 'DELETE' THEN
        PERFORM page_cache_note_series(ARRAY(SELECT series_id FROM old_rows), ARRAY(SELECT work_id FROM old_rows));
      ELSE
        PERFORM page_cache_note_series(ARRAY(SELECT series_id FROM new_rows UNION SELECT series_id FROM old_rows),
          ARRAY(SELECT work_id FROM new_rows UNION SELECT work_id FROM old_rows));
      END IF;
      RETURN NULL;
    END $$;
    CREATE FUNCTION page_cache_series_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        PERFORM page_cache_note(ARRAY['listings']);
      ELSIF TG_OP = 'DELETE' THEN
        PERFORM page_cache_note_series(ARRAY(SELECT id FROM old_rows), '{}');
      ELSE
        PERFORM page_cache_note_series(ARRAY(SELECT id FROM new_rows), '{}');
      END IF;
      RETURN NULL;
    END $$;

    -- Tags: use counts change with every save and show on no cached page. A new name shows on
    -- every work carrying the tag; any other change (graph, canonical) on listings only.
    CREATE FUNCTION page_cache_tags_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        PERFORM page_cache_note(ARRAY['listings'] || ARRAY(SELECT 'tag:' || id FROM old_rows));
        RETURN NULL;
      END IF;
      PERFORM page_cache_note_works(
        ARRAY(SELECT wt.work_id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN work_tags wt ON wt.tag_id = n.id
          WHERE n.name IS DISTINCT FROM o.name OR n.type IS DISTINCT FROM o.type LIMIT 1001),
        ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
          WHERE (to_jsonb(n) - 'taggings_count') IS DISTINCT FROM (to_jsonb(o) - 'taggings_count')),
        '{}');
      IF EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id
          WHERE (to_jsonb(n) - 'taggings_count') IS DISTINCT FROM (to_jsonb(o) - 'taggings_count')) THEN
        PERFORM page_cache_note(ARRAY['listings']);
      END IF;
      RETURN NULL;
    END $$;

    -- Parents and meta-tags: the related tags on both tags' pages and every listing's facets.
    -- (Filter tags recomputed after a meta-tag change reach the works trigger on their own.)
    CREATE FUNCTION page_cache_listings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM page_cache_note(ARRAY['listings']);
      RETURN NULL;
    END $$;

    -- Pen names: a rename shows on every work credited to it and on listings; any change on
    -- the member's own pages (user page, pen names).
    CREATE FUNCTION page_cache_pseuds_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        PERFORM page_cache_note_works(
          ARRAY(SELECT c.work_id FROM new_rows n JOIN old_rows o ON o.id = n.id JOIN creatorships c ON c.pseud_id = n.id
            WHERE n.name IS DISTINCT FROM o.name LIMIT 1001),
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

  // The same three statement triggers on every table that needs them.
  const perTable: [table: string, insert: string, update: string, del: string][] = [
    ['chapters', 'page_cache_work_part_inserted', 'page_cache_work_part_updated', 'page_cache_work_part_deleted'],
    ['work_tags', 'page_cache_work_part_inserted', 'page_cache_work_part_updated', 'page_cache_work_part_deleted'],
    ['creatorships', 'page_cache_work_part_inserted', 'page_cache_work_part_updated', 'page_cache_work_part_deleted'],
    ['song_credits', 'page_cache_work_part_inserted', 'page_cache_work_part_updated', 'page_cache_work_part_deleted'],
    ['serial_works', 'page_cache_serial_works_changed', 'page_cache_serial_works_changed', 'page_cache_serial_works_changed'],
    ['series', 'page_cache_series_changed', 'page_cache_series_changed', 'page_cache_series_changed'],
    ['series_creatorships', 'page_cache_listings_changed', 'page_cache_listings_changed', 'page_cache_listings_changed'],
    ['tags', '', 'page_cache_tags_changed', 'page_cache_tags_changed'],
    ['tag_parents', 'page_cache_listings_changed', 'page_cache_listings_changed', 'page_cache_listings_changed'],
    ['meta_tags', 'page_cache_listings_changed', 'page_cache_listings_changed', 'page_cache_listings_changed'],
    ['pseuds', 'page_cache_pseuds_changed', 'page_cache_pseuds_changed', 'page_cache_pseuds_changed'],
  ];
  for (const [table, insert, update, del] of perTable) {
    const t = sql.raw(table);
    if (insert) {
      await sql`CREATE TRIGGER page_cache_inserted AFTER INSERT ON ${t} REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION ${sql.raw(insert)}()`.execute(db);
    }
    await sql`CREATE TRIGGER page_cache_updated AFTER UPDATE ON ${t} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION ${sql.raw(update)}()`.execute(db);
    await sql`CREATE TRIGGER page_cache_deleted AFTER DELETE ON ${t} REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION ${sql.raw(del)}()`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are never reversed: restore a backup instead.');
}
