import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwoFactorChallenge, setMembership, totpCodeAt } from '@terroir/core';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { PASSWORD, adminFixture, type Caller } from '../../test/support/admin-test-fixture';

// Issue 14 #12: the throttle must hold against parallel guesses, and owners can sign in
// with TOTP (optional, or required per cooperative).

function callerFrom(response: Response, csrf: string): Caller {
  return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0]!, csrf };
}

const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((out, s) => ({ ...out, [s]: (out[s] ?? 0) + 1 }), {});

for (const dialect of TEST_DIALECTS) {
  describe(`admin sign-in hardening on ${dialect.name}`, () => {
    let database: TestDatabase;
    let f: Awaited<ReturnType<typeof adminFixture>>;
    beforeAll(async () => {
      database = await dialect.open();
      f = await adminFixture(database);
    });
    afterAll(() => database.destroy());

    const login = (email: string, password: string, ip = '198.51.100.7') =>
      f.call('POST', '/admin/api/session', { body: { email, password }, headers: { 'x-test-ip': ip } });

    it('200 parallel guesses with the right password among them: at most 5 are checked, the right one does not get in after', async () => {
      const guesses = Array.from({ length: 200 }, (_, i) => (i === 150 ? PASSWORD : `wrong-guess-${i}-xx`));
      const responses = await Promise.all(guesses.map((password) => login('editorA@village.test', password)));
      const statuses = responses.map((r) => r.status);
      const counted = tally(statuses);
      // Before the fix every guess was verified: 199 × 401 and the right one 200.
      expect((counted[401] ?? 0) + (counted[200] ?? 0), JSON.stringify(counted)).toBeLessThanOrEqual(5);
      expect(counted[429]).toBeGreaterThanOrEqual(195);
      const refused = responses.find((r) => r.status === 429)!;
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await refused.json()).error.code).toBe('too_many_attempts');
      // Once the limit is passed, the right password alone is refused too, and no session was made for it.
      const late = await login('editorA@village.test', PASSWORD);
      expect(late.status).toBe(429);
      expect(late.headers.get('set-cookie')).toBeNull();
    });

    it('200 parallel guesses at many emails from one IP: at most 50 are checked', async () => {
      const responses = await Promise.all(Array.from({ length: 200 }, (_, i) => login(`nobody${i % 40}@village.test`, `wrong-guess-${i}-xx`, '198.51.100.99')));
      const counted = tally(responses.map((r) => r.status));
      expect(counted[401] ?? 0, JSON.stringify(counted)).toBeLessThanOrEqual(50);
      expect((counted[401] ?? 0) + (counted[429] ?? 0)).toBe(200);
      // Another address is not affected.
      expect((await login('fulfilmentA@village.test', PASSWORD, '198.51.100.100')).status).toBe(200);
    });

    it('a successful login gives the IP its attempt back (a shared office IP does not lock itself out)', async () => {
      for (let i = 0; i < 60; i++) expect((await login('fulfilmentA@village.test', PASSWORD, '198.51.100.50')).status).toBe(200);
    });

    it('TOTP: enrol, confirm, then password → challenge (no cookie) → code → session; codes and recovery codes work once', async () => {
      const first = await login('ownerA@village.test', PASSWORD, '198.51.100.8');
      const owner = callerFrom(first, (await first.json()).csrfToken);
      expect((await (await f.call('GET', '/admin/api/me', { as: owner })).json()).twoFactor).toEqual({ enabled: false, recoveryCodesLeft: 0 });
      const enrol = await f.call('POST', '/admin/api/me/two-factor', { as: owner });
      expect(enrol.status).toBe(200);
      const { secret, otpauthUrl } = await enrol.json();
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Terroir:ownerA%40village\.test\?/i);
      expect((await f.call('POST', '/admin/api/me/two-factor/confirm', { as: owner, body: { code: '000000' } })).status).toBe(422);
      const confirmed = await f.call('POST', '/admin/api/me/two-factor/confirm', { as: owner, body: { code: totpCodeAt(secret) } });
      expect(confirmed.status).toBe(200);
      const { recoveryCodes } = await confirmed.json();
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      // "Who am I" says so, for the account screen and for apps.
      expect((await (await f.call('GET', '/admin/api/me', { as: owner })).json()).twoFactor).toEqual({ enabled: true, recoveryCodesLeft: 10 });
      const stored = await database.db.selectFrom('recovery_codes').select('code_hash').execute();
      expect(stored.map((r) => r.code_hash)).not.toContain(recoveryCodes[0]);

      const password = await login('ownerA@village.test', PASSWORD, '198.51.100.8');
      expect(password.status).toBe(200);
      expect(password.headers.get('set-cookie')).toBeNull();
      const { twoFactorRequired, challenge } = await password.json();
      expect(twoFactorRequired).toBe(true);
      expect(challenge).toMatch(/^trc_/);
      const second = (code: string, ch = challenge) =>
        f.call('POST', '/admin/api/session/two-factor', { body: { challenge: ch, code }, headers: { 'x-test-ip': '198.51.100.8' } });
      expect((await second('123456')).status).toBe(401);
      // The confirm used this time step's code; the next step's is within the drift window.
      const code = totpCodeAt(secret, new Date(Date.now() + 30_000));
      const signedIn = await second(code);
      expect(signedIn.status).toBe(200);
      expect(signedIn.headers.get('set-cookie')).toMatch(/^__Host-terroir_session=trs_/);
      expect((await signedIn.json()).user.email).toBe('ownera@village.test');
      // The challenge is spent, and the same code does not open a second challenge.
      expect((await second(code)).status).toBe(401);
      const again = (await (await login('ownerA@village.test', PASSWORD, '198.51.100.8')).json()).challenge;
      expect((await second(code, again)).status).toBe(401);
      expect((await second(recoveryCodes[3].toUpperCase(), again)).status).toBe(200);
      const third = (await (await login('ownerA@village.test', PASSWORD, '198.51.100.8')).json()).challenge;
      expect((await second(recoveryCodes[3], third)).status).toBe(401);

      // An expired challenge is refused whatever the code.
      const old = await createTwoFactorChallenge(database.db, f.users.ownerA.id, undefined, new Date(Date.now() - 6 * 60_000));
      const expired = await second(recoveryCodes[4], old.challenge);
      expect(expired.status).toBe(401);
      expect((await expired.json()).error.code).toBe('challenge_expired');
    });

    it('throttles two-factor codes like passwords', async () => {
      const { challenge } = await (await login('ownerA@village.test', PASSWORD, '198.51.100.9')).json();
      const statuses = (
        await Promise.all(
          Array.from({ length: 40 }, (_, i) =>
            f.call('POST', '/admin/api/session/two-factor', { body: { challenge, code: String(100000 + i) }, headers: { 'x-test-ip': '198.51.100.9' } }),
          ),
        )
      ).map((r) => r.status);
      const counted = tally(statuses);
      expect(counted[401] ?? 0, JSON.stringify(counted)).toBeLessThanOrEqual(5);
      expect(counted[429]).toBeGreaterThanOrEqual(35);
    });

    it('requireOwnerTwoFactor: refused without own TOTP; then owners without TOTP get 403 two_factor_required except on /me', async () => {
      const noTotp = await f.sessionOf('ownerB');
      await setMembership(database.db, f.users.ownerB.id, f.coops.a.coop.id, 'owner');
      const refused = await f.call('PATCH', '/admin/api/coops/coop-a/settings', { as: noTotp, body: { requireOwnerTwoFactor: true } });
      expect(refused.status).toBe(409);
      expect((await refused.json()).error.code).toBe('two_factor_required');

      const withTotp = await f.sessionOf('ownerA'); // enrolled in the test above
      const turnedOn = await f.call('PATCH', '/admin/api/coops/coop-a/settings', { as: withTotp, body: { requireOwnerTwoFactor: true } });
      expect(turnedOn.status).toBe(200);
      expect((await turnedOn.json()).settings.requireOwnerTwoFactor).toBe(true);
      expect((await (await f.call('GET', '/admin/api/coops/coop-a/settings', { as: withTotp })).json()).settings.requireOwnerTwoFactor).toBe(true);

      const blocked = await f.call('GET', '/admin/api/coops/coop-a/products', { as: noTotp });
      expect(blocked.status).toBe(403);
      expect((await blocked.json()).error.code).toBe('two_factor_required');
      // Its own cooperative (no requirement), /me and enrolment stay open; editors are not owners.
      expect((await f.call('GET', '/admin/api/coops/coop-b/products', { as: noTotp })).status).toBe(200);
      expect((await f.call('GET', '/admin/api/me', { as: noTotp })).status).toBe(200);
      expect((await f.call('POST', '/admin/api/me/two-factor', { as: noTotp })).status).toBe(200);
      expect((await f.call('GET', '/admin/api/coops/coop-a/products', { as: await f.sessionOf('editorA') })).status).toBe(200);

      const off = await f.call('PATCH', '/admin/api/coops/coop-a/settings', { as: withTotp, body: { requireOwnerTwoFactor: false } });
      expect(off.status).toBe(200);
      expect((await f.call('GET', '/admin/api/coops/coop-a/products', { as: noTotp })).status).toBe(200);
    });

    it('turning two-factor off needs the password; then the password alone signs in', async () => {
      const owner = await f.sessionOf('ownerA');
      expect((await f.call('DELETE', '/admin/api/me/two-factor', { as: owner, body: { password: 'not-the-password' } })).status).toBe(422);
      expect((await f.call('DELETE', '/admin/api/me/two-factor', { as: owner, body: { password: PASSWORD } })).status).toBe(204);
      const direct = await login('ownerA@village.test', PASSWORD, '198.51.100.10');
      expect(direct.status).toBe(200);
      expect(direct.headers.get('set-cookie')).toMatch(/^__Host-terroir_session=/);
      expect(await database.db.selectFrom('recovery_codes').selectAll().where('user_id', '=', f.users.ownerA.id).execute()).toEqual([]);
    });
  });
}
