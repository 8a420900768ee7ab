import { sql, type Kysely } from 'kysely';

/**
 * Media, AO3's fixed parents of fandoms (TV Shows, Books & Literature, …): a new tag type,
 * seeded canonical here. Media are never put on works; wranglers link fandoms to them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- 0002 named the inline CHECK on tags.type tags_type_check; replace it to allow 'media'.
    ALTER TABLE tags DROP CONSTRAINT tags_type_check;
    ALTER TABLE tags ADD CONSTRAINT tags_type_check
      CHECK (type IN ('rating', 'warning', 'category', 'fandom', 'relationship', 'character', 'freeform', 'media'));

    INSERT INTO tags (type, name, canonical) VALUES
      ('media', 'Anime & Manga', true),
      ('media', 'Books & Literature', true),
      ('media', 'Cartoons & Comics & Graphic Novels', true),
      ('media', 'Celebrities & Real People', true),
      ('media', 'Movies', true),
      ('media', 'Music & Bands', true),
      ('media', 'Other Media', true),
      ('media', 'Theater', true),
      ('media', 'TV Shows', true),
      ('media', 'Video Games', true),
      ('media', 'Uncategorized Fandoms', true)
    ON CONFLICT DO NOTHING;

    -- The app never puts media on a work; this is the backstop against any other writer.
    CREATE FUNCTION work_tags_refuse_media() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF EXISTS (SELECT 1 FROM tags t WHERE t.id = NEW.tag_id AND t.type = 'media') THEN
        RAISE EXCEPTION 'tag % is a media and can''t be put on a work', NEW.tag_id;
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER work_tags_refuse_media BEFORE INSERT OR UPDATE ON work_tags
      FOR EACH ROW EXECUTE FUNCTION work_tags_refuse_media();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are never reversed: restore a backup instead.');
}
