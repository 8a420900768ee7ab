import { sql, type Kysely } from 'kysely';

/**
 * What issues 6 and 7 share (see ARCHITECTURE.md, "Reader responses"): counters on works that the
 * listings sort by and the features that own them keep up to date, and the inbox, which comments,
 * replies and subscription notices all write to.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Kept by the feature that owns each response (comments, kudos, bookmarks, hit counting), in
    -- the same transaction as the response, so sorting a listing never counts rows.
    ALTER TABLE works
      ADD COLUMN hits_count integer NOT NULL DEFAULT 0 CHECK (hits_count >= 0),
      ADD COLUMN kudos_count integer NOT NULL DEFAULT 0 CHECK (kudos_count >= 0),
      ADD COLUMN comments_count integer NOT NULL DEFAULT 0 CHECK (comments_count >= 0),
      ADD COLUMN bookmarks_count integer NOT NULL DEFAULT 0 CHECK (bookmarks_count >= 0);

    -- One notice for one member. work_id and comment_id say what it is about; the link is kept
    -- so an old notice still leads somewhere sensible after its chapter moved.
    CREATE TABLE inbox_items (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('comment', 'reply', 'new_chapter', 'new_work', 'series_update')),
      work_id bigint REFERENCES works (id) ON DELETE CASCADE,
      comment_id bigint,
      summary text NOT NULL CHECK (length(summary) BETWEEN 1 AND 1000),
      url text NOT NULL CHECK (url LIKE '/%'),
      read_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX inbox_items_user_idx ON inbox_items (user_id, id DESC);
    CREATE INDEX inbox_items_unread_idx ON inbox_items (user_id) WHERE read_at IS NULL;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are never reversed: restore a backup instead.');
}
