import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { Db } from '../db/schema.ts';
import { registerAccountRoutes } from '../../features/accounts/accounts.routes.tsx';
import { registerChapterRoutes } from '../../features/chapters/chapters.routes.tsx';
import { registerSessions } from '../../features/accounts/sessions.ts';
import { registerHomeRoutes } from '../../features/home/home.routes.tsx';
import { registerPreferenceRoutes } from '../../features/preferences/preferences.routes.tsx';
import { registerUserRoutes } from '../../features/users/users.routes.tsx';
import { registerWorkRoutes } from '../../features/works/works.routes.tsx';
import { registerSeriesRoutes } from '../../features/series/series.routes.tsx';
import { registerPseudRoutes } from '../../features/pseuds/pseuds.routes.tsx';
import { registerCreatorshipRoutes } from '../../features/creatorships/creatorships.routes.tsx';
import { registerTagRoutes } from '../../features/tags/tags.routes.tsx';
import { registerTagWrangleRoutes } from '../../features/wrangling/tag-wrangle.routes.tsx';
import { registerAdminRoutes } from '../../features/admin/admin.routes.tsx';
import { registerQueueRoutes } from '../../features/wrangling/queue.routes.tsx';
import { registerAuditLogRoutes } from '../../features/audit/audit-log.routes.tsx';
import { registerTagAutocompleteRoutes } from '../../features/tags/autocomplete/autocomplete.routes.ts';
import { registerIslandAssets } from './assets.ts';
import { registerTagSetRoutes } from '../../features/tags/tag-sets/tag-sets.routes.tsx';
import { registerImportPageRoutes } from '../../features/importing/import-page.routes.tsx';
import { registerListingRoutes } from '../../features/listings/listing.routes.tsx';
import { registerSearchRoutes } from '../../features/search/search.routes.tsx';
import { registerCommentRoutes } from '../../features/comments/comments.routes.tsx';
import { registerInboxRoutes } from '../../features/inbox/inbox.routes.tsx';
import { registerNotificationRoutes } from '../../features/notifications/notifications.routes.tsx';
import { registerStatsRoutes } from '../../features/stats/stats.routes.tsx';
import { registerBackgroundWork } from '../jobs/background.ts';
import type { Mailer } from '../mail/mailer.ts';
import { registerKudosRoutes } from '../../features/kudos/kudos.routes.tsx';
import { registerBookmarkRoutes } from '../../features/bookmarks/bookmarks.routes.tsx';
import { registerHistoryRoutes } from '../../features/history/history.routes.tsx';
import { registerErrorHandlers } from './error-handler.tsx';
import { registerFormBodyParser, registerNulGuard } from './form-body.ts';
import { registerSecurity } from './security.ts';
import { registerCompression } from './compression.ts';
import { registerPageCache } from '../page-cache/page-cache.plugin.ts';
import './types.ts';

const publicDir = fileURLToPath(new URL('../../../public', import.meta.url));

export interface AppDeps {
  config: Config;
  db: Db;
  /** Signs cookies; see resolveSecret. */
  secret: string;
  logger: Logger | false;
  /** Tests pass a mailer over a stream transport; otherwise SMTP_URL decides. */
  mailer?: Mailer;
}

/** Builds the whole web app without listening, so tests can drive it with inject(). */
export async function buildApp({ config, db, secret, logger, mailer }: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger as FastifyBaseLogger } : { logger: false }),
    bodyLimit: config.maxBodyBytes,
    trustProxy: config.trustProxy,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.decorate('db', db);
  app.decorate('config', config);
  app.decorate('siteName', config.siteName);
  // Hooks every request passes take a callback rather than being async: no promise per request.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });

  registerErrorHandlers(app);
  registerFormBodyParser(app);
  await registerSecurity(app, secret);
  registerNulGuard(app);
  await registerCompression(app);
  await registerIslandAssets(app);
  await app.register(fastifyStatic, { root: path.resolve(publicDir), prefix: '/assets/', maxAge: '1h' });
  registerSessions(app);
  registerBackgroundWork(app, { secret, logger, mailer });
  registerPageCache(app);

  registerHomeRoutes(app);
  registerAccountRoutes(app);
  registerWorkRoutes(app);
  registerChapterRoutes(app);
  registerUserRoutes(app);
  registerPreferenceRoutes(app);
  registerSeriesRoutes(app);
  registerPseudRoutes(app);
  registerCreatorshipRoutes(app);
  registerTagRoutes(app);
  registerTagWrangleRoutes(app);
  registerAdminRoutes(app);
  registerQueueRoutes(app);
  registerAuditLogRoutes(app);
  registerTagAutocompleteRoutes(app);
  registerTagSetRoutes(app);
  registerImportPageRoutes(app);
  registerListingRoutes(app);
  registerSearchRoutes(app);
  registerCommentRoutes(app);
  registerInboxRoutes(app);
  registerNotificationRoutes(app);
  registerStatsRoutes(app);
  registerKudosRoutes(app, secret);
  registerBookmarkRoutes(app);
  registerHistoryRoutes(app);
  return app;
}
