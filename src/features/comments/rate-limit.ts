import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import { AppError, tryAgainIn } from '../../platform/http/errors.ts';
import { lockKey, pruneAttempts, recentAttempts, recordAttempts } from './rate-limit.repository.ts';

/** One limit: at most `max` comments under `key` per window. */
export interface CommentLimit {
  key: string;
  max: number;
}

export interface CommentLimits {
  limits: CommentLimit[];
  minutes: number;
}

/** Thrown when a limit is reached; the error page says when to try again (429 with Retry-After). */
export class CommentRateLimited extends AppError {
  constructor(retryAfterSeconds: number) {
    super('rate_limited', `You have posted a lot of comments in a short time. ${tryAgainIn(retryAfterSeconds)}`, retryAfterSeconds);
  }
}

/**
 * The limits for this request: per client address, and per account for members. The address
 * is kept only as a keyed hash: the cookie secret signs it (HMAC-SHA-256, via @fastify/cookie's
 * signCookie), so the table never holds a raw address and a leaked table can't be reversed by
 * hashing every IPv4 address.
 */
export function limitsFor(request: FastifyRequest): CommentLimits {
  const { config } = request.server;
  const addressHash = createHash('sha256').update(request.server.signCookie(`comment-rate:${request.ip}`)).digest('base64url');
  const limits: CommentLimit[] = [{ key: `ip:${addressHash}`, max: config.commentLimitPerAddress }];
  if (request.viewer) limits.push({ key: `user:${request.viewer.id}`, max: config.commentLimitPerAccount });
  return { limits, minutes: config.commentLimitMinutes };
}

/**
 * Counts this comment against every limit, in the caller's transaction, or throws
 * CommentRateLimited (and the transaction rolls back). Each key's advisory lock is held to the
 * end of the transaction, so concurrent posts on several app servers count one after another.
 */
export async function takeCommentSlot(trx: DbOrTrx, { limits, minutes }: CommentLimits): Promise<void> {
  const sorted = [...limits].sort((a, b) => a.key.localeCompare(b.key));
  for (const limit of sorted) await lockKey(trx, limit.key);
  for (const limit of sorted) {
    const recent = await recentAttempts(trx, limit.key, minutes);
    if (recent.count >= limit.max) {
      const freesAt = (recent.oldest?.getTime() ?? Date.now()) + minutes * 60_000;
      throw new CommentRateLimited(Math.max(1, Math.ceil((freesAt - Date.now()) / 1000)));
    }
  }
  await recordAttempts(trx, sorted.map((limit) => limit.key));
  await pruneAttempts(trx, minutes);
}
