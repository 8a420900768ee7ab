import { sql } from 'kysely';
import type { DbOrTrx } from '../../platform/db/schema.ts';
import type { ReaderPreferences } from './preferences.model.ts';
import { preferencesFromFields } from './preferences.schemas.ts';

/**
 * The saved preferences of the outer `users` row as the form's fields (or null),
 * selected with the session so a member's pages need no extra query.
 */
export const storedPreferencesJson = sql<Record<string, string> | null>`(
  select json_build_object(
    'font_size', rp.font_size::text,
    'line_width', rp.line_width,
    'theme', rp.theme,
    'hide_tags', case when rp.hide_tags then '1' else '0' end,
    'hide_lyrics', case when rp.hide_lyrics then '1' else '0' end)
  from reader_preferences rp
  where rp.user_id = users.id
)`;

/** Never trusts what was stored beyond the form's own rules. */
export const preferencesFromStored = (stored: unknown): ReaderPreferences | null =>
  stored && typeof stored === 'object' ? preferencesFromFields(stored as Record<string, unknown>) : null;

export async function upsertPreferences(db: DbOrTrx, userId: number, preferences: ReaderPreferences): Promise<void> {
  const values = {
    font_size: preferences.fontSize,
    line_width: preferences.lineWidth,
    theme: preferences.theme,
    hide_tags: preferences.hideTags,
    hide_lyrics: preferences.hideLyrics,
  };
  await db
    .insertInto('reader_preferences')
    .values({ user_id: userId, ...values })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
}
