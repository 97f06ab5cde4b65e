import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type TerroirDatabase } from '../db/database';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { claimLoginAttempt, settleLoginAttempt } from './login-throttle';

const config = {
  email: { maxFailures: 5, windowMs: 60_000, lockMs: 60_000 },
  ip: { maxFailures: 50, windowMs: 60_000, lockMs: 60_000 },
};

for (const dialect of TEST_DIALECTS) {
  describe(`login attempt claims on ${dialect.name}`, () => {
    let database: TestDatabase;
    let second: TerroirDatabase;
    beforeEach(async () => {
      database = await dialect.open();
      // A second pool/connection on the same database: what another server process sees.
      second = await openDatabase({ url: database.url, ...(database.schema ? { schema: database.schema } : {}), migrate: false });
    });
    afterEach(async () => {
      await second.close();
      await database.destroy();
    });

    it('grants exactly maxFailures claims to 120 parallel attempts spread over two connections', async () => {
      const at = new Date('2026-05-01T10:00:00Z');
      const claims = await Promise.all(
        Array.from({ length: 120 }, (_, i) => claimLoginAttempt(i % 2 ? second.db : database.db, 'Li@Example.cn', `198.51.100.${i % 3}`, config, at)),
      );
      expect(claims.filter((c) => c.allowed)).toHaveLength(5);
      const refused = claims.find((c) => !c.allowed);
      expect(refused && !refused.allowed && refused.retryAt).toBe('2026-05-01T10:01:00.000Z');
    });

    it('counts per IP across emails, unlocks after the lock, and a success gives the IP its attempt back', async () => {
      const t0 = new Date('2026-05-01T10:00:00Z');
      const claims = await Promise.all(Array.from({ length: 80 }, (_, i) => claimLoginAttempt(database.db, `u${i}@example.cn`, '203.0.113.9', config, t0)));
      expect(claims.filter((c) => c.allowed)).toHaveLength(50);
      expect((await claimLoginAttempt(database.db, 'fresh@example.cn', '203.0.113.10', config, t0)).allowed).toBe(true);
      const later = new Date(t0.getTime() + 61_000);
      expect((await claimLoginAttempt(database.db, 'u1@example.cn', '203.0.113.9', config, later)).allowed).toBe(true);

      // 49 attempts each followed by a success leave the IP usable: successes do not count.
      const t1 = new Date('2026-05-02T10:00:00Z');
      for (let i = 0; i < 60; i++) {
        expect((await claimLoginAttempt(database.db, 'office@example.cn', '203.0.113.50', config, t1)).allowed).toBe(true);
        await settleLoginAttempt(database.db, 'office@example.cn', '203.0.113.50');
      }
    });
  });
}
