import { sql, type Kysely } from 'kysely';

/**
 * Issue 7 items 4, 7 and 8 (see ARCHITECTURE.md, "Subscriptions, email and hit counts"):
 * subscriptions, the posting outbox that a job turns into notices, members' email settings,
 * the email outbox, digest items, and the hit-count tables. pg-boss installs its own schema
 * (`pgboss`) when the job queue starts, not here: it versions and upgrades that schema itself.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One member following one work (new chapters), author (new works) or series (new works in it).
    CREATE TABLE subscriptions (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      work_id bigint REFERENCES works (id) ON DELETE CASCADE,
      author_id bigint REFERENCES users (id) ON DELETE CASCADE,
      series_id bigint REFERENCES series (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (num_nonnulls(work_id, author_id, series_id) = 1),
      CHECK (author_id IS DISTINCT FROM user_id)
    );
    -- One subscription per member and thing; each index also finds a thing's subscribers.
    CREATE UNIQUE INDEX subscriptions_work_uq ON subscriptions (work_id, user_id) WHERE work_id IS NOT NULL;
    CREATE UNIQUE INDEX subscriptions_author_uq ON subscriptions (author_id, user_id) WHERE author_id IS NOT NULL;
    CREATE UNIQUE INDEX subscriptions_series_uq ON subscriptions (series_id, user_id) WHERE series_id IS NOT NULL;
    CREATE INDEX subscriptions_user_idx ON subscriptions (user_id, id DESC);

    -- Written in the same transaction as the chapter or work being posted (a transactional
    -- outbox); the notify job turns each row into inbox items and emails, then deletes it.
    CREATE TABLE notification_events (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('new_chapter', 'new_work', 'series_work')),
      work_id bigint NOT NULL REFERENCES works (id) ON DELETE CASCADE,
      chapter_id bigint REFERENCES chapters (id) ON DELETE CASCADE,
      series_id bigint REFERENCES series (id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    -- No row means 'immediate'.
    CREATE TABLE email_settings (
      user_id bigint PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
      mode text NOT NULL CHECK (mode IN ('immediate', 'digest', 'off')),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- Every email Quire composes. Without SMTP_URL this is where mail stays (admins read it at
    -- /admin/outbox); with it, the delivery job sends each row and sets sent_at. Header fields
    -- can never hold control characters, whatever the code above forgets.
    CREATE TABLE email_outbox (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id bigint REFERENCES users (id) ON DELETE SET NULL,
      to_address text NOT NULL CHECK (to_address !~ '[[:cntrl:]]' AND length(to_address) <= 320),
      subject text NOT NULL CHECK (subject !~ '[[:cntrl:]]' AND length(subject) BETWEEN 1 AND 250),
      body_text text NOT NULL,
      unsubscribe_path text CHECK (unsubscribe_path LIKE '/unsubscribe/%'),
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz,
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL DEFAULT now(),
      last_error text
    );
    CREATE INDEX email_outbox_unsent_idx ON email_outbox (next_attempt_at) WHERE sent_at IS NULL;
    CREATE INDEX email_outbox_created_idx ON email_outbox (created_at);

    -- Notices waiting for a member's daily digest email.
    CREATE TABLE email_digest_items (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
      summary text NOT NULL,
      url text NOT NULL CHECK (url LIKE '/%'),
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX email_digest_items_user_idx ON email_digest_items (user_id, id);

    -- Hit counting: who already counted for a work on a day (members by account, guests by a
    -- hash with that day's salt), pruned once the day is over; hits per work per day for the
    -- statistics; and the day's random salt, deleted once the day is over so no one can tie a
    -- hash to an address afterwards.
    CREATE TABLE work_hit_visitors (
      work_id bigint NOT NULL REFERENCES works (id) ON DELETE CASCADE,
      day date NOT NULL,
      visitor text NOT NULL,
      PRIMARY KEY (work_id, day, visitor)
    );
    CREATE INDEX work_hit_visitors_day_idx ON work_hit_visitors (day);
    CREATE TABLE work_daily_hits (
      work_id bigint NOT NULL REFERENCES works (id) ON DELETE CASCADE,
      day date NOT NULL,
      hits integer NOT NULL CHECK (hits > 0),
      PRIMARY KEY (work_id, day)
    );
    CREATE TABLE hit_salts (
      day date PRIMARY KEY,
      salt text NOT NULL
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Migrations are never reversed: restore a backup instead.');
}
