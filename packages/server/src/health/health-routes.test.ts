import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { healthRoutes } from './health-routes';

for (const dialect of TEST_DIALECTS) {
  describe(`health and readiness probes on ${dialect.name}`, () => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await dialect.open();
    });
    afterEach(() => database.destroy());

    const probes = () => healthRoutes({ db: database.db, ...(database.schema ? { schema: database.schema } : {}) });

    it('answers /healthz 200 and /readyz 200 on a migrated database, never cacheable', async () => {
      const app = probes();
      const health = await app.request('/healthz');
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok' });
      const ready = await app.request('/readyz');
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready', database: 'reachable', pendingMigrations: [] });
      expect(ready.headers.get('cache-control')).toBe('no-store');
    });

    it('answers /readyz 503 naming the migration a new process would need', async () => {
      await sql`delete from kysely_migration where name = '0005-security'`.execute(database.db);
      const ready = await probes().request('/readyz');
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'not_ready', database: 'reachable', pendingMigrations: ['0005-security'], reasons: ['migrations_pending'] });
    });

    it('answers /readyz 503 when the database is gone, while /healthz still answers 200', async () => {
      const app = probes();
      await database.close();
      const ready = await app.request('/readyz');
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'not_ready', database: 'unreachable', reasons: ['database_unreachable'] });
      expect((await app.request('/healthz')).status).toBe(200);
    });
  });
}
