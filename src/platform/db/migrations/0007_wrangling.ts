import { sql, type Kysely } from 'kysely';

/**
 * Tag wrangling: which fandoms each wrangler looks after, and one audit log of every change a
 * wrangler or an admin makes (see ARCHITECTURE.md, "Wrangling and the audit log").
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE wrangler_fandoms (
      user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      fandom_id bigint NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
      assigned_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (user_id, fandom_id)
    );
    CREATE INDEX wrangler_fandoms_fandom_idx ON wrangler_fandoms (fandom_id);

    -- Rows are only ever inserted. The actor and the tag are kept by id while they exist and by
    -- name for ever, so the log still reads correctly after an account or a tag is gone.
    CREATE TABLE audit_log (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      actor_id bigint REFERENCES users (id) ON DELETE SET NULL,
      actor_name text NOT NULL,
      action text NOT NULL,
      tag_id bigint REFERENCES tags (id) ON DELETE SET NULL,
      tag_name text,
      subject_user_id bigint REFERENCES users (id) ON DELETE SET NULL,
      summary text NOT NULL,
      details jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX audit_log_created_idx ON audit_log (created_at DESC, id DESC);
    CREATE INDEX audit_log_tag_idx ON audit_log (tag_id, created_at DESC) WHERE tag_id IS NOT NULL;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are never reversed: restore a backup instead.');
}
