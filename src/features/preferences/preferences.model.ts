export const FONT_SIZES = [90, 100, 115, 130] as const;
export const LINE_WIDTHS = ['narrow', 'normal', 'wide'] as const;
export const THEMES = ['auto', 'light', 'dark'] as const;

export type FontSize = (typeof FONT_SIZES)[number];
export type LineWidth = (typeof LINE_WIDTHS)[number];
export type Theme = (typeof THEMES)[number];

/** How a reader likes pages to look. Guests keep these in a cookie, members in their account. */
export interface ReaderPreferences {
  /** Percent of the normal text size. */
  fontSize: FontSize;
  lineWidth: LineWidth;
  /** auto follows the system's light or dark setting. */
  theme: Theme;
  /** Spoiler-sensitive readers: tags and warnings stay folded until clicked. */
  hideTags: boolean;
  /** Songfic lyric blocks are folded to a one-line marker. */
  hideLyrics: boolean;
}

export const DEFAULT_PREFERENCES: ReaderPreferences = Object.freeze({
  fontSize: 100,
  lineWidth: 'normal',
  theme: 'auto',
  hideTags: false,
  hideLyrics: false,
});

/**
 * Classes for the <html> element, styled in public/quire.css (the CSP allows no
 * inline styles). Defaults add none, so ordinary pages are unchanged.
 */
export function preferenceClasses(preferences: ReaderPreferences): string | undefined {
  const classes = [
    preferences.fontSize === DEFAULT_PREFERENCES.fontSize ? '' : `font-${preferences.fontSize}`,
    preferences.lineWidth === DEFAULT_PREFERENCES.lineWidth ? '' : `width-${preferences.lineWidth}`,
    preferences.theme === DEFAULT_PREFERENCES.theme ? '' : `theme-${preferences.theme}`,
    preferences.hideTags ? 'hide-tags' : '',
    preferences.hideLyrics ? 'hide-lyrics' : '',
  ].filter(Boolean);
  return classes.length > 0 ? classes.join(' ') : undefined;
}
