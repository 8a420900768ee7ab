import { z } from 'zod';
import { DEFAULT_PREFERENCES, FONT_SIZES, LINE_WIDTHS, THEMES, type ReaderPreferences } from './preferences.model.ts';

const checkbox = z.enum(['0', '1'], { message: 'Choose yes or no.' }).default('0').transform((value) => value === '1');

/** The preferences form; the guest cookie holds the same fields, so one schema reads both. */
export const preferencesFormSchema = z
  .object({
    font_size: z.enum(FONT_SIZES.map(String) as [string, ...string[]], { message: 'Choose one of the text sizes.' }).transform(Number),
    line_width: z.enum(LINE_WIDTHS, { message: 'Choose one of the line widths.' }),
    theme: z.enum(THEMES, { message: 'Choose light, dark, or the same as your device.' }),
    hide_tags: checkbox,
    hide_lyrics: checkbox,
  })
  .transform(
    (form): ReaderPreferences => ({
      fontSize: form.font_size as ReaderPreferences['fontSize'],
      lineWidth: form.line_width,
      theme: form.theme,
      hideTags: form.hide_tags,
      hideLyrics: form.hide_lyrics,
    }),
  );

/** The fields of the form (and cookie) for a set of preferences. */
export function preferencesToFields(preferences: ReaderPreferences): Record<string, string> {
  return {
    font_size: String(preferences.fontSize),
    line_width: preferences.lineWidth,
    theme: preferences.theme,
    hide_tags: preferences.hideTags ? '1' : '0',
    hide_lyrics: preferences.hideLyrics ? '1' : '0',
  };
}

/** The "Hide lyrics" / "Show lyrics" button on a work page, which also says where to come back to. */
export const lyricsToggleSchema = z.object({
  hide_lyrics: z.enum(['0', '1'], { message: 'Choose whether to hide lyrics.' }).transform((value) => value === '1'),
  return_to: z.string().default('/'),
});

/** Reads stored or remembered preferences, field by field, so one bad field doesn't lose the rest. */
export function preferencesFromFields(fields: Record<string, unknown>): ReaderPreferences {
  const defaults = preferencesToFields(DEFAULT_PREFERENCES);
  const merged: Record<string, unknown> = { ...defaults };
  for (const key of Object.keys(defaults)) {
    const single = preferencesFormSchema.safeParse({ ...defaults, [key]: fields[key] });
    if (single.success) merged[key] = fields[key];
  }
  const parsed = preferencesFormSchema.safeParse(merged);
  return parsed.success ? parsed.data : DEFAULT_PREFERENCES;
}
