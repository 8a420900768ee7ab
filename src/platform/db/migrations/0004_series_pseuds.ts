import { sql, type Kysely } from 'kysely';

/**
 * Series (owned by pseuds, like works) and the orphan_account user that orphaned works are
 * credited to. Its password hash ('!') is not an argon2 hash, so it can never verify: nobody logs in as it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE series (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 240),
      summary text NOT NULL DEFAULT '',
      notes text NOT NULL DEFAULT '',
      complete boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- Like works, a series belongs to pseuds; a pseud that still credits one cannot be deleted.
    CREATE TABLE series_creatorships (
      series_id bigint NOT NULL REFERENCES series (id) ON DELETE CASCADE,
      pseud_id bigint NOT NULL REFERENCES pseuds (id) ON DELETE RESTRICT,
      position smallint NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (series_id, pseud_id)
    );
    CREATE INDEX series_creatorships_pseud_id_idx ON series_creatorships (pseud_id, series_id);

    -- A work's place in a series. Positions run 1..n without gaps; deferrable so a reorder can swap them.
    CREATE TABLE serial_works (
      series_id bigint NOT NULL REFERENCES series (id) ON DELETE CASCADE,
      work_id bigint NOT NULL REFERENCES works (id) ON DELETE CASCADE,
      position integer NOT NULL CHECK (position >= 1),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (series_id, work_id),
      CONSTRAINT serial_works_series_position_key UNIQUE (series_id, position) DEFERRABLE INITIALLY IMMEDIATE
    );
    CREATE INDEX serial_works_work_id_idx ON serial_works (work_id);

    -- Never hand orphaned works to a real person who happened to pick the name.
    DO $$
    BEGIN
      IF EXISTS (SELECT 1 FROM users WHERE lower(username) = 'orphan_account' AND password_hash <> '!') THEN
        RAISE EXCEPTION 'A member already uses the username orphan_account; rename that account before upgrading.';
      END IF;
    END
    $$;

    INSERT INTO users (username, email, password_hash)
    SELECT 'orphan_account', 'orphan_account@orphan.invalid', '!'
    WHERE NOT EXISTS (SELECT 1 FROM users WHERE lower(username) = 'orphan_account');

    INSERT INTO pseuds (user_id, name, is_default)
    SELECT u.id, 'orphan_account', true FROM users u
    WHERE lower(u.username) = 'orphan_account'
      AND NOT EXISTS (SELECT 1 FROM pseuds p WHERE p.user_id = u.id AND p.is_default);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are never reversed: restore a backup instead.');
}
