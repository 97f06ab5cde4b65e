import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvitation } from '@terroir/core';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { adminFixture, snapshotTables, type Caller } from '../../test/support/admin-test-fixture';

// Issue 14 #5: membership by consent. An owner invites; the invitee accepts; the owner
// learns nothing about an account before that, and the answer is the same either way.

/** The shape of a JSON value with its varying strings and ids blanked out. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shapeOf(v)]));
  return typeof value;
}

for (const dialect of TEST_DIALECTS) {
  describe(`invitations on ${dialect.name}`, () => {
    let database: TestDatabase;
    let f: Awaited<ReturnType<typeof adminFixture>>;
    let owner: Caller;
    const base = '/admin/api/coops/coop-a/invitations';
    beforeAll(async () => {
      database = await dialect.open();
      f = await adminFixture(database);
      owner = await f.sessionOf('ownerA');
    });
    afterAll(() => database.destroy());

    const invite = (email: string, role = 'editor') => f.call('POST', base, { as: owner, body: { email, role } });
    const accept = (body: Record<string, unknown>, as?: Caller) => f.call('POST', '/admin/api/invitations/accept', { as, body });

    it('answers the same whether or not an account with the email exists, and discloses nothing about it', async () => {
      const existing = await invite('ownerB@village.test');
      const unknown = await invite('nobody.yet@village.test');
      expect(existing.status).toBe(201);
      expect(unknown.status).toBe(201);
      const a = await existing.json();
      const b = await unknown.json();
      expect(shapeOf(a)).toEqual(shapeOf(b));
      expect(Object.keys(a.invitation).sort()).toEqual(['createdAt', 'email', 'expiresAt', 'id', 'role', 'status']);
      expect(a.invitation.status).toBe('pending');
      expect(JSON.stringify(a)).not.toContain(f.users.ownerB.id);
      expect(a.code).toMatch(/^tri_[A-Za-z0-9_-]{43}$/);
      expect(a.acceptUrl).toBe(`/admin/#/accept/${a.code}`);
      expect(Date.parse(a.invitation.expiresAt) - Date.parse(a.invitation.createdAt)).toBe(7 * 24 * 3600_000);
      // The code is stored hashed only.
      const rows = await database.db.selectFrom('invitations').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(a.code);
      // Listed as pending; membership unchanged until accepted.
      const listed = await (await f.call('GET', base, { as: owner })).json();
      expect(listed.items.map((i: { email: string }) => i.email)).toEqual(expect.arrayContaining(['ownerB@village.test', 'nobody.yet@village.test']));
      const members = await (await f.call('GET', '/admin/api/coops/coop-a/members', { as: owner })).json();
      expect(members.items.map((m: { email: string }) => m.email)).not.toContain('ownerb@village.test');
    });

    it('an existing account accepts while signed in with that email, once; others cannot', async () => {
      const { code } = await (await invite('OwnerB@Village.test', 'fulfilment')).json();
      // No session: the account exists, so sign in first (and the code is not spent).
      const noSession = await accept({ code, password: 'some-long-password' });
      expect(noSession.status).toBe(409);
      expect((await noSession.json()).error.code).toBe('sign_in_to_accept');
      const other = await accept({ code }, await f.sessionOf('editorA'));
      expect(other.status).toBe(403);
      expect((await other.json()).error.code).toBe('invitation_email_mismatch');
      const ownerB = await f.sessionOf('ownerB');
      const ok = await accept({ code }, ownerB);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ cooperative: { id: f.coops.a.coop.id, slug: 'coop-a', name: { 'zh-CN': 'coop-a' } }, role: 'fulfilment' });
      const members = await (await f.call('GET', '/admin/api/coops/coop-a/members', { as: owner })).json();
      expect(members.items.map((m: { email: string; role: string }) => `${m.email}:${m.role}`)).toContain('ownerb@village.test:fulfilment');
      const twice = await accept({ code }, ownerB);
      expect(twice.status).toBe(410);
      expect((await twice.json()).error.code).toBe('invitation_invalid');
    });

    it('a new person accepts by choosing a password: the account is made for the invited email and signed in', async () => {
      const { code } = await (await invite('new.weaver@village.test')).json();
      expect((await accept({ code, password: 'short' })).status).toBe(422);
      expect((await accept({ code })).status).toBe(422);
      const ok = await accept({ code, password: 'straw-basket-2026', displayName: '李师傅' });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('set-cookie')).toMatch(/^__Host-terroir_session=trs_/);
      const body = await ok.json();
      expect(body.role).toBe('editor');
      expect(body.cooperative.slug).toBe('coop-a');
      const login = await f.call('POST', '/admin/api/session', { body: { email: 'new.weaver@village.test', password: 'straw-basket-2026' } });
      expect((await login.json()).memberships).toEqual([{ cooperativeId: f.coops.a.coop.id, cooperativeSlug: 'coop-a', role: 'editor' }]);
    });

    it('a code works once even when sent twice at the same moment', async () => {
      const { code } = await (await invite('twin@village.test')).json();
      const [first, second] = await Promise.all([accept({ code, password: 'twin-password-01' }), accept({ code, password: 'twin-password-02' })]);
      const statuses = [first.status, second.status].sort();
      // The loser sees either the spent code (410) or the account the winner just made (409).
      expect(statuses[0]).toBe(200);
      expect([409, 410]).toContain(statuses[1]);
      const users = await database.db.selectFrom('users').select('email').where('email_normalized', '=', 'twin@village.test').execute();
      expect(users).toHaveLength(1);
    });

    it('revoked, expired and made-up codes all answer 410 invitation_invalid and change nothing', async () => {
      const { invitation, code } = await (await invite('revoked@village.test')).json();
      expect((await f.call('DELETE', `${base}/${invitation.id}`, { as: owner })).status).toBe(204);
      expect((await f.call('DELETE', `${base}/${invitation.id}`, { as: owner })).status).toBe(404);
      const expired = await createInvitation(database.db, {
        cooperativeId: f.coops.a.coop.id,
        email: 'late@village.test',
        role: 'editor',
        now: new Date(Date.now() - 8 * 24 * 3600_000),
      });
      const before = await snapshotTables(database, ['sessions']);
      for (const candidate of [code, expired.code, `tri_${'A'.repeat(43)}`, 'not-a-code']) {
        const response = await accept({ code: candidate, password: 'whatever-long-1' });
        expect(response.status, candidate).toBe(410);
        expect((await response.json()).error.code).toBe('invitation_invalid');
      }
      expect(await snapshotTables(database, ['sessions'])).toBe(before);
      const listed = await (await f.call('GET', base, { as: owner })).json();
      expect(listed.items.map((i: { email: string }) => i.email)).not.toContain('revoked@village.test');
      expect(listed.items.map((i: { email: string }) => i.email)).not.toContain('late@village.test');
    });

    it('records invite, revoke and accept in the audit log', async () => {
      const actions = (await database.db.selectFrom('audit_log').select('action').where('cooperative_id', '=', f.coops.a.coop.id).execute()).map(
        (r) => r.action,
      );
      expect(actions).toEqual(expect.arrayContaining(['invitation.create', 'invitation.revoke', 'invitation.accept']));
    });

    it('refuses invitations from editors, from API tokens, and of malformed emails', async () => {
      expect((await f.call('POST', base, { as: await f.sessionOf('editorA'), body: { email: 'x@village.test', role: 'editor' } })).status).toBe(403);
      expect(
        (await f.call('POST', base, { headers: { authorization: `Bearer ${f.tokenA.secret}` }, body: { email: 'x@village.test', role: 'editor' } })).status,
      ).toBe(403);
      const bad = await invite('not an email');
      expect(bad.status).toBe(422);
      expect((await bad.json()).error.field).toBe('email');
    });
  });
}
