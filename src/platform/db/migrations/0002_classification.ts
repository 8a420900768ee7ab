import { sql, type Kysely } from 'kysely';

/**
 * Tags, AO3's fixed classification (ratings, archive warnings, categories) as system
 * tags, and the publishing flags of works: language, drafts, members-only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE tags (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      type text NOT NULL CHECK (type IN ('rating', 'warning', 'category', 'fandom', 'relationship', 'character', 'freeform')),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 150),
      canonical boolean NOT NULL DEFAULT false,
      -- Display order of the fixed system tags; null for tags that writers create.
      position smallint,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX tags_type_name_key ON tags (type, lower(name));

    CREATE TABLE work_tags (
      work_id bigint NOT NULL REFERENCES works (id) ON DELETE CASCADE,
      tag_id bigint NOT NULL REFERENCES tags (id) ON DELETE RESTRICT,
      -- The order the writer gave the tags in.
      position smallint NOT NULL DEFAULT 0,
      PRIMARY KEY (work_id, tag_id)
    );
    CREATE INDEX work_tags_tag_id_idx ON work_tags (tag_id, work_id);

    INSERT INTO tags (type, name, canonical, position) VALUES
      ('rating', 'Not Rated', true, 1),
      ('rating', 'General Audiences', true, 2),
      ('rating', 'Teen And Up Audiences', true, 3),
      ('rating', 'Mature', true, 4),
      ('rating', 'Explicit', true, 5),
      ('warning', 'Creator Chose Not To Use Archive Warnings', true, 1),
      ('warning', 'No Archive Warnings Apply', true, 2),
      ('warning', 'Graphic Depictions Of Violence', true, 3),
      ('warning', 'Major Character Death', true, 4),
      ('warning', 'Rape/Non-Con', true, 5),
      ('warning', 'Underage Sex', true, 6),
      ('category', 'Gen', true, 1),
      ('category', 'F/M', true, 2),
      ('category', 'M/M', true, 3),
      ('category', 'F/F', true, 4),
      ('category', 'Multi', true, 5),
      ('category', 'Other', true, 6);

    ALTER TABLE works
      ADD COLUMN language text NOT NULL DEFAULT 'en' CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$'),
      ADD COLUMN posted boolean NOT NULL DEFAULT true,
      ADD COLUMN restricted boolean NOT NULL DEFAULT false,
      -- The writer set published_at to a past date; posting a draft keeps it.
      ADD COLUMN backdated boolean NOT NULL DEFAULT false;
    CREATE INDEX works_posted_revised_at_idx ON works (revised_at DESC, id DESC) WHERE posted;

    -- Works posted before classification existed get AO3's neutral defaults, never nothing.
    INSERT INTO work_tags (work_id, tag_id)
      SELECT w.id, t.id FROM works w
      JOIN tags t ON (t.type, t.name) IN (('rating', 'Not Rated'), ('warning', 'Creator Chose Not To Use Archive Warnings'));
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are never reversed: restore a backup instead.');
}
