import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import PgBoss from 'pg-boss';
import { sql } from 'kysely';
import { buildUser } from '../../../test/support/builders.ts';
import { ENGINES } from '../../../test/support/databases.ts';
import { startTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { JobQueue, pgBossAdapter } from './job-queue.ts';

for (const engine of ENGINES) {
  describe(`job queue (${engine})`, () => {
    let t: TestApp;
    before(async () => {
      t = await startTestApp(engine);
    });
    after(() => t.close());

    it('installs pg-boss through our pool when several servers start at once, and its maintenance runs', async () => {
      const started = Date.now();
      // Three app servers starting together: pg-boss's advisory lock lets one install, the others wait and find it.
      const queues = [0, 1, 2].map(() => new JobQueue({ db: t.db, logger: false }));
      const ran: number[] = [];
      queues.forEach((queue, i) => queue.define({ name: 'ping', run: async () => void ran.push(i) }));
      await Promise.all(queues.map((queue) => queue.run('ping')));
      assert.equal(ran.length, 3);
      const versions = await sql<{ version: number }>`select version from pgboss.version`.execute(t.db);
      assert.equal(versions.rows.length, 1);
      console.log(`  pg-boss installed and three jobs run in ${Date.now() - started} ms (${engine})`);
      for (const queue of queues) await queue.stop();

      const boss = new PgBoss({ db: pgBossAdapter(t.db), supervise: false, schedule: false, migrate: true });
      await boss.start();
      await boss.maintain();
      assert.equal(await boss.isInstalled(), true);
      await boss.stop({ graceful: false, close: false });
    });

    it('runs workers and schedules with QUIRE_JOBS=on, and stops them cleanly', async () => {
      const queue = new JobQueue({ db: t.db, logger: false });
      let resolve!: (data: Record<string, unknown>) => void;
      const done = new Promise<Record<string, unknown>>((r) => (resolve = r));
      queue.define({ name: 'echo', cron: '0 3 * * *', run: async (data) => resolve(data) });
      await queue.start();
      await queue.send('echo', { hello: 'world' });
      assert.deepEqual(await done, { hello: 'world' });
      const schedules = await sql<{ name: string; cron: string }>`select name, cron from pgboss.schedule where name = 'echo'`.execute(t.db);
      assert.deepEqual(schedules.rows, [{ name: 'echo', cron: '0 3 * * *' }]);
      await queue.stop();
    });

    it('deletes expired sessions in the hourly session-cleanup job', async () => {
      const user = await buildUser(t.db);
      const id = () => createHash('sha256').update(randomBytes(16)).digest('hex');
      const [expired, live] = [id(), id()];
      await t.db.insertInto('sessions').values([
        { id: expired, user_id: user.id, expires_at: new Date(Date.now() - 60_000) },
        { id: live, user_id: user.id, expires_at: new Date(Date.now() + 3_600_000) },
      ]).execute();
      await t.runJob('session-cleanup');
      const left = await t.db.selectFrom('sessions').select('id').where('id', 'in', [expired, live]).execute();
      assert.deepEqual(left.map((s) => s.id), [live]);
    });
  });
}
