import type { Db, DbOrTrx } from '../../platform/db/schema.ts';
import type { Mailer } from '../../platform/mail/mailer.ts';
import { addInboxItems, type InboxItemInput } from '../inbox/inbox.repository.ts';
import type { InboxKind } from '../inbox/inbox.table.ts';
import type { Work } from '../works/works.model.ts';
import { findWork } from '../works/works.repository.ts';
import { claimUnsentEmails, insertEmails, markEmailFailed, markEmailSent, type EmailInput } from './email-outbox.repository.ts';
import { digestEmail, noticeEmail, type EmailContext } from './emails.ts';
import {
  findChapterHeading,
  findRecipients,
  findSeriesTitle,
  insertDigestItems,
  takeDigestItems,
  takeEvents,
  type NotificationEvent,
  type Recipient,
  type SubscriptionReason,
} from './notices.repository.ts';

const EVENTS_PER_RUN = 50;

interface Notice {
  kind: InboxKind;
  subject: string;
  summary: string;
  url: string;
}

const byline = (work: Work) => work.creators.map((c) => c.pseudName).join(', ') || 'Anonymous';

/**
 * The notice an event makes for a subscriber who follows it for `reason` (for a series, the
 * series they follow is `subscribedTo`); null when there is nothing to say any more.
 */
async function describe(db: DbOrTrx, event: NotificationEvent, work: Work, reason: SubscriptionReason, subscribedTo: string): Promise<Notice | null> {
  const title = `“${work.title}”`;
  if (event.kind === 'new_chapter') {
    const chapter = event.chapterId === null ? undefined : await findChapterHeading(db, work.id, event.chapterId);
    if (!chapter) return null;
    const named = chapter.title ? ` (${chapter.title})` : '';
    return {
      kind: 'new_chapter',
      subject: `New chapter of ${title}`,
      summary: `Chapter ${chapter.position}${named} of ${title} by ${byline(work)} is up.`,
      url: `/works/${work.id}/chapters/${event.chapterId}`,
    };
  }
  if (reason === 'series') {
    const seriesTitle = (event.seriesId === null ? undefined : await findSeriesTitle(db, event.seriesId)) ?? subscribedTo;
    return {
      kind: 'series_update',
      subject: `New work in the series “${seriesTitle}”`,
      summary: `${title} by ${byline(work)} is a new work in the series “${seriesTitle}”.`,
      url: `/works/${work.id}`,
    };
  }
  return { kind: 'new_work', subject: `New work by ${byline(work)}: ${title}`, summary: `${byline(work)} posted a new work: ${title}.`, url: `/works/${work.id}` };
}

/** One notice per member: a member following both the author and the series hears once, for the closest reason. */
function oneEach(recipients: Recipient[], creatorUserIds: readonly number[]): Recipient[] {
  const rank: Record<SubscriptionReason, number> = { work: 0, user: 1, series: 2 };
  const chosen = new Map<number, Recipient>();
  for (const r of recipients) {
    if (creatorUserIds.includes(r.userId)) continue;
    const seen = chosen.get(r.userId);
    if (!seen || rank[r.reason] < rank[seen.reason]) chosen.set(r.userId, r);
  }
  return [...chosen.values()];
}

/**
 * `announced` holds member|work|kind of this run's notices: a work posted and then added to a
 * series before the job ran is one series notice, not two.
 */
async function deliverEvent(trx: DbOrTrx, ctx: EmailContext, event: NotificationEvent, announced: Set<string>): Promise<void> {
  const work = await findWork(trx, event.workId);
  // Unposted again, or deleted since: nothing to announce. Members-only works reach only
  // subscribers, and only members can subscribe.
  if (!work || !work.posted) return;
  const creators = work.creators.map((c) => c.userId);
  const recipients = oneEach(await findRecipients(trx, event, creators), creators);
  if (recipients.length === 0) return;
  const inbox: InboxItemInput[] = [];
  const emails: EmailInput[] = [];
  const digest: { userId: number; summary: string; url: string }[] = [];
  const notices = new Map<string, Notice | null>();
  for (const r of recipients) {
    const which = r.reason === 'series' ? `series|${r.subscribedTo}` : r.reason;
    if (!notices.has(which)) notices.set(which, await describe(trx, event, work, r.reason, r.subscribedTo));
    const notice = notices.get(which);
    if (!notice) continue;
    const key = `${r.userId}|${notice.url}|${notice.kind}`;
    if (announced.has(key)) continue;
    announced.add(key);
    inbox.push({ userId: r.userId, kind: notice.kind, workId: work.id, summary: notice.summary, url: notice.url });
    if (r.mode === 'digest') digest.push({ userId: r.userId, summary: notice.summary, url: notice.url });
    if (r.mode !== 'immediate') continue;
    const email = noticeEmail(ctx, r, { ...notice, subscriptionId: r.subscriptionId, subscribedTo: r.subscribedTo });
    if (email) emails.push(email);
  }
  await addInboxItems(trx, inbox);
  await insertEmails(trx, emails);
  await insertDigestItems(trx, digest);
}

/**
 * The notify job: turns posting events into inbox items, immediate emails (into the outbox)
 * and digest items, all in one transaction with taking the events, so each event is delivered
 * exactly once even if the job runs twice or on two servers at once. Returns events handled.
 */
export async function drainNotificationEvents(db: Db, ctx: EmailContext): Promise<number> {
  let handled = 0;
  for (;;) {
    const count = await db.transaction().execute(async (trx) => {
      const events = await takeEvents(trx, EVENTS_PER_RUN);
      const announced = new Set<string>();
      for (const event of events) await deliverEvent(trx, ctx, event, announced);
      return events.length;
    });
    handled += count;
    if (count < EVENTS_PER_RUN) return handled;
  }
}

/** The daily digest job: one email per member with waiting digest items (none for members who turned email off since). */
export async function sendDailyDigests(db: Db, ctx: EmailContext): Promise<number> {
  let sent = 0;
  for (;;) {
    const batches = await db.transaction().execute(async (trx) => {
      const taken = await takeDigestItems(trx, 100);
      const emails = taken.filter((b) => b.mode !== 'off').map((b) => digestEmail(ctx, b, b.items)).filter((e): e is EmailInput => e !== null);
      await insertEmails(trx, emails);
      sent += emails.length;
      return taken.length;
    });
    if (batches < 100) return sent;
  }
}

/**
 * The delivery job, with SMTP_URL set: sends claimed outbox rows one by one outside any
 * transaction and marks each sent. Without SMTP mail stays in the outbox for admins to read.
 * A crash between sending and marking sends that email again later: at least once, never lost.
 */
export async function deliverOutbox(db: Db, mailer: Mailer | undefined, publicUrl: string): Promise<number> {
  if (!mailer) return 0;
  let sent = 0;
  for (;;) {
    const claimed = await claimUnsentEmails(db, 20);
    for (const email of claimed) {
      try {
        await mailer.send({ to: email.to, subject: email.subject, text: email.text, unsubscribeUrl: email.unsubscribePath ? `${publicUrl}${email.unsubscribePath}` : undefined });
        await markEmailSent(db, email.id);
        sent++;
      } catch (error) {
        await markEmailFailed(db, email.id, error instanceof Error ? error.message : String(error));
      }
    }
    if (claimed.length < 20) return sent;
  }
}
