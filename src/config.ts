import path from 'node:path';
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const integerFromEnv = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: `must be a whole number from ${min} to ${max}` })
    .transform(Number)
    .pipe(z.number().int().min(min, { message: `must be at least ${min}` }).max(max, { message: `must be at most ${max}` }));

/** Every setting Quire reads, by environment variable name. README's configuration table mirrors this. */
const envSchema = z.object({
  PORT: integerFromEnv(1, 65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// URL' })
    .optional(),
  QUIRE_DATA_DIR: z.string().min(1).default('./data'),
  QUIRE_SITE_NAME: z.string().min(1).max(80).default('Quire'),
  QUIRE_SECRET: z.string().min(32, { message: 'must be at least 32 characters long' }).optional(),
  QUIRE_TRUST_PROXY: booleanFromEnv.default(false),
  QUIRE_MAX_BODY_BYTES: integerFromEnv(1024, 100 * 1024 * 1024).default(4 * 1024 * 1024),
  QUIRE_DB_POOL_SIZE: integerFromEnv(1, 500).default(10),
  QUIRE_SESSION_DAYS: integerFromEnv(1, 3650).default(30),
  QUIRE_LOGIN_RATE_LIMIT: integerFromEnv(1, 100000).default(10),
  QUIRE_SIGNUP_RATE_LIMIT: integerFromEnv(1, 100000).default(5),
  QUIRE_IMPORT_MAX_BYTES: integerFromEnv(1024, 1024 * 1024 * 1024).default(10 * 1024 * 1024),
  QUIRE_COMMENT_LIMIT_PER_ACCOUNT: integerFromEnv(1, 100000).default(10),
  QUIRE_COMMENT_LIMIT_PER_ADDRESS: integerFromEnv(1, 100000).default(20),
  QUIRE_COMMENT_LIMIT_MINUTES: integerFromEnv(1, 1440).default(10),
  QUIRE_JOBS: z.enum(['on', 'off'], { message: 'must be on or off' }).default('on'),
  QUIRE_PUBLIC_URL: z
    .string()
    .url({ message: 'must be an http(s) URL' })
    .regex(/^https?:\/\/[^\s]+$/, { message: 'must be an http(s) URL' })
    .transform((value) => value.replace(/\/+$/, ''))
    .optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// or smtps:// URL' }).optional(),
  // A header value: control characters (CR/LF) would let it add headers of its own.
  QUIRE_MAIL_FROM: z.string().min(3).max(200).regex(/^[^\p{Cc}]+$/u, { message: 'must be one line without control characters' }).default('Quire <noreply@localhost>'),
  QUIRE_HITS_FLUSH_SECONDS: integerFromEnv(1, 3600).default(10),
  QUIRE_PAGE_CACHE_MB: integerFromEnv(0, 1024 * 1024).default(64),
  QUIRE_PAGE_CACHE_POLL_MS: integerFromEnv(0, 60_000).default(500),
  QUIRE_PAGE_CACHE_TTL_SECONDS: integerFromEnv(1, 86_400).default(300),
  QUIRE_COMPRESSION: z.enum(['on', 'off'], { message: 'must be on or off' }).default('on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
});

/** Every environment variable Quire reads (README.md and `quire --help` document each). */
export const SETTING_NAMES: readonly string[] = Object.keys(envSchema.shape);

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  siteName: string;
  secret: string | undefined;
  trustProxy: boolean;
  maxBodyBytes: number;
  dbPoolSize: number;
  sessionDays: number;
  loginRateLimitPerMinute: number;
  signupRateLimitPerHour: number;
  /** Largest file `quire import` (and the import page) accepts, in bytes. */
  importMaxBytes: number;
  /** Comments one account, and one client address, may post per commentLimitMinutes (counted in the database). */
  commentLimitPerAccount: number;
  commentLimitPerAddress: number;
  commentLimitMinutes: number;
  /** Memory for rendered guest pages, in bytes; 0 turns the in-process page cache off. */
  pageCacheBytes: number;
  /** How often each server reads the page cache's change feed; 0 reads it before every cached answer. */
  pageCachePollMs: number;
  /** A cached page is rendered again after this long even if nothing changed (hit counts, missed changes). */
  pageCacheTtlSeconds: number;
  /** gzip/brotli answers for browsers that ask (QUIRE_COMPRESSION=on); off when a reverse proxy compresses. */
  compression: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  /** Run job workers and scheduled jobs in this process (QUIRE_JOBS=on); off still enqueues. */
  jobs: boolean;
  /** Origin for links in emails, without a trailing slash. */
  publicUrl: string;
  /** nodemailer SMTP URL; unset keeps mail in the email_outbox table for /admin/outbox. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** How often buffered hits are written; 0 (tests only) leaves flushing to the caller. */
  hitsFlushSeconds: number;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment. Throws ConfigError with one line naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    const got = present[name];
    const shown = name === 'QUIRE_SECRET' || name === 'DATABASE_URL' || name === 'SMTP_URL' ? '' : ` (got ${JSON.stringify(got)})`;
    throw new ConfigError(`Invalid configuration: ${name} ${issue?.message ?? 'is invalid'}${shown}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.QUIRE_DATA_DIR),
    siteName: e.QUIRE_SITE_NAME,
    secret: e.QUIRE_SECRET,
    trustProxy: e.QUIRE_TRUST_PROXY,
    maxBodyBytes: e.QUIRE_MAX_BODY_BYTES,
    dbPoolSize: e.QUIRE_DB_POOL_SIZE,
    sessionDays: e.QUIRE_SESSION_DAYS,
    loginRateLimitPerMinute: e.QUIRE_LOGIN_RATE_LIMIT,
    signupRateLimitPerHour: e.QUIRE_SIGNUP_RATE_LIMIT,
    importMaxBytes: e.QUIRE_IMPORT_MAX_BYTES,
    commentLimitPerAccount: e.QUIRE_COMMENT_LIMIT_PER_ACCOUNT,
    commentLimitPerAddress: e.QUIRE_COMMENT_LIMIT_PER_ADDRESS,
    commentLimitMinutes: e.QUIRE_COMMENT_LIMIT_MINUTES,
    pageCacheBytes: e.QUIRE_PAGE_CACHE_MB * 1024 * 1024,
    pageCachePollMs: e.QUIRE_PAGE_CACHE_POLL_MS,
    pageCacheTtlSeconds: e.QUIRE_PAGE_CACHE_TTL_SECONDS,
    compression: e.QUIRE_COMPRESSION === 'on',
    logLevel: e.LOG_LEVEL,
    jobs: e.QUIRE_JOBS === 'on',
    publicUrl: e.QUIRE_PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.QUIRE_MAIL_FROM,
    hitsFlushSeconds: e.QUIRE_HITS_FLUSH_SECONDS,
  };
}
