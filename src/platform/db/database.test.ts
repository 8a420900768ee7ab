import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import { startTestApp, TestClient } from '../../../test/support/test-app.ts';

describe('the PostgreSQL connection pool', () => {
  it('survives the server closing idle connections (a restart, a killed backend) and answers the next request', async () => {
    const t = await startTestApp('postgres');
    try {
      // Three connections at once, so the pool keeps idle ones afterwards.
      await Promise.all([1, 2, 3].map(() => sql`select pg_sleep(0.05)`.execute(t.db)));
      const killed = await sql<{ n: number }>`
        select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid()
      `.execute(t.db);
      assert.ok(killed.rows[0]!.n >= 2, 'idle connections were closed by the server');
      await sleep(200); // the idle clients see their sockets close
      const page = await new TestClient(t.app).get('/');
      assert.equal(page.statusCode, 200);
    } finally {
      await t.close();
    }
  });
});
