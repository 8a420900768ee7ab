import { headerText, isSafeAddress } from '../../platform/mail/mailer.ts';
import type { EmailInput } from './email-outbox.repository.ts';
import { signUnsubscribeToken, type UnsubscribeTarget } from './unsubscribe-token.ts';

/** What composing an email needs from the app. */
export interface EmailContext {
  siteName: string;
  /** Origin for links, without a trailing slash. */
  publicUrl: string;
  unsubscribeKey: Buffer;
}

/** Text for the body: one line, no control characters (titles and names come from writers). */
const line = (value: string) => headerText(value, 1000);

function unsubscribeLink(ctx: EmailContext, target: UnsubscribeTarget): { path: string; url: string } {
  const path = `/unsubscribe/${signUnsubscribeToken(ctx.unsubscribeKey, target)}`;
  return { path, url: `${ctx.publicUrl}${path}` };
}

interface Person {
  userId: number;
  username: string;
  email: string;
}

/** null when the address could not safely go into a To header (never repaired, only refused). */
function addressOf(person: Person): string | null {
  return isSafeAddress(person.email) ? person.email : null;
}

/** One notice, one email (immediate mode). Its one-click link removes the subscription that caused it. */
export function noticeEmail(ctx: EmailContext, person: Person, notice: { subject: string; summary: string; url: string; subscriptionId: number; subscribedTo: string }): EmailInput | null {
  const to = addressOf(person);
  if (!to) return null;
  const link = unsubscribeLink(ctx, { kind: 'subscription', subscriptionId: notice.subscriptionId, userId: person.userId });
  const text = [
    `Hello ${line(person.username)},`,
    '',
    line(notice.summary),
    '',
    `Read it: ${ctx.publicUrl}${notice.url}`,
    '',
    '-- ',
    `You get this email because you subscribed to “${line(notice.subscribedTo)}” on ${line(ctx.siteName)}.`,
    `Unsubscribe from it with one click: ${link.url}`,
    `Choose a daily digest or no email at all: ${ctx.publicUrl}/subscriptions`,
    '',
  ].join('\n');
  return { userId: person.userId, to, subject: headerText(`[${ctx.siteName}] ${notice.subject}`, 200), text, unsubscribePath: link.path };
}

/** The daily digest: every waiting notice in one email. Its one-click link stops notice email altogether. */
export function digestEmail(ctx: EmailContext, person: Person, items: readonly { summary: string; url: string }[]): EmailInput | null {
  const to = addressOf(person);
  if (!to) return null;
  const link = unsubscribeLink(ctx, { kind: 'email', userId: person.userId });
  const count = items.length === 1 ? '1 update' : `${items.length} updates`;
  const text = [
    `Hello ${line(person.username)},`,
    '',
    `Here is what happened on ${line(ctx.siteName)} since your last digest:`,
    '',
    ...items.flatMap((item) => [`* ${line(item.summary)}`, `  ${ctx.publicUrl}${item.url}`]),
    '',
    '-- ',
    'You get this daily digest because you subscribed to works, authors or series.',
    `Stop these emails with one click: ${link.url}`,
    `Manage your subscriptions: ${ctx.publicUrl}/subscriptions`,
    '',
  ].join('\n');
  return { userId: person.userId, to, subject: headerText(`[${ctx.siteName}] Your daily digest: ${count}`, 200), text, unsubscribePath: link.path };
}
