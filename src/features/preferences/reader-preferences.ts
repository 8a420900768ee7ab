import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_PREFERENCES, type ReaderPreferences } from './preferences.model.ts';
import { preferencesFromStored, upsertPreferences } from './preferences.repository.ts';
import { preferencesFromFields, preferencesToFields } from './preferences.schemas.ts';

export const PREFERENCES_COOKIE = 'quire_prefs';
const COOKIE_MAX_AGE_SECONDS = 365 * 86_400;

const parsed = new WeakMap<FastifyRequest, ReaderPreferences>();

function fromCookie(request: FastifyRequest): ReaderPreferences | null {
  // cookies is unset when an error page is rendered before the cookie plugin ran.
  const raw = request.cookies?.[PREFERENCES_COOKIE];
  if (!raw || raw.length > 500) return null;
  return preferencesFromFields(Object.fromEntries(new URLSearchParams(raw)));
}

/**
 * The reader's preferences: a member's saved ones (loaded with the session, see
 * sessions.ts), else those this browser remembers in a cookie, else the defaults.
 * A member who never saved any keeps the ones they chose as a guest.
 */
export function readerPreferences(request: FastifyRequest): ReaderPreferences {
  const cached = parsed.get(request);
  if (cached) return cached;
  const preferences = (request.viewer ? preferencesFromStored(request.storedPreferences) : null) ?? fromCookie(request) ?? DEFAULT_PREFERENCES;
  parsed.set(request, preferences);
  return preferences;
}

/** Remembers preferences: in the account for a member, in a cookie for a guest. */
export async function rememberPreferences(request: FastifyRequest, reply: FastifyReply, preferences: ReaderPreferences): Promise<void> {
  if (request.viewer) {
    await upsertPreferences(request.server.db, request.viewer.id, preferences);
  } else {
    reply.setCookie(PREFERENCES_COOKIE, new URLSearchParams(preferencesToFields(preferences)).toString(), {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: request.protocol === 'https',
      maxAge: COOKIE_MAX_AGE_SECONDS,
    });
  }
  parsed.set(request, preferences);
}
