import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a link in an email may undo, with no log-in: one subscription, or all of a member's notice email. */
export type UnsubscribeTarget = { kind: 'subscription'; subscriptionId: number; userId: number } | { kind: 'email'; userId: number };

/** Links stay valid this long; an old email's link then shows a clear "expired" page. */
export const UNSUBSCRIBE_LINK_DAYS = 90;

export type VerifiedToken = { ok: true; target: UnsubscribeTarget } | { ok: false; reason: 'invalid' | 'expired' };

/** A key of its own, derived from the server secret, so a token can never pass for a cookie signature or the reverse. */
export function unsubscribeKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('quire:unsubscribe-links:v1').digest();
}

function mac(key: Buffer, payload: string): string {
  return createHmac('sha256', key).update(payload).digest('base64url').slice(0, 32);
}

/** `s.<subscription>.<user>.<expires>.<mac>` or `e.<user>.<expires>.<mac>`: URL-safe as it stands. */
export function signUnsubscribeToken(key: Buffer, target: UnsubscribeTarget, now = new Date()): string {
  const expires = Math.floor(now.getTime() / 1000) + UNSUBSCRIBE_LINK_DAYS * 86_400;
  const payload = target.kind === 'subscription' ? `s.${target.subscriptionId}.${target.userId}.${expires}` : `e.${target.userId}.${expires}`;
  return `${payload}.${mac(key, payload)}`;
}

const TOKEN = /^(?:s\.(\d{1,15})\.(\d{1,15})|e\.(\d{1,15}))\.(\d{1,12})\.([A-Za-z0-9_-]{32})$/;

export function verifyUnsubscribeToken(key: Buffer, token: string, now = new Date()): VerifiedToken {
  const match = TOKEN.exec(token);
  if (!match) return { ok: false, reason: 'invalid' };
  const [, subscriptionId, subscriber, emailUser, expires, given] = match;
  const payload = token.slice(0, token.lastIndexOf('.'));
  const expected = Buffer.from(mac(key, payload));
  if (!timingSafeEqual(expected, Buffer.from(given!))) return { ok: false, reason: 'invalid' };
  if (Number(expires) * 1000 < now.getTime()) return { ok: false, reason: 'expired' };
  const target: UnsubscribeTarget = subscriptionId
    ? { kind: 'subscription', subscriptionId: Number(subscriptionId), userId: Number(subscriber) }
    : { kind: 'email', userId: Number(emailUser) };
  return { ok: true, target };
}
