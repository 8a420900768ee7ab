export type ErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'rate_limited';

const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
};

/** An error whose message is safe to show to the person who caused it. */
export class AppError extends Error {
  override name = 'AppError';
  readonly statusCode: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** For `rate_limited`: seconds until trying again can work, sent as `Retry-After`. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.statusCode = statusByCode[code];
  }
}

/** "Try again in 3 minutes." for a wait in seconds: whole minutes, at least one, as people read it. */
export function tryAgainIn(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return `Try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}

export const notFound = (what = 'page') => new AppError('not_found', `We couldn't find that ${what}.`);
export const forbidden = (message = "You don't have permission to do that.") => new AppError('forbidden', message);
export const badRequest = (message: string) => new AppError('bad_request', message);
