import type { z } from 'zod';
import { textField } from '../../platform/http/forms.ts';

export const SONG_LIMITS = { title: 200, artist: 200, link: 2000 } as const;

/** The posting form offers this many rows of Song title / Artist / Link; blank rows are ignored. */
export const songRowNumbers = [1, 2, 3] as const;
type SongRow = (typeof songRowNumbers)[number];
export type SongFieldName = `song_${'title' | 'artist' | 'link'}_${SongRow}`;

export const songFieldNames = (row: SongRow) => ({ title: `song_title_${row}`, artist: `song_artist_${row}`, link: `song_link_${row}` }) as const;

const isHttpUrl = (value: string) => {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

const linkField = (row: SongRow) =>
  textField(`Song ${row} link`, { max: SONG_LIMITS.link }).refine((value) => value === '' || isHttpUrl(value), {
    message: `Song ${row} link must be a web address starting with http:// or https://.`,
  });

/**
 * The song-credit fields, spread into the work form's schema. Optional, so code
 * that builds a work form without songs (tests, imports) needn't name them.
 */
export const songCreditFields = Object.fromEntries(
  songRowNumbers.flatMap((row) => {
    const names = songFieldNames(row);
    return [
      [names.title, textField(`Song ${row} title`, { max: SONG_LIMITS.title }).optional()],
      [names.artist, textField(`Song ${row} artist`, { max: SONG_LIMITS.artist }).optional()],
      [names.link, linkField(row).optional()],
    ];
  }),
) as Record<SongFieldName, z.ZodOptional<z.ZodString>>;

/** The song fields of a parsed work form. */
export type SongCreditForm = Partial<Record<SongFieldName, string>>;
