import { sql, type Kysely } from 'kysely';

/**
 * Text search (see ARCHITECTURE.md, "Text search"): a weighted search document on every work,
 * and a text vector on every chapter for the opt-in "search the works' text too". Both are
 * plain columns (not generated: a work's document depends on other tables) with GIN indexes,
 * filled here for the rows that already exist.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The readable text of stored (sanitized) HTML: tags become spaces so words don't run
    -- together, the entities the sanitizer writes are decoded, any other entity is a space.
    CREATE FUNCTION quire_html_text(html text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT regexp_replace(
        replace(replace(replace(replace(replace(replace(
          regexp_replace(html, '<[^>]*>', ' ', 'g'),
          '&nbsp;', ' '), '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&#39;', ''''), '&amp;', '&'),
        '&#?[A-Za-z0-9]+;', ' ', 'g')
    $$;

    -- A work's search document, weighted as AO3 weights its fields: title and creators A, tags
    -- B, summary C, notes D. Every field is indexed with the 'simple' configuration (lowercased
    -- words, no stop words, no stemming: right for any language); English works also get the
    -- 'english' stems, so "running" finds "run". Each field is its own vector, so a phrase never
    -- runs from one field into the next (|| shifts the right side's positions).
    CREATE FUNCTION quire_search_document(language text, title text, creators text, tags text, summary text, notes text)
    RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', creators), 'A')
        || setweight(to_tsvector('simple', tags), 'B') || setweight(to_tsvector('simple', quire_html_text(summary)), 'C')
        || setweight(to_tsvector('simple', quire_html_text(notes)), 'D')
        || CASE WHEN language = 'en' THEN
             setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', creators), 'A')
             || setweight(to_tsvector('english', tags), 'B') || setweight(to_tsvector('english', quire_html_text(summary)), 'C')
             || setweight(to_tsvector('english', quire_html_text(notes)), 'D')
           ELSE ''::tsvector END
    $$;

    -- Chapter text: 'simple' only (the text is most of an archive's bytes; stems would double it).
    CREATE FUNCTION quire_chapter_search_text(body text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT to_tsvector('simple', quire_html_text(body))
    $$;

    ALTER TABLE works ADD COLUMN search_document tsvector NOT NULL DEFAULT ''::tsvector;
    ALTER TABLE chapters ADD COLUMN search_text tsvector NOT NULL DEFAULT ''::tsvector;

    -- Chapter text follows the body through a row trigger, whoever writes it (forms, imports).
    -- A bulk load may disable it (ALTER TABLE chapters DISABLE TRIGGER chapters_search_text) and
    -- fill the column afterwards with refreshSearchDocuments (features/search/search.repository.ts).
    CREATE FUNCTION chapters_search_text_set() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.search_text := quire_chapter_search_text(NEW.body);
      RETURN NEW;
    END $$;
    CREATE TRIGGER chapters_search_text BEFORE INSERT OR UPDATE OF body ON chapters
      FOR EACH ROW EXECUTE FUNCTION chapters_search_text_set();

    UPDATE chapters SET search_text = quire_chapter_search_text(body);
  `.execute(db);

  // The same statement as refreshSearchDocuments(db, 'all'), kept here as it stands today: a
  // migration must not change when the repository does.
  await sql`
    UPDATE works SET search_document = quire_search_document(
      works.language,
      works.title,
      coalesce((
        SELECT string_agg(p.name || CASE WHEN lower(p.name) <> lower(u.username) THEN ' ' || u.username ELSE '' END, ' ' ORDER BY c.position)
        FROM creatorships c JOIN pseuds p ON p.id = c.pseud_id JOIN users u ON u.id = p.user_id
        WHERE c.work_id = works.id AND c.accepted_at IS NOT NULL
      ), ''),
      coalesce((
        SELECT string_agg(t.name, ' ' ORDER BY t.id) FROM tags t
        WHERE t.id IN (SELECT wt.tag_id FROM work_tags wt WHERE wt.work_id = works.id UNION SELECT unnest(works.filter_tag_ids))
      ), ''),
      works.summary,
      works.notes || ' ' || works.end_notes
    );

    CREATE INDEX works_search_document_idx ON works USING gin (search_document);
    CREATE INDEX chapters_search_text_idx ON chapters USING gin (search_text);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are never reversed: restore a backup instead.');
}
