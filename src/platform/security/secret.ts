import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../db/schema.ts';
import { setSettingIfMissing } from '../settings/settings.repository.ts';

/**
 * The key that signs cookies. QUIRE_SECRET wins when set; otherwise one is made on
 * first start and kept in the database, so every app server sharing it agrees.
 */
export async function resolveSecret(db: Db, configured: string | undefined): Promise<string> {
  if (configured) return configured;
  return setSettingIfMissing(db, 'cookie_secret', randomBytes(32).toString('base64url'));
}

/**
 * A key for one purpose, derived from the secret, so a hash made for one feature (guest kudos,
 * say) can't be matched against another's. Keyed hashes of addresses use it: without the secret,
 * a leaked table can't be reversed by hashing every IPv4 address.
 */
export function deriveKey(secret: string, purpose: string): Buffer {
  return createHmac('sha256', secret).update(`quire:${purpose}`).digest();
}

/** The keyed hash (HMAC-SHA-256, base64url) of a value, such as a guest's address. */
export const keyedHash = (key: Buffer, value: string): string => createHmac('sha256', key).update(value).digest('base64url');
