import { openDatabase } from '@terroir/core';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_ORIGIN, adminFixture, FAST_SCRYPT } from '../../test/support/admin-test-fixture';
import { createAdminApi } from '../admin/admin-api';
import { createStorefront } from '../storefront';

// One second makes "within the window" certain even on a loaded test machine.
const WINDOW_MS = 1_000;

for (const dialect of TEST_DIALECTS) {
  describe(`a catalog version window across processes on ${dialect.name} (issue 12)`, () => {
    let database: TestDatabase;
    let f: Awaited<ReturnType<typeof adminFixture>>;
    let second: Awaited<ReturnType<typeof openDatabase>>;
    beforeEach(async () => {
      database = await dialect.open();
      f = await adminFixture(database);
      // A second connection pool stands for a second app process.
      second = await openDatabase({ url: database.url, ...(database.schema ? { schema: database.schema } : {}) });
    });
    afterEach(async () => {
      await second?.close();
      await database.destroy();
    });

    it('never serves a write stale in another process once the write has answered', async () => {
      // Process A: the admin API, fenced. Process B: a storefront on its own pool, reusing version reads.
      const adminA = createAdminApi({ db: database.db, allowedOrigins: [ADMIN_ORIGIN], scryptParams: FAST_SCRYPT, versionWindowMs: WINDOW_MS });
      const shopB = createStorefront({ db: second.db, versionWindowMs: WINDOW_MS, cooperativeCacheMs: 0 });
      const owner = await f.sessionOf('ownerA');
      const product = f.coops.a.product;
      const patch = async (status: string) => {
        const started = performance.now();
        const res = await adminA.request(`http://admin.village.test/admin/api/coops/coop-a/products/${product.id}`, {
          method: 'PATCH',
          headers: { origin: ADMIN_ORIGIN, cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'application/json' },
          body: JSON.stringify({ status }),
        });
        expect(res.status).toBe(200);
        return performance.now() - started;
      };
      const read = async () => (await shopB.request('/v1/coops/coop-a/products/pear')).status;

      expect(await read()).toBe(200);
      expect(await read()).toBe(200);
      // Readers keep B busy the whole time: its version read is always recent.
      let loading = true;
      const load = Promise.all(
        Array.from({ length: 6 }, async () => {
          while (loading) {
            await read();
            // On SQLite a read never leaves the microtask queue: let timers (the fence) run.
            await new Promise((resolve) => setImmediate(resolve));
          }
        }),
      );
      try {
        for (let round = 0; round < 3; round++) {
          const archived = round % 2 === 0;
          // The write's answer waits out the window...
          expect(await patch(archived ? 'archived' : 'active')).toBeGreaterThanOrEqual(WINDOW_MS);
          // ...so the first read that starts after it sees it.
          expect(await read(), `round ${round}`).toBe(archived ? 404 : 200);
        }
        if (dialect.name === 'postgres') {
          // The window is what makes that exact: a write that does not wait for it (a script on
          // the database) is served stale by B from its response cache until B's version read
          // is older than the window.
          await patch('active');
          expect(await read()).toBe(200);
          expect(await read()).toBe(200); // cached under the current version
          await database.db.updateTable('products').set({ status: 'archived' }).where('id', '=', product.id).execute();
          expect(await read()).toBe(200);
          await new Promise((resolve) => setTimeout(resolve, WINDOW_MS + 50));
          expect(await read()).toBe(404);
        }
      } finally {
        loading = false;
        await load;
      }
    });

    it('answers reads at once: only requests that may write wait', async () => {
      const adminA = createAdminApi({ db: database.db, allowedOrigins: [ADMIN_ORIGIN], scryptParams: FAST_SCRYPT, versionWindowMs: WINDOW_MS });
      const owner = await f.sessionOf('ownerA');
      const started = performance.now();
      const res = await adminA.request('http://admin.village.test/admin/api/coops/coop-a/products', {
        headers: { origin: ADMIN_ORIGIN, cookie: owner.cookie, 'x-csrf-token': owner.csrf },
      });
      expect(res.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(WINDOW_MS);
    });
  });
}
