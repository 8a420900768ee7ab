import type { DbOrTrx } from '../../platform/db/schema.ts';
import type { FieldErrors } from '../../platform/views/forms.tsx';
import type { SongCredit } from './songs.model.ts';
import { replaceSongCredits } from './songs.repository.ts';
import { songFieldNames, songRowNumbers, type SongCreditForm } from './songs.schemas.ts';

/**
 * The song credits of a parsed work form. A row with nothing typed is skipped;
 * a row with anything typed needs both a title and an artist.
 */
export function songCreditsFromForm(form: SongCreditForm): { credits: SongCredit[] } | { errors: FieldErrors } {
  const credits: SongCredit[] = [];
  const errors: FieldErrors = {};
  for (const row of songRowNumbers) {
    const names = songFieldNames(row);
    const [title, artist, link] = [form[names.title] ?? '', form[names.artist] ?? '', form[names.link] ?? ''];
    if (!title && !artist && !link) continue;
    if (!title) errors[names.title] = `Song ${row} title can't be blank when you give its artist or link.`;
    if (!artist) errors[names.artist] = `Song ${row} artist can't be blank when you give its title or link.`;
    if (title && artist) credits.push({ title, artist, link: link || null });
  }
  return Object.keys(errors).length > 0 ? { errors } : { credits };
}

/** Saves a work's song credits in the caller's transaction, replacing any it had. */
export async function saveSongCredits(trx: DbOrTrx, workId: number, credits: SongCredit[]): Promise<void> {
  await replaceSongCredits(trx, workId, credits);
}

/** Form values for the song rows of the edit form. */
export function songCreditFormValues(credits: SongCredit[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const row of songRowNumbers) {
    const credit = credits[row - 1];
    if (!credit) break;
    const names = songFieldNames(row);
    values[names.title] = credit.title;
    values[names.artist] = credit.artist;
    values[names.link] = credit.link ?? '';
  }
  return values;
}
