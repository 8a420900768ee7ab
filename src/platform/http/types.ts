import type { Db } from '../db/schema.ts';
import type { Viewer } from '../views/page-context.ts';
import type { Config } from '../../config.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
    siteName: string;
  }
  interface FastifyRequest {
    viewer: Viewer | null;
    sessionId: string | null;
    /** A member's saved reader preferences, as loaded with the session; read them with readerPreferences(). */
    storedPreferences: unknown;
  }
}
