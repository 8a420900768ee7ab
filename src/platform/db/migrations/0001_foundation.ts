import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE site_settings (
      key text PRIMARY KEY,
      value text NOT NULL
    );

    CREATE TABLE users (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      username text NOT NULL CHECK (username ~ '^[A-Za-z0-9_]{3,40}$'),
      email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
      password_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX users_username_key ON users (lower(username));
    CREATE UNIQUE INDEX users_email_key ON users (lower(email));

    CREATE TABLE user_roles (
      user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('admin', 'tag_wrangler', 'moderator')),
      granted_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, role)
    );

    CREATE TABLE pseuds (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
      description text NOT NULL DEFAULT '',
      is_default boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX pseuds_user_name_key ON pseuds (user_id, lower(name));
    CREATE UNIQUE INDEX pseuds_one_default_per_user ON pseuds (user_id) WHERE is_default;

    CREATE TABLE sessions (
      id text PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL
    );
    CREATE INDEX sessions_user_id_idx ON sessions (user_id);
    CREATE INDEX sessions_expires_at_idx ON sessions (expires_at);

    CREATE TABLE works (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 255),
      summary text NOT NULL DEFAULT '',
      notes text NOT NULL DEFAULT '',
      end_notes text NOT NULL DEFAULT '',
      word_count integer NOT NULL DEFAULT 0 CHECK (word_count >= 0),
      chapter_count integer NOT NULL DEFAULT 0 CHECK (chapter_count >= 0),
      expected_chapters integer CHECK (expected_chapters IS NULL OR expected_chapters >= 1),
      published_at timestamptz NOT NULL DEFAULT now(),
      revised_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX works_revised_at_idx ON works (revised_at DESC, id DESC);

    CREATE TABLE chapters (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      work_id bigint NOT NULL REFERENCES works (id) ON DELETE CASCADE,
      position integer NOT NULL CHECK (position >= 1),
      title text NOT NULL DEFAULT '' CHECK (length(title) <= 255),
      summary text NOT NULL DEFAULT '',
      notes text NOT NULL DEFAULT '',
      end_notes text NOT NULL DEFAULT '',
      body text NOT NULL,
      word_count integer NOT NULL DEFAULT 0 CHECK (word_count >= 0),
      published_at timestamptz NOT NULL DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT chapters_work_position_key UNIQUE (work_id, position) DEFERRABLE INITIALLY IMMEDIATE
    );

    -- A work belongs to pseuds, not users, so pen names and co-creators need no rework.
    -- Pseuds cannot be deleted while they still credit a work: orphan or reassign first.
    CREATE TABLE creatorships (
      work_id bigint NOT NULL REFERENCES works (id) ON DELETE CASCADE,
      pseud_id bigint NOT NULL REFERENCES pseuds (id) ON DELETE RESTRICT,
      position smallint NOT NULL DEFAULT 1,
      accepted_at timestamptz DEFAULT now(),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (work_id, pseud_id)
    );
    CREATE INDEX creatorships_pseud_id_idx ON creatorships (pseud_id, work_id);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are never reversed: restore a backup instead.');
}
