import { sql, type Kysely } from 'kysely';

/**
 * Issue 7's reader reactions (see ARCHITECTURE.md, "Kudos, bookmarks and history"): kudos,
 * bookmarks with their own tags, reading history and "marked for later". The counters on works
 * (migration 0010) are kept by the services in the same transaction as these rows.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One kudos per work per member, or per guest address. Guests are kept only as a keyed hash
    -- of their address (never the address), so the unique index can refuse a second one.
    CREATE TABLE kudos (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      work_id bigint NOT NULL REFERENCES works (id) ON DELETE CASCADE,
      user_id bigint REFERENCES users (id) ON DELETE CASCADE,
      ip_hash text CHECK (ip_hash IS NULL OR length(ip_hash) BETWEEN 16 AND 128),
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT kudos_member_or_guest CHECK ((user_id IS NULL) <> (ip_hash IS NULL))
    );
    CREATE UNIQUE INDEX kudos_member_key ON kudos (work_id, user_id) WHERE user_id IS NOT NULL;
    CREATE UNIQUE INDEX kudos_guest_key ON kudos (work_id, ip_hash) WHERE ip_hash IS NOT NULL;

    -- A member's bookmark of a work or of a series; one per member per item.
    CREATE TABLE bookmarks (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      work_id bigint REFERENCES works (id) ON DELETE CASCADE,
      series_id bigint REFERENCES series (id) ON DELETE CASCADE,
      notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 20000),
      private boolean NOT NULL DEFAULT false,
      rec boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT bookmarks_work_or_series CHECK ((work_id IS NULL) <> (series_id IS NULL))
    );
    CREATE UNIQUE INDEX bookmarks_user_work_key ON bookmarks (user_id, work_id) WHERE work_id IS NOT NULL;
    CREATE UNIQUE INDEX bookmarks_user_series_key ON bookmarks (user_id, series_id) WHERE series_id IS NOT NULL;
    CREATE INDEX bookmarks_user_recent_idx ON bookmarks (user_id, created_at DESC, id DESC);
    CREATE INDEX bookmarks_work_public_idx ON bookmarks (work_id, created_at DESC, id DESC) WHERE work_id IS NOT NULL AND NOT private;
    CREATE INDEX bookmarks_series_idx ON bookmarks (series_id) WHERE series_id IS NOT NULL;

    -- The bookmarker's own tags: free text, per bookmark, never wrangled (not the tags table).
    CREATE TABLE bookmark_tags (
      bookmark_id bigint NOT NULL REFERENCES bookmarks (id) ON DELETE CASCADE,
      position smallint NOT NULL CHECK (position >= 1),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      PRIMARY KEY (bookmark_id, position)
    );
    CREATE UNIQUE INDEX bookmark_tags_name_key ON bookmark_tags (bookmark_id, lower(name));
    CREATE INDEX bookmark_tags_lower_name_idx ON bookmark_tags (lower(name));

    -- What a member read: one row per member and work, upserted on every visit.
    CREATE TABLE reading_history (
      user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      work_id bigint NOT NULL REFERENCES works (id) ON DELETE CASCADE,
      first_visited_at timestamptz NOT NULL DEFAULT now(),
      last_visited_at timestamptz NOT NULL DEFAULT now(),
      visit_count integer NOT NULL DEFAULT 1 CHECK (visit_count >= 1),
      -- The furthest chapter viewed; null when it was deleted since.
      chapter_id bigint REFERENCES chapters (id) ON DELETE SET NULL,
      PRIMARY KEY (user_id, work_id)
    );
    CREATE INDEX reading_history_recent_idx ON reading_history (user_id, last_visited_at DESC, work_id);

    -- A member's "mark for later" list.
    CREATE TABLE marked_for_later (
      user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      work_id bigint NOT NULL REFERENCES works (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, work_id)
    );
    CREATE INDEX marked_for_later_recent_idx ON marked_for_later (user_id, created_at DESC, work_id);

    -- Members who switched their history off (no row: history is on).
    CREATE TABLE history_settings (
      user_id bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      enabled boolean NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are never reversed: restore a backup instead.');
}
