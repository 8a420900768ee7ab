import type { PseudsTable, SessionsTable, UserRolesTable, UsersTable } from '../../features/accounts/accounts.table.ts';
import type { MetaTagsTable, TagParentsTable, TagsTable, TagWordsTable, WorkTagsTable } from '../../features/tags/tags.table.ts';
import type { ChaptersTable, CreatorshipsTable, WorksTable } from '../../features/works/works.table.ts';
import type { ReaderPreferencesTable } from '../../features/preferences/preferences.table.ts';
import type { SongCreditsTable } from '../../features/songs/songs.table.ts';
import type { SerialWorksTable, SeriesCreatorshipsTable, SeriesTable } from '../../features/series/series.table.ts';
import type { AuditLogTable } from '../../features/audit/audit.table.ts';
import type { InboxItemsTable } from '../../features/inbox/inbox.table.ts';
import type { CommentAttemptsTable, CommentsTable } from '../../features/comments/comments.table.ts';
import type { WranglerFandomsTable } from '../../features/wrangling/wrangling.table.ts';
import type { EmailDigestItemsTable, EmailOutboxTable, EmailSettingsTable, NotificationEventsTable, SubscriptionsTable } from '../../features/notifications/notifications.table.ts';
import type { HitSaltsTable, WorkDailyHitsTable, WorkHitVisitorsTable } from '../../features/hits/hits.table.ts';
import type { KudosTable } from '../../features/kudos/kudos.table.ts';
import type { BookmarksTable, BookmarkTagsTable } from '../../features/bookmarks/bookmarks.table.ts';
import type { HistorySettingsTable, MarkedForLaterTable, ReadingHistoryTable } from '../../features/history/history.table.ts';
import type { PageCacheChangesTable } from '../page-cache/page-cache.table.ts';
import type { Kysely, Transaction } from 'kysely';

export interface SiteSettingsTable {
  key: string;
  value: string;
}

/** The whole schema, assembled from each feature's table file. */
export interface Database {
  users: UsersTable;
  user_roles: UserRolesTable;
  pseuds: PseudsTable;
  sessions: SessionsTable;
  works: WorksTable;
  chapters: ChaptersTable;
  creatorships: CreatorshipsTable;
  site_settings: SiteSettingsTable;
  tags: TagsTable;
  work_tags: WorkTagsTable;
  tag_parents: TagParentsTable;
  meta_tags: MetaTagsTable;
  tag_words: TagWordsTable;
  song_credits: SongCreditsTable;
  reader_preferences: ReaderPreferencesTable;
  series: SeriesTable;
  series_creatorships: SeriesCreatorshipsTable;
  serial_works: SerialWorksTable;
  wrangler_fandoms: WranglerFandomsTable;
  audit_log: AuditLogTable;
  inbox_items: InboxItemsTable;
  comments: CommentsTable;
  comment_attempts: CommentAttemptsTable;
  subscriptions: SubscriptionsTable;
  notification_events: NotificationEventsTable;
  email_settings: EmailSettingsTable;
  email_outbox: EmailOutboxTable;
  email_digest_items: EmailDigestItemsTable;
  work_hit_visitors: WorkHitVisitorsTable;
  work_daily_hits: WorkDailyHitsTable;
  hit_salts: HitSaltsTable;
  kudos: KudosTable;
  bookmarks: BookmarksTable;
  bookmark_tags: BookmarkTagsTable;
  reading_history: ReadingHistoryTable;
  marked_for_later: MarkedForLaterTable;
  history_settings: HistorySettingsTable;
  page_cache_changes: PageCacheChangesTable;
}

export type Db = Kysely<Database>;
/** Repository functions take either the database or an open transaction. */
export type DbOrTrx = Kysely<Database> | Transaction<Database>;
