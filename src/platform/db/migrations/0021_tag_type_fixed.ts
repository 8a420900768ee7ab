import { sql, type Kysely } from 'kysely';

/**
 * A tag's type never changes: no page or command changes it, and the listings keep tag types
 * in memory on every app server (features/tags/tag-type-cache.ts). This makes the database say
 * so, so a future feature or a hand-written UPDATE cannot quietly make those caches wrong: a tag
 * of the wrong type is made again under the right one and merged, as the wranglers do now.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION tags_type_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'the type of tag % cannot change (from % to %)', OLD.id, OLD.type, NEW.type;
    END $$;
    CREATE TRIGGER tags_type_fixed BEFORE UPDATE OF type ON tags
      FOR EACH ROW WHEN (OLD.type IS DISTINCT FROM NEW.type) EXECUTE FUNCTION tags_type_fixed();
  `.execute(db);
}
