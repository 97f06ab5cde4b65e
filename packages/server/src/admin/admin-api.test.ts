import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCooperativeBySlug } from '@terroir/core';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { createAdminApi } from './admin-api';
import { ADMIN_ORIGIN, PASSWORD, adminFixture, snapshotTables } from '../../test/support/admin-test-fixture';

const SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>';
const loc = (text: string) => ({ 'zh-CN': `${text}梨`, en: text });

function cookieFrom(response: Response): string {
  const header = response.headers.get('set-cookie') ?? '';
  return header.split(';')[0]!;
}

for (const dialect of TEST_DIALECTS) {
  describe(`admin API on ${dialect.name}`, () => {
    let database: TestDatabase;
    let f: Awaited<ReturnType<typeof adminFixture>>;
    beforeEach(async () => {
      database = await dialect.open();
      f = await adminFixture(database);
    });
    afterEach(() => database.destroy());

    const login = (email: string, password: string, headers: Record<string, string> = {}) =>
      f.call('POST', '/admin/api/session', { body: { email, password }, headers });

    it('logs in with a __Host- cookie (HttpOnly, Secure, SameSite=Strict, Path=/) and a session-bound CSRF token', async () => {
      const response = await login('OwnerA@Village.test', PASSWORD);
      expect(response.status).toBe(200);
      const setCookie = response.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/^__Host-terroir_session=trs_[A-Za-z0-9_-]{43};/);
      expect(setCookie).toContain('HttpOnly');
      expect(setCookie).toContain('Secure');
      expect(setCookie).toContain('SameSite=Strict');
      expect(setCookie).toContain('Path=/');
      expect(setCookie).not.toContain('Domain');
      const body = await response.json();
      expect(body.memberships).toEqual([{ cooperativeId: f.coops.a.coop.id, cooperativeSlug: 'coop-a', role: 'owner' }]);
      const as = { cookie: cookieFrom(response), csrf: body.csrfToken };
      const me = await (await f.call('GET', '/admin/api/me', { as })).json();
      expect(me.user.email).toBe('ownera@village.test');
      expect(me.csrfToken).toBe(body.csrfToken);
      expect((await f.call('PATCH', '/admin/api/coops/coop-a/settings', { as, body: { timezone: 'Asia/Shanghai' } })).status).toBe(200);
    });

    it('refuses wrong passwords, unknown emails and logins from another origin alike', async () => {
      for (const [email, password] of [
        ['ownera@village.test', 'wrong-password'],
        ['nobody@village.test', PASSWORD],
      ] as const) {
        const response = await login(email, password);
        expect(response.status).toBe(401);
        expect(await response.json()).toEqual({ error: { code: 'invalid_credentials', message: 'Wrong email or password.' } });
        expect(response.headers.get('set-cookie')).toBeNull();
      }
      expect((await login('ownera@village.test', PASSWORD, { origin: 'https://evil.example' })).status).toBe(403);
    });

    it('locks logins after repeated failures, per email and per IP, across a restart', async () => {
      for (let i = 0; i < 5; i++) expect((await login('ownera@village.test', `wrong-${i}-password`)).status).toBe(401);
      const locked = await login('ownera@village.test', PASSWORD);
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(0);
      // A new app on the same database (a restart) remembers the lock.
      const restarted = createAdminApi({ db: database.db, allowedOrigins: [ADMIN_ORIGIN], clientIp: () => '192.0.2.99' });
      const again = await restarted.request('http://admin.village.test/admin/api/session', {
        method: 'POST',
        headers: { origin: ADMIN_ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ownera@village.test', password: PASSWORD }),
      });
      expect(again.status).toBe(429);
      // Another account from a fresh IP is unaffected.
      expect((await login('editora@village.test', PASSWORD, { 'x-test-ip': '192.0.2.50' })).status).toBe(200);
    });

    it('logs out (CSRF required) and the cookie stops working', async () => {
      const response = await login('editora@village.test', PASSWORD);
      const as = { cookie: cookieFrom(response), csrf: (await response.json()).csrfToken };
      expect((await f.call('DELETE', '/admin/api/session', { as: { ...as, csrf: 'nope' } })).status).toBe(403);
      const out = await f.call('DELETE', '/admin/api/session', { as });
      expect(out.status).toBe(204);
      expect(out.headers.get('set-cookie')).toMatch(/__Host-terroir_session=;/);
      expect((await f.call('GET', '/admin/api/me', { as })).status).toBe(401);
    });

    it('guards the session routes: 401 without a session, 403 with a bad CSRF token, nothing written', async () => {
      const editor = await f.sessionOf('editorA');
      const before = await snapshotTables(database);
      const routes: Array<[string, string, unknown]> = [
        ['GET', '/admin/api/me', undefined],
        ['DELETE', '/admin/api/session', undefined],
        ['POST', '/admin/api/password', { currentPassword: PASSWORD, newPassword: 'a-brand-new-password' }],
      ];
      for (const [method, path, body] of routes) {
        const withBody = body === undefined ? {} : { body };
        expect((await f.call(method, path, withBody)).status, `${method} ${path}`).toBe(401);
        expect((await f.call(method, path, { ...withBody, as: { cookie: '__Host-terroir_session=trs_' + 'A'.repeat(43), csrf: '' } })).status).toBe(401);
        if (method !== 'GET') {
          const bad = await f.call(method, path, { ...withBody, as: { ...editor, csrf: 'forged' } });
          expect(bad.status).toBe(403);
          expect((await bad.json()).error.code).toBe('csrf_failed');
          expect((await f.call(method, path, { ...withBody, as: editor, headers: { origin: 'https://evil.example' } })).status).toBe(403);
        }
      }
      expect(await snapshotTables(database)).toBe(before);
    });

    it('changes the password, revoking every older session', async () => {
      const first = await login('editora@village.test', PASSWORD);
      const as = { cookie: cookieFrom(first), csrf: (await first.json()).csrfToken };
      const other = await f.sessionOf('editorA');
      expect(
        (await f.call('POST', '/admin/api/password', { as, body: { currentPassword: 'wrong-password', newPassword: 'a-brand-new-password' } })).status,
      ).toBe(422);
      const weak = await f.call('POST', '/admin/api/password', { as, body: { currentPassword: PASSWORD, newPassword: 'short' } });
      expect(weak.status).toBe(422);
      expect((await weak.json()).error.field).toBe('newPassword');
      const changed = await f.call('POST', '/admin/api/password', { as, body: { currentPassword: PASSWORD, newPassword: 'a-brand-new-password' } });
      expect(changed.status).toBe(200);
      const fresh = { cookie: cookieFrom(changed), csrf: (await changed.json()).csrfToken };
      expect((await f.call('GET', '/admin/api/me', { as })).status).toBe(401);
      expect((await f.call('GET', '/admin/api/me', { as: other })).status).toBe(401);
      expect((await f.call('GET', '/admin/api/me', { as: fresh })).status).toBe(200);
      expect((await login('editora@village.test', PASSWORD)).status).toBe(401);
      expect((await login('editora@village.test', 'a-brand-new-password')).status).toBe(200);
    });

    it('offers an unprefixed, non-Secure cookie for plain-http development only when asked', async () => {
      expect(() => createAdminApi({ db: database.db, cookie: { name: '__Host-dev', secure: false } })).toThrow(/Secure/);
      const dev = createAdminApi({ db: database.db, cookie: { name: 'terroir_session', secure: false }, allowedOrigins: ['http://localhost:5173'] });
      const response = await dev.request('http://localhost:5173/admin/api/session', {
        method: 'POST',
        headers: { origin: 'http://localhost:5173', 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'ownera@village.test', password: PASSWORD }),
      });
      expect(response.status).toBe(200);
      const setCookie = response.headers.get('set-cookie')!;
      expect(setCookie).toMatch(/^terroir_session=/);
      expect(setCookie).not.toContain('Secure');
      expect(setCookie).toContain('HttpOnly');
    });

    it('stores script tags verbatim in every text field and returns them escaped', async () => {
      const owner = await f.sessionOf('ownerA');
      const producer = await f.call('POST', '/admin/api/coops/coop-a/producers', {
        as: owner,
        body: {
          slug: 'li',
          kind: 'artisan',
          name: loc(SCRIPT),
          profile: loc(SCRIPT),
          portrait: { url: '/media/li.jpg', alt: loc(SCRIPT) },
          place: { name: loc(SCRIPT), region: loc(SCRIPT) },
        },
      });
      expect(producer.status).toBe(201);
      const raw = await producer.text();
      expect(raw).not.toContain('<script>');
      expect(raw).toContain('\\u003cscript\\u003e');
      expect(JSON.parse(raw).producer.name.en).toBe(SCRIPT);

      const product = await f.call('POST', '/admin/api/coops/coop-a/products', {
        as: owner,
        body: {
          slug: 'basket',
          category: 'craft',
          title: loc(SCRIPT),
          summary: loc(SCRIPT),
          description: loc(SCRIPT),
          tags: [SCRIPT.slice(0, 40)],
          images: [{ url: 'https://cdn.example.cn/a.jpg', alt: loc(SCRIPT) }],
          certifications: [{ kind: 'organic', registryId: SCRIPT, issuer: loc(SCRIPT) }],
          variants: [{ sku: SCRIPT.slice(0, 64), label: loc(SCRIPT), priceMinor: 100, unit: 'piece', unitQuantity: 1, stockOnHand: 1 }],
        },
      });
      expect(product.status).toBe(201);
      const story = await f.call('POST', '/admin/api/coops/coop-a/stories', {
        as: owner,
        body: {
          slug: 'weaving',
          kind: 'craft-technique',
          title: loc(SCRIPT),
          summary: loc(SCRIPT),
          body: loc(SCRIPT),
          era: loc(SCRIPT),
          attribution: loc(SCRIPT),
          media: [{ kind: 'audio', url: '/media/a.mp3', transcript: loc(SCRIPT), caption: loc(SCRIPT), credit: loc(SCRIPT) }],
        },
      });
      expect(story.status).toBe(201);
      const row = await database.db.selectFrom('stories').selectAll().where('slug', '=', 'weaving').executeTakeFirstOrThrow();
      expect(JSON.parse(row.body).en).toBe(SCRIPT);
      const productRow = await database.db.selectFrom('products').selectAll().where('slug', '=', 'basket').executeTakeFirstOrThrow();
      expect(JSON.parse(productRow.description).en).toBe(SCRIPT);
      const settings = await f.call('PATCH', '/admin/api/coops/coop-a/settings', {
        as: owner,
        body: { name: loc(SCRIPT), description: loc(SCRIPT), contact: { address: loc(SCRIPT), wechat: SCRIPT.slice(0, 60) } },
      });
      expect(settings.status).toBe(200);
      expect(await settings.text()).not.toContain('<');
    });

    it('answers hostile input with 4xx and writes nothing', async () => {
      const owner = await f.sessionOf('ownerA');
      const before = await snapshotTables(database);
      const cases: Array<[string, string, Parameters<typeof f.call>[2], number, string, string?]> = [
        [
          'POST',
          '/admin/api/coops/coop-a/products',
          { as: owner, rawBody: JSON.stringify({ slug: 'x', category: 'fresh', title: { en: 'x'.repeat(70 * 1024) } }) },
          413,
          'payload_too_large',
        ],
        ['POST', '/admin/api/coops/coop-a/products', { as: owner, rawBody: '{"slug": "x",' }, 400, 'invalid_json'],
        [
          'POST',
          '/admin/api/coops/coop-a/products',
          { as: owner, rawBody: 'slug=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
          415,
          'unsupported_media_type',
        ],
        [
          'POST',
          '/admin/api/coops/coop-a/products',
          { as: owner, body: { slug: 'x', category: 'fresh', title: 'not localized' } },
          400,
          'invalid_body',
          'title',
        ],
        [
          'POST',
          '/admin/api/coops/coop-a/products',
          {
            as: owner,
            body: { slug: 'x', category: 'fresh', title: {}, variants: [{ label: {}, priceMinor: 12.5, unit: 'jin', unitQuantity: 1, stockOnHand: 1 }] },
          },
          400,
          'invalid_body',
          'variants[0].priceMinor',
        ],
        [
          'POST',
          '/admin/api/coops/coop-a/products',
          {
            as: owner,
            body: { slug: 'x', category: 'fresh', title: {}, variants: [{ label: {}, priceMinor: '100', unit: 'jin', unitQuantity: 1, stockOnHand: -1 }] },
          },
          400,
          'invalid_body',
          'variants[0].priceMinor',
        ],
        [
          'POST',
          '/admin/api/coops/coop-a/products',
          { as: owner, rawBody: '{"slug":"x","category":"fresh","title":{},"__proto__":{"isAdmin":true}}' },
          400,
          'invalid_body',
        ],
        [
          'POST',
          '/admin/api/coops/coop-a/products',
          { as: owner, body: { slug: 'x', category: 'fresh', title: {}, images: [{ url: 'javascript:alert(1)', alt: {} }] } },
          400,
          'invalid_body',
          'images[0].url',
        ],
        [
          'POST',
          '/admin/api/coops/coop-a/products',
          { as: owner, body: { slug: 'x', category: 'fresh', title: {}, images: [{ url: '//evil.example/a.jpg', alt: {} }] } },
          400,
          'invalid_body',
          'images[0].url',
        ],
        ['POST', '/admin/api/coops/coop-a/products', { as: owner, body: { slug: 'pear', category: 'fresh', title: {} } }, 409, 'slug_taken', 'slug'],
        [
          'POST',
          '/admin/api/coops/coop-a/products',
          { as: owner, body: { slug: 'x', category: 'fresh', title: {}, producerId: f.coops.b.producer.id } },
          422,
          'unknown_producer',
          'producerId',
        ],
        [
          'PATCH',
          `/admin/api/coops/coop-a/products/${f.coops.a.product.id}`,
          { as: owner, body: { title: { en: 'x'.repeat(201) } } },
          400,
          'invalid_body',
          'title.en',
        ],
        [
          'PATCH',
          `/admin/api/coops/coop-a/products/${f.coops.a.product.id}/variants/${f.coops.a.variant.id}`,
          { as: owner, body: { stockOnHand: 999 } },
          400,
          'invalid_body',
        ],
        [
          'POST',
          `/admin/api/coops/coop-a/products/${f.coops.a.product.id}/variants/${f.coops.a.variant.id}/stock`,
          { as: owner, body: { delta: -11, reason: 'damaged' } },
          409,
          'insufficient_stock',
          'delta',
        ],
        [
          'POST',
          `/admin/api/coops/coop-a/products/${f.coops.a.product.id}/variants/${f.coops.a.variant.id}/stock`,
          { as: owner, body: { delta: 1, reason: 'because' } },
          400,
          'invalid_body',
          'reason',
        ],
        [
          'PATCH',
          '/admin/api/coops/coop-a/settings',
          { as: owner, body: { allowedOrigins: ['https://village.example.cn/shop'] } },
          400,
          'invalid_body',
          'allowedOrigins[0]',
        ],
        ['PATCH', '/admin/api/coops/coop-a/settings', { as: owner, body: { allowedOrigins: ['*'] } }, 400, 'invalid_body', 'allowedOrigins[0]'],
        [
          'PATCH',
          '/admin/api/coops/coop-a/settings',
          { as: owner, body: { allowedOrigins: ['javascript:alert(1)'] } },
          400,
          'invalid_body',
          'allowedOrigins[0]',
        ],
        ['PATCH', '/admin/api/coops/coop-a/settings', { as: owner, body: { currency: 'USD' } }, 409, 'currency_in_use', 'currency'],
        ['PATCH', '/admin/api/coops/coop-a/settings', { as: owner, body: { currency: 'XXX' } }, 400, 'invalid_body', 'currency'],
        [
          'PATCH',
          `/admin/api/coops/coop-a/stories/${f.coops.a.story.id}`,
          { as: owner, body: { media: [{ kind: 'audio', url: '/media/a.mp3' }] } },
          400,
          'invalid_body',
          'media[0].transcript',
        ],
        [
          'PUT',
          `/admin/api/coops/coop-a/stories/${f.coops.a.story.id}/stories/${f.coops.a.story.id}`,
          { as: owner, body: { relation: 'see-also' } },
          422,
          'self_link',
          'toId',
        ],
        ['DELETE', `/admin/api/coops/coop-a/members/${f.users.ownerA.id}`, { as: owner }, 409, 'last_owner', 'role'],
        ['GET', '/admin/api/coops/..%2Fcoop-b/settings', { as: owner }, 404, 'not_found'],
        ['GET', '/admin/api/coops/coop-a/products/..%2F..%2Fsettings', { as: owner }, 404, 'not_found'],
        ['GET', '/admin/api/coops/coop-a/products?limit=abc', { as: owner }, 400, 'invalid_parameter', 'limit'],
      ];
      for (const slug of ['../etc', 'a/b', '%2e%2e', 'A B', '.hidden', 'ｐｅａｒ', 'pear--x', '-pear', 'x'.repeat(81), '', 'pear\u0000']) {
        cases.push([
          'POST',
          '/admin/api/coops/coop-a/producers',
          { as: owner, body: { slug, kind: 'farmer', name: {}, profile: {} } },
          400,
          'invalid_body',
          'slug',
        ]);
      }
      for (const [method, path, options, status, code, field] of cases) {
        const response = await f.call(method, path, options);
        const body = await response.json();
        expect(response.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status);
        expect(body.error.code).toBe(code);
        if (field) expect(body.error.field).toBe(field);
      }
      expect(await snapshotTables(database)).toBe(before);
    });

    it('adjusts stock with a reason, recorded in the ledger and the audit log', async () => {
      const editor = await f.sessionOf('editorA');
      const base = `/admin/api/coops/coop-a/products/${f.coops.a.product.id}/variants/${f.coops.a.variant.id}/stock`;
      const response = await f.call('POST', base, { as: editor, body: { delta: -4, reason: 'damaged', note: '运输压伤' } });
      expect(await response.json()).toMatchObject({ stockOnHand: 6 });
      const ledger = await (await f.call('GET', base, { as: editor })).json();
      expect(ledger.adjustments).toMatchObject([{ delta: -4, stockAfter: 6, reason: 'damaged', note: '运输压伤', userId: f.users.editorA.id }]);
      const audit = await (await f.call('GET', '/admin/api/coops/coop-a/audit', { as: await f.sessionOf('ownerA') })).json();
      expect(audit.items[0]).toMatchObject({ actor: 'user:editora@village.test', action: 'stock.adjust', changes: { stockOnHand: [10, 6] } });
    });

    it('issues API tokens once; tokens act without CSRF but cannot manage people or tokens; revocation works', async () => {
      const owner = await f.sessionOf('ownerA');
      const created = await f.call('POST', '/admin/api/coops/coop-a/tokens', { as: owner, body: { name: 'price sync', role: 'editor' } });
      expect(created.status).toBe(201);
      const { token, secret } = await created.json();
      const list = await (await f.call('GET', '/admin/api/coops/coop-a/tokens', { as: owner })).text();
      expect(list).not.toContain(secret);
      const bearer = { authorization: `Bearer ${secret}`, origin: 'https://script.example' };
      const producer = await f.call('POST', '/admin/api/coops/coop-a/producers', {
        headers: bearer,
        body: { slug: 'zhao', kind: 'farmer', name: {}, profile: {} },
      });
      expect(producer.status).toBe(201);
      expect((await f.call('GET', '/admin/api/coops/coop-a/members', { headers: bearer })).status).toBe(403);
      const ownerToken = (await (await f.call('POST', '/admin/api/coops/coop-a/tokens', { as: owner, body: { name: 'ci', role: 'owner' } })).json()).secret;
      expect(
        (await f.call('POST', '/admin/api/coops/coop-a/tokens', { headers: { authorization: `Bearer ${ownerToken}` }, body: { name: 'more', role: 'owner' } }))
          .status,
      ).toBe(403);
      expect((await f.call('DELETE', `/admin/api/coops/coop-a/tokens/${token.id}`, { as: owner })).status).toBe(204);
      expect((await f.call('GET', '/admin/api/coops/coop-a/products', { headers: bearer })).status).toBe(401);
    });

    it('imports a CSV with a dry run first, refuses a file with an error row, and exports with a BOM', async () => {
      const editor = await f.sessionOf('editorA');
      const good = '商品标识,类别,名称,规格,价格,单位,库存\r\nhua-jiao,加工,花椒,小罐,¥30,盒,5\r\n';
      const csv = (body: string | Uint8Array, query = '') =>
        f.call('POST', `/admin/api/coops/coop-a/import${query}`, { as: editor, rawBody: body as string, headers: { 'content-type': 'text/csv' } });
      const before = await snapshotTables(database);
      const dry = await csv(good, '?dryRun=1');
      expect(dry.status).toBe(200);
      expect((await dry.json()).plan).toMatchObject({
        valid: true,
        summary: { create: 1, update: 0, unchanged: 0 },
        rows: [{ row: 2, productSlug: 'hua-jiao', action: 'create' }],
      });
      expect(await snapshotTables(database)).toBe(before);
      const bad = good + 'mu-er,加工,木耳,袋,十二元,吨,1\r\n';
      const refused = await csv(bad);
      expect(refused.status).toBe(422);
      const body = await refused.json();
      expect(body.error.code).toBe('invalid_csv');
      expect(body.error.issues).toEqual([
        { field: 'row 3.price', code: 'invalid_price', message: expect.any(String) },
        { field: 'row 3.unit', code: 'unknown_unit', message: expect.any(String) },
      ]);
      expect(await snapshotTables(database)).toBe(before);
      expect((await csv(good)).status).toBe(200);
      const again = await (await csv(good)).json();
      expect(again.plan.summary).toEqual({ create: 0, update: 0, unchanged: 1 });
      expect((await f.call('POST', '/admin/api/coops/coop-a/import', { as: editor, body: { csv: good } })).status).toBe(415);
      expect((await csv('x'.repeat(6 * 1024 * 1024))).status).toBe(413);

      const exported = await f.call('GET', '/admin/api/coops/coop-a/export/products.csv', { as: await f.sessionOf('fulfilmentA') });
      expect(exported.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(exported.headers.get('content-disposition')).toBe('attachment; filename="coop-a-products.csv"');
      const bytes = new Uint8Array(await exported.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(new TextDecoder().decode(bytes)).toContain('hua-jiao,processed,active,花椒');
      const orders = await f.call('GET', '/admin/api/coops/coop-a/export/orders.csv?from=2026-01-01', { as: await f.sessionOf('ownerA') });
      expect(orders.status).toBe(200);
      expect((await f.call('GET', '/admin/api/coops/coop-a/export/orders.csv?from=yesterday', { as: await f.sessionOf('ownerA') })).status).toBe(400);
    });

    it('patches with merge semantics: null clears an optional field, search finds by title', async () => {
      const editor = await f.sessionOf('editorA');
      const path = `/admin/api/coops/coop-a/producers/${f.coops.a.producer.id}`;
      const set = await f.call('PATCH', path, {
        as: editor,
        body: { portrait: { url: '/media/wang.jpg', alt: { 'zh-CN': '王师傅' } }, place: { name: { 'zh-CN': '照旺庄' } } },
      });
      expect((await set.json()).producer.portrait.url).toBe('/media/wang.jpg');
      const cleared = await (await f.call('PATCH', path, { as: editor, body: { portrait: null } })).json();
      expect(cleared.producer.portrait).toBeUndefined();
      expect(cleared.producer.place.name['zh-CN']).toBe('照旺庄');
      expect((await f.call('PATCH', path, { as: editor, body: { name: null } })).status).toBe(400);
      expect((await f.call('PATCH', path, { as: editor, body: [1, 2] })).status).toBe(400);
      const found = await (await f.call('GET', '/admin/api/coops/coop-a/products?q=%E6%A2%A8', { as: editor })).json();
      expect(found.items.map((p: { slug: string }) => p.slug)).toEqual(['pear']);
      const none = await (await f.call('GET', '/admin/api/coops/coop-a/products?q=100%25_', { as: editor })).json();
      expect(none.items).toEqual([]);
    });

    it('refuses to delete a variant that orders refer to, with 409 and no change', async () => {
      const { coop, product, variant } = f.coops.a;
      const at = new Date().toISOString();
      await database.db
        .insertInto('orders')
        .values({
          id: 'ord_1',
          token: 'tok-1',
          cooperative_id: coop.id,
          status: 'paid',
          currency: 'CNY',
          subtotal_minor: 6800,
          fulfilment_fee_minor: 0,
          total_minor: 6800,
          refunded_minor: 0,
          fulfilment: '{}',
          locale: 'zh-CN',
          email: null,
          idempotency_key: 'k1',
          request_hash: 'h',
          payment_provider: 'test',
          payment_session_ref: null,
          payment_ref: null,
          redirect_url: null,
          expires_at: at,
          paid_at: at,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await database.db
        .insertInto('order_lines')
        .values({
          order_id: 'ord_1',
          line_no: 1,
          variant_id: variant.id,
          product_id: product.id,
          product_slug: 'pear',
          title: '{}',
          variant_label: '{}',
          unit_price_minor: 6800,
          quantity: 1,
          line_total_minor: 6800,
          preorder: 0,
        })
        .execute();
      const owner = await f.sessionOf('ownerA');
      const before = await snapshotTables(database);
      for (const path of [`/admin/api/coops/coop-a/products/${product.id}/variants/${variant.id}`, `/admin/api/coops/coop-a/products/${product.id}`]) {
        const response = await f.call('DELETE', path, { as: owner });
        expect(response.status).toBe(409);
        expect((await response.json()).error.code).toBe('in_use');
      }
      expect(JSON.parse(await snapshotTables(database))).toEqual(JSON.parse(before));
      expect((await f.call('PATCH', `/admin/api/coops/coop-a/products/${product.id}`, { as: owner, body: { status: 'archived' } })).status).toBe(200);
    });

    it('throttles guesses of the current password through a session', async () => {
      const editor = await f.sessionOf('editorA');
      for (let i = 0; i < 5; i++)
        expect(
          (await f.call('POST', '/admin/api/password', { as: editor, body: { currentPassword: `guess-${i}-xxxx`, newPassword: 'a-brand-new-password' } }))
            .status,
        ).toBe(422);
      expect(
        (await f.call('POST', '/admin/api/password', { as: editor, body: { currentPassword: PASSWORD, newPassword: 'a-brand-new-password' } })).status,
      ).toBe(429);
    });

    it('normalises allowed origins; members join only by invitation (no direct add)', async () => {
      const owner = await f.sessionOf('ownerA');
      const settings = await (
        await f.call('PATCH', '/admin/api/coops/coop-a/settings', {
          as: owner,
          body: { allowedOrigins: ['HTTPS://Village.Example.CN/', 'http://localhost:8080'], defaultLocale: 'en' },
        })
      ).json();
      expect(settings.settings.allowedOrigins).toEqual(['https://village.example.cn', 'http://localhost:8080']);
      const before = await snapshotTables(database);
      const added = await f.call('POST', '/admin/api/coops/coop-a/members', { as: owner, body: { email: 'ownerB@village.test', role: 'fulfilment' } });
      expect(added.status).toBe(404);
      expect(await snapshotTables(database)).toBe(before);
    });

    it('stores the home hero picture, checks it like other image references, and removes it with null (issue 13)', async () => {
      const owner = await f.sessionOf('ownerA');
      const heroImage = { url: '/media/orchard.jpg', alt: { 'zh-CN': '开花的梨园', en: 'The orchard in blossom' }, width: 1600, height: 900 };
      const saved = await f.call('PATCH', '/admin/api/coops/coop-a/settings', { as: owner, body: { heroImage } });
      expect(saved.status).toBe(200);
      expect((await saved.json()).settings.heroImage).toEqual(heroImage);
      expect((await loadCooperativeBySlug(database.db, 'coop-a'))?.heroImage).toEqual(heroImage);
      expect((await (await f.call('GET', '/admin/api/coops/coop-a/settings', { as: owner })).json()).settings.heroImage).toEqual(heroImage);
      for (const [bad, field] of [
        [{ ...heroImage, url: 'javascript:alert(1)' }, 'heroImage.url'],
        [{ ...heroImage, url: '//evil.example/x.jpg' }, 'heroImage.url'],
        [{ ...heroImage, width: 0 }, 'heroImage.width'],
        [{ ...heroImage, caption: 'x' }, 'heroImage'],
        ['/media/orchard.jpg', 'heroImage'],
      ] as const) {
        const response = await f.call('PATCH', '/admin/api/coops/coop-a/settings', { as: owner, body: { heroImage: bad } });
        const body = await response.json();
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(body.error.field).toBe(field);
      }
      expect((await loadCooperativeBySlug(database.db, 'coop-a'))?.heroImage?.url).toBe('/media/orchard.jpg');
      const cleared = await f.call('PATCH', '/admin/api/coops/coop-a/settings', { as: owner, body: { heroImage: null } });
      expect(cleared.status).toBe(200);
      expect((await cleared.json()).settings.heroImage).toBeUndefined();
      expect((await loadCooperativeBySlug(database.db, 'coop-a'))?.heroImage).toBeUndefined();
    });
  });
}
