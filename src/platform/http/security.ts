import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';

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

export async function registerSecurity(app: FastifyInstance, secret: string): Promise<void> {
  await app.register(helmet, {
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
  });
  await app.register(cookie, { secret });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'quire_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', signed: true, secure: 'auto' },
  });
  await app.register(rateLimit, { global: false });

  // Every state change needs a valid CSRF token: checked here once rather than per route.
  app.addHook('preHandler', (request, reply, done) => {
    if (!UNSAFE_METHODS.has(request.method) || request.routeOptions.config.csrf === false) return done();
    app.csrfProtection(request, reply, done);
  });
}
