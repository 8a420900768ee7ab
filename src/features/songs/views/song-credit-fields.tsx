import type { FormValues } from '../../../platform/http/forms.ts';
import { Field, type FieldErrors } from '../../../platform/views/forms.tsx';
import { LYRICS_FENCE_CLOSE, LYRICS_FENCE_OPEN } from '../../../platform/text/plain-text.ts';
import { SONG_LIMITS, songFieldNames, songRowNumbers } from '../songs.schemas.ts';

/** The hint under the work text, saying how to mark song lyrics in either format. */
export const LYRICS_HINT =
  `Song lyrics: in plain text, put them between a line ${LYRICS_FENCE_OPEN} and a line ${LYRICS_FENCE_CLOSE}, with a blank line between stanzas. ` +
  'In HTML, use <blockquote class="lyrics"> with a <p> per stanza and <br /> between lines.';

/** Rows of Song title / Artist / Link on the work form. Blank rows are ignored; it works without JavaScript. */
export function SongCreditFields({ values, errors }: { values: FormValues; errors: FieldErrors }) {
  return (
    <fieldset class="field song-credits-fields">
      <legend>Songs (for songfics)</legend>
      <p class="hint">Credit the songs whose lyrics the work quotes. Leave rows blank if there are none.</p>
      {songRowNumbers.map((row) => {
        const names = songFieldNames(row);
        return (
          <fieldset class="song-row" key={row}>
            <legend>Song {row}</legend>
            <Field name={names.title} label="Song title" errors={errors}>
              {(p) => <input {...p} type="text" maxLength={SONG_LIMITS.title} value={values[names.title] ?? ''} />}
            </Field>
            <Field name={names.artist} label="Artist" errors={errors}>
              {(p) => <input {...p} type="text" maxLength={SONG_LIMITS.artist} value={values[names.artist] ?? ''} />}
            </Field>
            <Field name={names.link} label="Link (optional)" errors={errors}>
              {(p) => <input {...p} type="url" maxLength={SONG_LIMITS.link} value={values[names.link] ?? ''} />}
            </Field>
          </fieldset>
        );
      })}
    </fieldset>
  );
}
