import type { ColumnType, Generated } from 'kysely';

/** Migration 0016: exactly one of work_id, author_id, series_id is set. */
export interface SubscriptionsTable {
  id: Generated<number>;
  user_id: number;
  work_id: number | null;
  author_id: number | null;
  series_id: number | null;
  created_at: ColumnType<Date, never, never>;
}

export type NotificationEventKind = 'new_chapter' | 'new_work' | 'series_work';

/** The posting outbox: written with the post, drained by the notify job. */
export interface NotificationEventsTable {
  id: Generated<number>;
  kind: NotificationEventKind;
  work_id: number;
  chapter_id: number | null;
  series_id: number | null;
  created_at: ColumnType<Date, never, never>;
}

export type EmailMode = 'immediate' | 'digest' | 'off';

export interface EmailSettingsTable {
  user_id: number;
  mode: EmailMode;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface EmailOutboxTable {
  id: Generated<number>;
  user_id: number | null;
  to_address: string;
  subject: string;
  body_text: string;
  unsubscribe_path: string | null;
  created_at: ColumnType<Date, never, never>;
  sent_at: ColumnType<Date | null, never, Date | null>;
  attempts: ColumnType<number, never, number>;
  next_attempt_at: ColumnType<Date, never, Date>;
  last_error: ColumnType<string | null, never, string | null>;
}

export interface EmailDigestItemsTable {
  id: Generated<number>;
  user_id: number;
  summary: string;
  url: string;
  created_at: ColumnType<Date, never, never>;
}
