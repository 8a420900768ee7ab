import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { HitBuffer } from '../../features/hits/hit-buffer.ts';
import { pruneHitDays } from '../../features/hits/hits.repository.ts';
import { deleteExpiredSessions } from '../../features/accounts/sessions.repository.ts';
import { pruneOutbox } from '../../features/notifications/email-outbox.repository.ts';
import type { EmailContext } from '../../features/notifications/emails.ts';
import { deliverOutbox, drainNotificationEvents, sendDailyDigests } from '../../features/notifications/notices.service.ts';
import { unsubscribeKey } from '../../features/notifications/unsubscribe-token.ts';
import { smtpMailer, type Mailer } from '../mail/mailer.ts';
import { JobQueue } from './job-queue.ts';

declare module 'fastify' {
  interface FastifyInstance {
    jobs: JobQueue;
    /** Links in emails and their signatures. */
    emailContext: EmailContext;
  }
}

/** Sent and unsent mail is kept this long in the outbox, then pruned. */
export const OUTBOX_KEEP_DAYS = 30;

/**
 * Every background job Quire runs, in one place. Times are UTC. `runWithPending` marks the
 * ones tests trigger with runPendingJobs(); the others run when a test names them.
 */
function defineJobs(app: FastifyInstance, mailer: Mailer | undefined): void {
  const { db, jobs, emailContext, config } = app;
  jobs.define({ name: 'notify', cron: '* * * * *', runWithPending: true, run: async () => void (await drainNotificationEvents(db, emailContext)) });
  jobs.define({ name: 'deliver-email', cron: '* * * * *', runWithPending: true, run: async () => void (await deliverOutbox(db, mailer, config.publicUrl)) });
  jobs.define({ name: 'email-digest', cron: '0 7 * * *', run: async () => void (await sendDailyDigests(db, emailContext)) });
  jobs.define({ name: 'session-cleanup', cron: '17 * * * *', run: async () => void (await deleteExpiredSessions(db)) });
  jobs.define({
    name: 'daily-cleanup',
    cron: '5 0 * * *',
    run: async () => {
      await pruneHitDays(db);
      await pruneOutbox(db, OUTBOX_KEEP_DAYS);
    },
  });
}

/**
 * The job queue, the hit buffer and the mailer, started when the app is ready and stopped when
 * it closes: buffered hits are written, workers finish, pg-boss's timers stop. Workers and
 * schedules run only with QUIRE_JOBS=on; the hit timer runs in every process that serves pages,
 * since each holds its own buffer.
 */
export function registerBackgroundWork(app: FastifyInstance, options: { secret: string; logger: Logger | false; mailer?: Mailer | undefined }): void {
  const { config, db } = app;
  const mailer = options.mailer ?? smtpMailer(config.smtpUrl, config.mailFrom);
  app.decorate('jobs', new JobQueue({ db, logger: options.logger }));
  app.decorate('hits', new HitBuffer(db, (error) => app.log.error({ err: error }, 'could not write buffered hits')));
  app.decorate('emailContext', { siteName: config.siteName, publicUrl: config.publicUrl, unsubscribeKey: unsubscribeKey(options.secret) });
  defineJobs(app, mailer);
  app.addHook('onReady', async () => {
    app.hits.start(config.hitsFlushSeconds);
    if (config.jobs) await app.jobs.start();
  });
  app.addHook('onClose', async () => {
    try {
      await app.hits.stop();
    } catch (error) {
      app.log.error({ err: error }, 'could not write buffered hits on shutdown');
    }
    await app.jobs.stop();
    mailer?.close();
  });
}
