import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * `false` only for a route authorized by something other than the session, which CSRF
     * abuses: the one-click unsubscribe POST, signed in its URL (features/notifications).
     */
    csrf?: false;
  }
}

const HELMET_OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'https:', 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  // Quire may be served over plain http on a LAN or localhost; HSTS belongs to the TLS proxy.
  strictTransportSecurity: false,
  // No referrer to other sites, as with helmet's no-referrer; but under no-referrer browsers
  // send "Origin: null" even on our own forms, and guests' posts are checked by Origin.
  referrerPolicy: { policy: 'same-origin' },
};

/**
 * Helmet's headers, worked out once. None of ours depends on the request (no nonces: no inline
 * script or style at all), and @fastify/helmet rebuilt the whole middleware, parsing the CSP,
 * on every request: about 7 % of the CPU of a page served from the guest cache.
 */
function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const collector = {
    setHeader: (name: string, value: string | string[]) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(options)({} as IncomingMessage, collector as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

export async function registerSecurity(app: FastifyInstance, secret: string): Promise<void> {
  const headers = securityHeaders(HELMET_OPTIONS);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(cookie, { secret });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'quire_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: 'auto' },
  });
  await app.register(rateLimit, { global: false });

  // Every state change is checked here once rather than per route: a member's needs a valid
  // CSRF token; a guest's must come from one of our own pages (ARCHITECTURE.md, "CSRF").
  app.addHook('preHandler', (request, reply, done) => {
    if (!UNSAFE_METHODS.has(request.method) || request.routeOptions.config.csrf === false) return done();
    if (request.sessionId) return app.csrfProtection(request, reply, done);
    done(isSameOrigin(request) ? undefined : new AppError('forbidden', 'This form was sent from another site, or by a browser that does not say where it came from. Open the page here and send it again.'));
  });
}

/** The request's own origin, as a browser names it in the Origin header. */
function ownOrigin(request: FastifyRequest): string | null {
  try {
    return new URL(`${request.protocol}://${request.host}`).origin;
  } catch {
    return null;
  }
}

/**
 * A guest's form post proves it comes from our own page the way browsers let it: Fetch
 * Metadata (Sec-Fetch-Site: same-origin) and, when sent, an Origin equal to ours. A request
 * with neither is refused: every browser Quire supports sends at least Origin on a POST.
 */
export function isSameOrigin(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  if (site === undefined && origin === undefined) return false;
  if (site !== undefined && site !== 'same-origin') return false;
  // A browser hides the origin ("null") under some privacy settings; Fetch Metadata, which no
  // page can set, has already said same-origin. Without it, "null" proves nothing.
  if (origin === undefined || (origin === 'null' && site === 'same-origin')) return true;
  try {
    return new URL(origin).origin === ownOrigin(request);
  } catch {
    return false;
  }
}
