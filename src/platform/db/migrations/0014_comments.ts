import { sql, type Kysely } from 'kysely';

/**
 * Comments (reviews) on works and chapters, each work's comment settings, and the recent comment
 * attempts the per-address and per-account rate limits count (see ARCHITECTURE.md, "Comments").
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE works
      ADD COLUMN comment_permission text NOT NULL DEFAULT 'everyone' CHECK (comment_permission IN ('everyone', 'members', 'nobody')),
      ADD COLUMN moderate_comments boolean NOT NULL DEFAULT false;

    -- A comment on a work as a whole (chapter_id null) or on one chapter, or a reply (parent_id).
    -- Members write as one of their pseuds; guests give a name and an email that is never shown.
    -- Comments are never deleted while their work exists: deleting one clears its text and sets
    -- deleted_at, so its replies keep their place. A deleted chapter's comments stay on the work.
    CREATE TABLE comments (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      work_id bigint NOT NULL REFERENCES works (id) ON DELETE CASCADE,
      chapter_id bigint REFERENCES chapters (id) ON DELETE SET NULL,
      parent_id bigint REFERENCES comments (id) ON DELETE CASCADE,
      user_id bigint REFERENCES users (id) ON DELETE SET NULL,
      pseud_id bigint REFERENCES pseuds (id) ON DELETE SET NULL,
      guest_name text CHECK (guest_name IS NULL OR length(guest_name) BETWEEN 1 AND 100),
      guest_email text CHECK (guest_email IS NULL OR length(guest_email) <= 254),
      body text NOT NULL,
      -- False while held for the creators' approval (the work's moderate_comments).
      approved boolean NOT NULL,
      -- A frozen comment takes no replies and no edits; freezing applies to a whole subthread.
      frozen boolean NOT NULL DEFAULT false,
      edited_at timestamptz,
      deleted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (user_id IS NULL OR guest_name IS NULL)
    );
    CREATE INDEX comments_roots_idx ON comments (work_id, id) WHERE parent_id IS NULL;
    CREATE INDEX comments_work_idx ON comments (work_id, chapter_id);
    CREATE INDEX comments_parent_idx ON comments (parent_id, id);
    CREATE INDEX comments_held_idx ON comments (work_id, id) WHERE NOT approved AND deleted_at IS NULL;
    CREATE INDEX comments_user_idx ON comments (user_id);

    -- Recent comments per key ('ip:' + a salted hash of the address, or 'user:' + id), counted by
    -- the rate limits so they hold across every app server. Rows older than the window are pruned.
    CREATE TABLE comment_attempts (
      key text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX comment_attempts_key_idx ON comment_attempts (key, created_at);
    CREATE INDEX comment_attempts_created_idx ON comment_attempts (created_at);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are never reversed: restore a backup instead.');
}
