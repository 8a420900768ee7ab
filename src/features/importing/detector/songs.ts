import type { SongCredit } from '../importing.model.ts';

/**
 * Song credits guessed from the disclaimer and the notes: `"Title" by Artist`, `Title by Artist`
 * after the word song, `the song … belongs to Artist`, `Song: Title – Artist`. A guess the writer
 * confirms on the import page, so it errs towards finding something.
 */
const Q_OPEN = `["“”'‘]`;
const Q_CLOSE = `["”“'’]`;
const ARTIST = `([\\p{Lu}\\p{N}][^.,;!?()\\n"“”]{0,60}?)`;
const END = `(?=\\s*(?:[.,;!?()\\n]|$|\\s+(?:and|does|do|is|are|owns?)\\b))`;

const PATTERNS: { re: RegExp; title: number; artist: number }[] = [
  { re: new RegExp(`${Q_OPEN}([^"“”\\n]{1,80}?)[,.]?${Q_CLOSE}\\s+(?:is\\s+)?by\\s+${ARTIST}${END}`, 'gu'), title: 1, artist: 2 },
  { re: new RegExp(`\\bsong:?\\s+(?:is\\s+|called\\s+)?([\\p{Lu}\\p{N}][^"“”\\n]{0,60}?)\\s+(?:by|[-–—])\\s+${ARTIST}${END}`, 'gu'), title: 1, artist: 2 },
  { re: new RegExp(`\\bsong\\b[^.\\n]{0,40}?\\b(?:belongs?\\s+to|is\\s+owned\\s+by|(?:is\\s+)?by)\\s+(?:the\\s+(?:amazing|wonderful|great)\\s+)?${ARTIST}${END}`, 'giu'), title: 0, artist: 1 },
];

const clean = (text: string | undefined) => {
  const value = text?.trim().replace(/^the\s+song\s+/iu, '') ?? '';
  return value === '' ? null : value;
};

export function guessSongs(sources: (string | null)[]): SongCredit[] {
  const songs: SongCredit[] = [];
  const add = (song: SongCredit) => {
    const key = `${song.title ?? ''}|${song.artist ?? ''}`.toLowerCase();
    const duplicate = songs.some((s) => `${s.title ?? ''}|${s.artist ?? ''}`.toLowerCase() === key || (s.artist?.toLowerCase() === song.artist?.toLowerCase() && song.title === null));
    if (!duplicate) songs.push(song);
  };
  for (const source of sources) {
    if (!source) continue;
    for (const { re, title, artist } of PATTERNS) {
      for (const match of source.matchAll(re)) add({ title: title === 0 ? null : clean(match[title]), artist: clean(match[artist]) });
    }
  }
  return songs;
}
