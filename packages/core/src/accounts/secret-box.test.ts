import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { createUser } from './accounts';
import { openSecret, SecretKeyMissingError, sealSecret } from './secret-box';
import { beginTwoFactorEnrolment, confirmTwoFactor, totpCodeAt } from './two-factor';

const KEY = 'a-test-key-that-is-long-enough-0123456789';

describe('sealSecret / openSecret', () => {
  it('seals with the key (a fresh IV each time) and opens only with the same key', () => {
    const first = sealSecret('JBSWY3DPEHPK3PXP', KEY);
    const second = sealSecret('JBSWY3DPEHPK3PXP', KEY);
    expect(first).toMatch(/^enc1:[A-Za-z0-9_-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain('JBSWY3DPEHPK3PXP');
    expect(openSecret(first, KEY)).toBe('JBSWY3DPEHPK3PXP');
    expect(() => openSecret(first, `${KEY}-other`)).toThrow();
    expect(() => openSecret(first, undefined)).toThrow(SecretKeyMissingError);
  });

  it('refuses a tampered value, keeps keyless values as they are, and refuses a short key', () => {
    const sealed = sealSecret('JBSWY3DPEHPK3PXP', KEY);
    const flipped = `${sealed.slice(0, -2)}${sealed.at(-2) === 'A' ? 'B' : 'A'}${sealed.at(-1)}`;
    expect(() => openSecret(flipped, KEY)).toThrow();
    expect(sealSecret('PLAIN', undefined)).toBe('PLAIN');
    expect(openSecret('PLAIN', KEY)).toBe('PLAIN');
    expect(() => sealSecret('x', 'short')).toThrow(/32 characters/);
  });
});

for (const dialect of TEST_DIALECTS) {
  describe(`two-factor secrets at rest on ${dialect.name}`, () => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await dialect.open();
      process.env.TERROIR_SECRET_KEY = KEY;
    });
    afterEach(async () => {
      delete process.env.TERROIR_SECRET_KEY;
      await database.destroy();
    });

    it('stores the TOTP seed sealed when TERROIR_SECRET_KEY is set, and still checks codes', async () => {
      const user = await createUser(database.db, { email: 'li@village.test', password: 'a-long-enough-password', scryptParams: { N: 1024, r: 8, p: 1 } });
      const { secret } = await beginTwoFactorEnrolment(database.db, user);
      const pending = await database.db.selectFrom('two_factor').select(['pending_secret']).where('user_id', '=', user.id).executeTakeFirstOrThrow();
      expect(pending.pending_secret).toMatch(/^enc1:/);
      expect(pending.pending_secret).not.toContain(secret);
      expect(await confirmTwoFactor(database.db, user, totpCodeAt(secret))).toHaveLength(10);
      const row = await database.db.selectFrom('two_factor').select(['secret']).where('user_id', '=', user.id).executeTakeFirstOrThrow();
      expect(row.secret).toMatch(/^enc1:/);
      expect(openSecret(row.secret!)).toBe(secret);
    });
  });
}
