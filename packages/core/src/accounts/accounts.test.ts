import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { createCooperative } from '../catalog/catalog-writer';
import {
  AccountError,
  changePassword,
  createApiToken,
  createSession,
  createUser,
  listMembers,
  listMemberships,
  resolveApiToken,
  resolveSession,
  revokeApiToken,
  revokeSession,
  setMembership,
  updateMembership,
  verifyCredentials,
} from './accounts';
import { listAudit, recordAudit } from './audit-log';
import { clearLoginFailures, loginLockout, recordLoginFailure } from './login-throttle';

const FAST = { N: 1024, r: 8, p: 1 };

async function makeCoop(database: TestDatabase, slug: string) {
  return createCooperative(database.db, {
    slug,
    name: { 'zh-CN': slug, en: slug },
    description: {},
    place: { name: { 'zh-CN': '莱阳' } },
    contact: {},
    allowedOrigins: [],
  });
}

for (const dialect of TEST_DIALECTS) {
  describe(`accounts on ${dialect.name}`, () => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await dialect.open();
    });
    afterEach(() => database.destroy());

    it('keeps emails unique case-insensitively and verifies credentials', async () => {
      const user = await createUser(database.db, { email: ' Li.Wei@Example.CN ', password: 'pear-blossom-2026', scryptParams: FAST });
      expect(user.email).toBe('Li.Wei@Example.CN');
      await expect(createUser(database.db, { email: 'li.wei@example.cn', password: 'another-password', scryptParams: FAST })).rejects.toMatchObject({
        code: 'email_taken',
      });
      expect((await verifyCredentials(database.db, 'LI.WEI@example.cn', 'pear-blossom-2026'))?.id).toBe(user.id);
      expect(await verifyCredentials(database.db, 'li.wei@example.cn', 'wrong-password!')).toBeNull();
      expect(await verifyCredentials(database.db, 'nobody@example.cn', 'pear-blossom-2026')).toBeNull();
      const stored = await database.db.selectFrom('users').select('password_hash').executeTakeFirstOrThrow();
      expect(stored.password_hash).not.toContain('pear-blossom');
    });

    it('refuses invalid emails and weak passwords', async () => {
      await expect(createUser(database.db, { email: 'not-an-email', password: 'pear-blossom-2026', scryptParams: FAST })).rejects.toBeInstanceOf(AccountError);
      await expect(createUser(database.db, { email: 'a@example.cn', password: 'short', scryptParams: FAST })).rejects.toMatchObject({ code: 'weak_password' });
      expect(await database.db.selectFrom('users').selectAll().execute()).toHaveLength(0);
    });

    it('stores only the hash of session tokens; logout and password change revoke', async () => {
      const user = await createUser(database.db, { email: 'a@example.cn', password: 'pear-blossom-2026', scryptParams: FAST });
      const s1 = await createSession(database.db, user.id, { ip: '203.0.113.5' });
      const s2 = await createSession(database.db, user.id);
      const rows = await database.db.selectFrom('sessions').select('token_hash').execute();
      expect(rows.map((r) => r.token_hash)).not.toContain(s1.token);
      expect((await resolveSession(database.db, s1.token))?.user.id).toBe(user.id);
      await revokeSession(database.db, s1.id);
      expect(await resolveSession(database.db, s1.token)).toBeNull();
      expect(await resolveSession(database.db, s2.token)).not.toBeNull();
      await changePassword(database.db, user.id, 'a-new-long-password', FAST);
      expect(await resolveSession(database.db, s2.token)).toBeNull();
      expect(await verifyCredentials(database.db, 'a@example.cn', 'a-new-long-password')).not.toBeNull();
      expect(await verifyCredentials(database.db, 'a@example.cn', 'pear-blossom-2026')).toBeNull();
    });

    it('expires sessions and ignores malformed tokens', async () => {
      const user = await createUser(database.db, { email: 'a@example.cn', password: 'pear-blossom-2026', scryptParams: FAST });
      const expired = await createSession(database.db, user.id, { lifetimeMs: -1000 });
      expect(await resolveSession(database.db, expired.token)).toBeNull();
      expect(await resolveSession(database.db, "trs_' or 1=1 --")).toBeNull();
    });

    it('keeps memberships per cooperative and at least one owner', async () => {
      const a = await makeCoop(database, 'coop-a');
      const b = await makeCoop(database, 'coop-b');
      const owner = await createUser(database.db, { email: 'owner@example.cn', password: 'pear-blossom-2026', scryptParams: FAST });
      const editor = await createUser(database.db, { email: 'editor@example.cn', password: 'pear-blossom-2026', scryptParams: FAST });
      await setMembership(database.db, owner.id, a.id, 'owner');
      await setMembership(database.db, editor.id, a.id, 'editor');
      await setMembership(database.db, editor.id, b.id, 'fulfilment');
      expect(await listMemberships(database.db, editor.id)).toEqual([
        { cooperativeId: a.id, cooperativeSlug: 'coop-a', role: 'editor' },
        { cooperativeId: b.id, cooperativeSlug: 'coop-b', role: 'fulfilment' },
      ]);
      await expect(updateMembership(database.db, a.id, owner.id, 'editor')).rejects.toMatchObject({ code: 'last_owner' });
      await expect(updateMembership(database.db, a.id, owner.id, null)).rejects.toMatchObject({ code: 'last_owner' });
      await updateMembership(database.db, a.id, editor.id, 'owner');
      await updateMembership(database.db, a.id, owner.id, null);
      expect((await listMembers(database.db, a.id)).map((m) => [m.email, m.role])).toEqual([['editor@example.cn', 'owner']]);
    });

    it('issues API tokens shown once, scoped to one cooperative, revocable', async () => {
      const a = await makeCoop(database, 'coop-a');
      const b = await makeCoop(database, 'coop-b');
      const { token, secret } = await createApiToken(database.db, { cooperativeId: a.id, role: 'editor', name: 'price sync' });
      expect(JSON.stringify(await database.db.selectFrom('api_tokens').selectAll().execute())).not.toContain(secret);
      expect(await resolveApiToken(database.db, secret)).toMatchObject({ id: token.id, cooperativeId: a.id, role: 'editor' });
      expect(await revokeApiToken(database.db, b.id, token.id)).toBe(false);
      expect(await resolveApiToken(database.db, secret)).not.toBeNull();
      expect(await revokeApiToken(database.db, a.id, token.id)).toBe(true);
      expect(await resolveApiToken(database.db, secret)).toBeNull();
    });

    it('throttles logins per email and per IP, in the database', async () => {
      const config = {
        email: { maxFailures: 3, windowMs: 60_000, lockMs: 60_000 },
        ip: { maxFailures: 5, windowMs: 60_000, lockMs: 60_000 },
      };
      const t0 = new Date('2026-05-01T10:00:00.000Z');
      for (let i = 0; i < 2; i++) await recordLoginFailure(database.db, 'A@example.cn', '198.51.100.1', config, t0);
      expect((await loginLockout(database.db, 'a@example.cn', '198.51.100.9', t0)).lockedUntil).toBeNull();
      await recordLoginFailure(database.db, 'a@example.cn', '198.51.100.1', config, t0);
      expect((await loginLockout(database.db, 'a@example.cn', '198.51.100.9', t0)).lockedUntil).toBe('2026-05-01T10:01:00.000Z');
      // Another email from the same IP: the IP is not yet locked (3 of 5).
      expect((await loginLockout(database.db, 'b@example.cn', '198.51.100.1', t0)).lockedUntil).toBeNull();
      for (let i = 0; i < 2; i++) await recordLoginFailure(database.db, `x${i}@example.cn`, '198.51.100.1', config, t0);
      expect((await loginLockout(database.db, 'b@example.cn', '198.51.100.1', t0)).lockedUntil).not.toBeNull();
      // After the lock, a failure outside the window starts counting again.
      const later = new Date(t0.getTime() + 120_000);
      expect((await loginLockout(database.db, 'a@example.cn', undefined, later)).lockedUntil).toBeNull();
      await recordLoginFailure(database.db, 'a@example.cn', undefined, config, later);
      const row = await database.db.selectFrom('login_attempts').selectAll().where('key', '=', 'email:a@example.cn').executeTakeFirstOrThrow();
      expect(Number(row.failures)).toBe(1);
      await clearLoginFailures(database.db, 'A@EXAMPLE.CN');
      expect(await database.db.selectFrom('login_attempts').selectAll().where('key', '=', 'email:a@example.cn').execute()).toHaveLength(0);
    });

    it('records audit entries with changed fields only, per cooperative', async () => {
      const a = await makeCoop(database, 'coop-a');
      const b = await makeCoop(database, 'coop-b');
      const actor = { kind: 'system', name: 'test' } as const;
      await recordAudit(database.db, {
        cooperativeId: a.id,
        actor,
        action: 'product.update',
        entity: 'product',
        entityId: 'prd_1',
        before: { price: 100, title: 'x' },
        after: { price: 120, title: 'x' },
      });
      await recordAudit(database.db, {
        cooperativeId: b.id,
        actor,
        action: 'product.create',
        entity: 'product',
        entityId: 'prd_2',
        after: { title: 'y'.repeat(500) },
      });
      const logA = await listAudit(database.db, a.id);
      expect(logA.items).toHaveLength(1);
      expect(logA.items[0]).toMatchObject({ actor: 'system:test', action: 'product.update', changes: { price: [100, 120] } });
      const logB = await listAudit(database.db, b.id);
      expect(String(logB.items[0]?.changes.title?.[1]).length).toBeLessThan(210);
      for (let i = 0; i < 3; i++) await recordAudit(database.db, { cooperativeId: a.id, actor, action: `step.${i}`, entity: 'x' });
      const page1 = await listAudit(database.db, a.id, { limit: 2 });
      const page2 = await listAudit(database.db, a.id, { limit: 2, cursor: page1.nextCursor });
      expect([...page1.items, ...page2.items].map((e) => e.id).sort()).toEqual(
        (await listAudit(database.db, a.id, { limit: 10 })).items.map((e) => e.id).sort(),
      );
      expect(page2.nextCursor).toBeNull();
    });
  });
}
