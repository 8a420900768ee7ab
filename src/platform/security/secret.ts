import { randomBytes } from 'node:crypto';
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
