import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { deleteSession, extendSession, findLiveSession, insertSession } from './sessions.repository.ts';

export const SESSION_COOKIE = 'quire_session';
const TOUCH_INTERVAL_MS = 60 * 60 * 1000;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

function cookieOptions(request: FastifyRequest, maxAgeSeconds: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
    maxAge: maxAgeSeconds,
  };
}

/** Starts a fresh session (never reusing one from before log-in) and sets its cookie. */
export async function startSession(request: FastifyRequest, reply: FastifyReply, userId: number): Promise<void> {
  const { db, config } = request.server;
  if (request.sessionId) await deleteSession(db, request.sessionId);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + config.sessionDays * 86_400_000);
  await insertSession(db, { id: hashToken(token), userId, expiresAt });
  reply.setCookie(SESSION_COOKIE, token, cookieOptions(request, config.sessionDays * 86_400));
}

export async function endSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.sessionId) await deleteSession(request.server.db, request.sessionId);
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  request.sessionId = null;
  request.viewer = null;
}

/** Loads the signed-in viewer, if any, on every request. */
export function registerSessions(app: FastifyInstance): void {
  app.decorateRequest('viewer', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('storedPreferences', null);
  app.addHook('onRequest', (request, _reply, done) => {
    const token = request.cookies[SESSION_COOKIE];
    // Guests, and so every page from the guest cache, pass without a promise.
    if (!token || token.length > 100) return done();
    loadSession(app, request, token).then(() => done(), done);
  });
}

async function loadSession(app: FastifyInstance, request: FastifyRequest, token: string): Promise<void> {
  const id = hashToken(token);
  const session = await findLiveSession(app.db, id);
  if (!session) return;
  request.sessionId = id;
  request.viewer = { id: session.userId, username: session.username, roles: session.roles, unreadInbox: session.unreadInbox };
  request.storedPreferences = session.preferences;
  if (Date.now() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await extendSession(app.db, id, new Date(Date.now() + app.config.sessionDays * 86_400_000));
  }
}
