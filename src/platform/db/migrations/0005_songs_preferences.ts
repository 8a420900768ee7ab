import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Songs a work credits (songfics). Downloads will list them too.
    CREATE TABLE song_credits (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      work_id bigint NOT NULL REFERENCES works (id) ON DELETE CASCADE,
      position smallint NOT NULL CHECK (position >= 1),
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      artist text NOT NULL CHECK (length(artist) BETWEEN 1 AND 200),
      link text CHECK (link IS NULL OR (length(link) <= 2000 AND link ~* '^https?://')),
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT song_credits_work_position_key UNIQUE (work_id, position)
    );

    -- A member's reading preferences; guests keep theirs in a cookie.
    CREATE TABLE reader_preferences (
      user_id bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      font_size smallint NOT NULL DEFAULT 100 CHECK (font_size IN (90, 100, 115, 130)),
      line_width text NOT NULL DEFAULT 'normal' CHECK (line_width IN ('narrow', 'normal', 'wide')),
      theme text NOT NULL DEFAULT 'auto' CHECK (theme IN ('auto', 'light', 'dark')),
      hide_tags boolean NOT NULL DEFAULT false,
      hide_lyrics boolean NOT NULL DEFAULT false,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are never reversed: restore a backup instead.');
}
