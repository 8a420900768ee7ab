import { CsrfField } from '../../../platform/views/forms.tsx';
import type { PageContext } from '../../../platform/views/page-context.ts';
import { hasLyrics } from '../collapse-lyrics.ts';

/**
 * "Hide lyrics" / "Show lyrics" on a work page whose text has lyric blocks. A form
 * (no JavaScript needed) that remembers the choice: a cookie for guests, the
 * account for members. It brings the reader back to the work text.
 */
export function LyricsToggle({ ctx, html, returnTo }: { ctx: PageContext; html: string; returnTo: string }) {
  if (!hasLyrics(html)) return null;
  const hidden = ctx.preferences.hideLyrics;
  return (
    <form method="post" action="/preferences/lyrics" class="lyrics-toggle">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="hide_lyrics" value={hidden ? '0' : '1'} />
      <input type="hidden" name="return_to" value={returnTo} />
      <button type="submit" class="button">{hidden ? 'Show lyrics' : 'Hide lyrics'}</button>
    </form>
  );
}
