import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, createInvitation, openDatabase, type Role } from '@terroir/core';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { createAdminApi } from './admin-api';
import { adminOpenApiConfig } from './admin-openapi-config';
import { adminFixture, placeTestOrder, snapshotTables, type Caller } from '../../test/support/admin-test-fixture';

type Fixture = Awaited<ReturnType<typeof adminFixture>>;
type Side = 'a' | 'b';
interface Ids {
  coop: string;
  producer: string;
  product: string;
  variant: string;
  story: string;
  story2: string;
  member: string;
  member2: string;
  token: string;
  order: string;
  pendingOrder: string;
  option: string;
  media: string;
  invitation: string;
  chronicle: string;
  place: string;
  person: string;
  hall: string;
  memory: string;
}

interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Path built from a cooperative's slug and ids. */
  path: (ids: Ids) => string;
  body?: unknown;
  /** A non-JSON body (CSV uploads). */
  raw?: { body: string; type: string };
  /** A multipart upload (made fresh per request: a FormData body is read once). */
  form?: () => FormData;
  roles: Role[];
}

const CSV = { body: 'product_slug,category,title_zh,price,unit,stock\r\nhua-jiao,processed,花椒,¥30,盒,5\r\n', type: 'text/csv' };

const CHRONICLE_CSV = { body: '年代,标题\r\n清末,始种莱阳梨\r\n', type: 'text/csv' };

const C = (ids: Ids) => `/admin/api/coops/${ids.coop}`;
const ALL: Role[] = ['owner', 'editor', 'fulfilment'];
const CATALOG: Role[] = ['owner', 'editor'];
const OWNER: Role[] = ['owner'];
const ORDERS: Role[] = ['owner', 'fulfilment'];

/**
 * Every per-cooperative admin route: the table the tests below are generated from. A route
 * added to the admin API without an entry here fails "covers every route" (the list of
 * routes comes from the router and from the OpenAPI document). Deletes come last so the
 * positive pass can run in order.
 */
const ROUTES: RouteCase[] = [
  { method: 'GET', path: (i) => `${C(i)}/settings`, roles: ALL },
  { method: 'PATCH', path: (i) => `${C(i)}/settings`, body: { allowedOrigins: ['https://village.example.cn'] }, roles: OWNER },
  { method: 'GET', path: (i) => `${C(i)}/members`, roles: OWNER },
  { method: 'POST', path: (i) => `${C(i)}/invitations`, body: { email: 'new.member@village.test', role: 'editor' }, roles: OWNER },
  { method: 'GET', path: (i) => `${C(i)}/invitations`, roles: OWNER },
  { method: 'PATCH', path: (i) => `${C(i)}/members/${i.member}`, body: { role: 'fulfilment' }, roles: OWNER },
  { method: 'GET', path: (i) => `${C(i)}/tokens`, roles: OWNER },
  { method: 'POST', path: (i) => `${C(i)}/tokens`, body: { name: 'nightly import', role: 'editor' }, roles: OWNER },
  { method: 'GET', path: (i) => `${C(i)}/audit`, roles: OWNER },
  { method: 'GET', path: (i) => `${C(i)}/producers`, roles: ALL },
  { method: 'POST', path: (i) => `${C(i)}/producers`, body: { slug: 'li-weaver', kind: 'artisan', name: { 'zh-CN': '李' }, profile: {} }, roles: CATALOG },
  { method: 'GET', path: (i) => `${C(i)}/producers/${i.producer}`, roles: ALL },
  { method: 'PATCH', path: (i) => `${C(i)}/producers/${i.producer}`, body: { name: { en: 'Wang' } }, roles: CATALOG },
  { method: 'GET', path: (i) => `${C(i)}/products`, roles: ALL },
  {
    method: 'POST',
    path: (i) => `${C(i)}/products`,
    body: {
      slug: 'basket',
      category: 'craft',
      title: { 'zh-CN': '草编篮' },
      variants: [{ label: { 'zh-CN': '大' }, priceMinor: 12000, unit: 'piece', unitQuantity: 1, stockOnHand: 3 }],
    },
    roles: CATALOG,
  },
  { method: 'GET', path: (i) => `${C(i)}/products/${i.product}`, roles: ALL },
  { method: 'PATCH', path: (i) => `${C(i)}/products/${i.product}`, body: { status: 'draft' }, roles: CATALOG },
  {
    method: 'POST',
    path: (i) => `${C(i)}/products/${i.product}/variants`,
    body: { label: { 'zh-CN': '10斤' }, priceMinor: 12800, unit: 'jin', unitQuantity: 10, stockOnHand: 4 },
    roles: CATALOG,
  },
  { method: 'PATCH', path: (i) => `${C(i)}/products/${i.product}/variants/${i.variant}`, body: { priceMinor: 5900 }, roles: CATALOG },
  { method: 'GET', path: (i) => `${C(i)}/products/${i.product}/variants/${i.variant}/stock`, roles: ALL },
  { method: 'POST', path: (i) => `${C(i)}/products/${i.product}/variants/${i.variant}/stock`, body: { delta: 5, reason: 'restock' }, roles: CATALOG },
  { method: 'POST', path: (i) => `${C(i)}/import?dryRun=1`, raw: CSV, roles: CATALOG },
  { method: 'POST', path: (i) => `${C(i)}/import`, raw: CSV, roles: CATALOG },
  { method: 'GET', path: (i) => `${C(i)}/export/products.csv`, roles: ALL },
  { method: 'GET', path: (i) => `${C(i)}/import/mapping`, roles: CATALOG },
  {
    method: 'PUT',
    path: (i) => `${C(i)}/import/mapping`,
    body: { columns: { 品名: 'title_zh' }, categoryWords: { 山货: 'processed' }, unitWords: { 坛: 'piece' } },
    roles: CATALOG,
  },
  { method: 'GET', path: (i) => `${C(i)}/export/orders.csv`, roles: ['owner', 'fulfilment'] },
  { method: 'GET', path: (i) => `${C(i)}/orders?status=paid,packed&q=buyer`, roles: ORDERS },
  { method: 'GET', path: (i) => `${C(i)}/orders/${i.order}`, roles: ORDERS },
  { method: 'POST', path: (i) => `${C(i)}/orders/${i.order}/status`, body: { to: 'packed' }, roles: ORDERS },
  { method: 'POST', path: (i) => `${C(i)}/orders/${i.order}/refund`, body: { amountMinor: 100 }, roles: OWNER },
  { method: 'POST', path: (i) => `${C(i)}/orders/${i.pendingOrder}/cancel`, body: {}, roles: ORDERS },
  // Cooperative A has a pay-at-pickup order with this code (beforeAll); B has none.
  { method: 'POST', path: (i) => `${C(i)}/orders/collect`, body: { code: 'kmn-479' }, roles: ORDERS },
  { method: 'GET', path: (i) => `${C(i)}/fulfilment`, roles: ALL },
  { method: 'GET', path: (i) => `${C(i)}/search/misses`, roles: CATALOG },
  { method: 'POST', path: (i) => `${C(i)}/search/reindex`, body: {}, roles: OWNER },
  {
    method: 'POST',
    path: (i) => `${C(i)}/fulfilment/options`,
    body: { kind: 'pickup', name: { 'zh-CN': '村委会' }, address: { 'zh-CN': '村口' }, hours: { 'zh-CN': '每天' } },
    roles: OWNER,
  },
  { method: 'PATCH', path: (i) => `${C(i)}/fulfilment/options/${i.option}`, body: { regionFees: { shandong: 600, beijing: 1800 } }, roles: OWNER },
  { method: 'PUT', path: (i) => `${C(i)}/checkout-settings`, body: { paymentMethods: ['card', 'alipay'], maxLineQuantity: 10 }, roles: OWNER },
  { method: 'GET', path: (i) => `${C(i)}/media?kind=image`, roles: CATALOG },
  { method: 'POST', path: (i) => `${C(i)}/media`, form: audioUpload, roles: CATALOG },
  { method: 'GET', path: (i) => `${C(i)}/media/${i.media}`, roles: CATALOG },
  { method: 'PATCH', path: (i) => `${C(i)}/media/${i.media}`, body: { alt: { 'zh-CN': '新的说明', en: 'New text' } }, roles: CATALOG },
  { method: 'POST', path: (i) => `${C(i)}/preview/markdown`, body: { markdown: '# 嫁接\n\n<script>alert(1)</script>' }, roles: CATALOG },
  { method: 'GET', path: (i) => `${C(i)}/stories`, roles: CATALOG },
  { method: 'POST', path: (i) => `${C(i)}/stories`, body: { slug: 'weaving', kind: 'craft-technique', title: { 'zh-CN': '草编' } }, roles: CATALOG },
  { method: 'GET', path: (i) => `${C(i)}/stories/${i.story}`, roles: CATALOG },
  { method: 'PATCH', path: (i) => `${C(i)}/stories/${i.story}`, body: { status: 'published' }, roles: CATALOG },
  { method: 'PUT', path: (i) => `${C(i)}/stories/${i.story}/products/${i.product}`, body: { relation: 'made-with-technique' }, roles: CATALOG },
  { method: 'PUT', path: (i) => `${C(i)}/stories/${i.story}/producers/${i.producer}`, body: { relation: 'told-by' }, roles: CATALOG },
  { method: 'PUT', path: (i) => `${C(i)}/stories/${i.story}/stories/${i.story2}`, body: { relation: 'see-also' }, roles: CATALOG },
  // The museum (issue 11): owners and editors only; deletes last within the block.
  { method: 'GET', path: (i) => `${C(i)}/museum/settings`, roles: CATALOG },
  { method: 'PUT', path: (i) => `${C(i)}/museum/settings`, body: { mapMediaId: null }, roles: CATALOG },
  { method: 'GET', path: (i) => `${C(i)}/museum/chronicle`, roles: CATALOG },
  {
    method: 'POST',
    path: (i) => `${C(i)}/museum/chronicle`,
    body: { slug: 'pear-fair', date: { precision: 'period', period: 'qing' }, title: { 'zh-CN': '梨会' } },
    roles: CATALOG,
  },
  { method: 'GET', path: (i) => `${C(i)}/museum/chronicle/${i.chronicle}`, roles: CATALOG },
  { method: 'PATCH', path: (i) => `${C(i)}/museum/chronicle/${i.chronicle}`, body: { date: { precision: 'decade', decade: 1930 } }, roles: CATALOG },
  { method: 'PUT', path: (i) => `${C(i)}/museum/chronicle/${i.chronicle}/links`, body: {}, roles: CATALOG },
  { method: 'POST', path: (i) => `${C(i)}/museum/chronicle/import?dryRun=1`, raw: CHRONICLE_CSV, roles: CATALOG },
  { method: 'POST', path: (i) => `${C(i)}/museum/chronicle/import`, raw: CHRONICLE_CSV, roles: CATALOG },
  { method: 'GET', path: (i) => `${C(i)}/museum/places`, roles: CATALOG },
  { method: 'POST', path: (i) => `${C(i)}/museum/places`, body: { slug: 'river', kind: 'river', name: { 'zh-CN': '五龙河' } }, roles: CATALOG },
  { method: 'GET', path: (i) => `${C(i)}/museum/places/${i.place}`, roles: CATALOG },
  { method: 'PATCH', path: (i) => `${C(i)}/museum/places/${i.place}`, body: { pin: { x: 0.5, y: 0.25 } }, roles: CATALOG },
  { method: 'PUT', path: (i) => `${C(i)}/museum/places/${i.place}/links`, body: {}, roles: CATALOG },
  { method: 'GET', path: (i) => `${C(i)}/museum/people`, roles: CATALOG },
  { method: 'POST', path: (i) => `${C(i)}/museum/people`, body: { slug: 'li', name: { 'zh-CN': '李' } }, roles: CATALOG },
  { method: 'GET', path: (i) => `${C(i)}/museum/people/${i.person}`, roles: CATALOG },
  { method: 'PATCH', path: (i) => `${C(i)}/museum/people/${i.person}`, body: { born: { precision: 'year', year: 1948 } }, roles: CATALOG },
  { method: 'PUT', path: (i) => `${C(i)}/museum/people/${i.person}/links`, body: {}, roles: CATALOG },
  { method: 'GET', path: (i) => `${C(i)}/museum/halls`, roles: CATALOG },
  { method: 'POST', path: (i) => `${C(i)}/museum/halls`, body: { slug: 'craft-hall', title: { 'zh-CN': '手艺馆' } }, roles: CATALOG },
  { method: 'GET', path: (i) => `${C(i)}/museum/halls/${i.hall}`, roles: CATALOG },
  { method: 'PATCH', path: (i) => `${C(i)}/museum/halls/${i.hall}`, body: { intro: { 'zh-CN': '老井的故事' } }, roles: CATALOG },
  { method: 'PUT', path: (i) => `${C(i)}/museum/halls/${i.hall}/order`, body: { order: [0] }, roles: CATALOG },
  { method: 'GET', path: (i) => `${C(i)}/museum/memories?status=pending`, roles: CATALOG },
  { method: 'GET', path: (i) => `${C(i)}/museum/memories/${i.memory}`, roles: CATALOG },
  { method: 'POST', path: (i) => `${C(i)}/museum/memories/${i.memory}/reject`, body: { note: '重复' }, roles: CATALOG },
  {
    method: 'POST',
    path: (i) => `${C(i)}/museum/memories/${i.memory}/approve`,
    body: { text: '老井边的夏天。', visibility: 'public', links: { places: [] } },
    roles: CATALOG,
  },
  { method: 'DELETE', path: (i) => `${C(i)}/museum/memories/${i.memory}`, roles: CATALOG },
  { method: 'DELETE', path: (i) => `${C(i)}/museum/halls/${i.hall}`, roles: CATALOG },
  { method: 'DELETE', path: (i) => `${C(i)}/museum/people/${i.person}`, roles: CATALOG },
  { method: 'DELETE', path: (i) => `${C(i)}/museum/places/${i.place}`, roles: CATALOG },
  { method: 'DELETE', path: (i) => `${C(i)}/museum/chronicle/${i.chronicle}`, roles: CATALOG },
  { method: 'DELETE', path: (i) => `${C(i)}/stories/${i.story}/products/${i.product}`, roles: CATALOG },
  { method: 'DELETE', path: (i) => `${C(i)}/stories/${i.story}/producers/${i.producer}`, roles: CATALOG },
  { method: 'DELETE', path: (i) => `${C(i)}/stories/${i.story}/stories/${i.story2}`, roles: CATALOG },
  { method: 'DELETE', path: (i) => `${C(i)}/products/${i.product}/variants/${i.variant}`, roles: CATALOG },
  { method: 'DELETE', path: (i) => `${C(i)}/stories/${i.story2}`, roles: CATALOG },
  { method: 'DELETE', path: (i) => `${C(i)}/products/${i.product}`, roles: CATALOG },
  { method: 'DELETE', path: (i) => `${C(i)}/producers/${i.producer}`, roles: CATALOG },
  { method: 'DELETE', path: (i) => `${C(i)}/fulfilment/options/${i.option}`, roles: OWNER },
  { method: 'DELETE', path: (i) => `${C(i)}/media/${i.media}`, roles: CATALOG },
  { method: 'DELETE', path: (i) => `${C(i)}/tokens/${i.token}`, roles: OWNER },
  { method: 'DELETE', path: (i) => `${C(i)}/members/${i.member2}`, roles: OWNER },
  { method: 'DELETE', path: (i) => `${C(i)}/invitations/${i.invitation}`, roles: OWNER },
];

/** One MPEG audio frame after an empty ID3 tag: the smallest upload the media library accepts. */
function audioUpload(): FormData {
  const frame = new Uint8Array(417);
  frame.set([0xff, 0xfb, 0x90, 0x64]);
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0]), frame], { type: 'audio/mpeg' }), 'voice.mp3');
  form.set('transcript.zh-CN', '老人讲嫁接');
  return form;
}

function bodyOf(route: RouteCase, as?: Caller, headers: Record<string, string> = {}) {
  if (route.form) return { as, headers, form: route.form() };
  if (route.raw) return { as, rawBody: route.raw.body, headers: { 'content-type': route.raw.type, ...headers } };
  return { as, headers, ...(route.body !== undefined ? { body: route.body } : {}) };
}

/**
 * Routes outside any cooperative: nothing of a tenant to isolate (login and its second
 * factor, logout, password, me and its two-factor enrolment, accepting an invitation by its
 * code, the document).
 */
const NOT_PER_COOPERATIVE = [
  '/admin/api/session',
  '/admin/api/session/two-factor',
  '/admin/api/password',
  '/admin/api/me',
  '/admin/api/me/two-factor',
  '/admin/api/me/two-factor/confirm',
  '/admin/api/invitations/accept',
  '/admin/api/openapi.json',
];

/** `/admin/api/coops/:coop/products/:id` and `/admin/api/coops/{coop}/products/{id}` → `/admin/api/coops/{}/products/{}`. */
const shapeOf = (method: string, path: string) => `${method.toUpperCase()} ${path.split('?')[0]!.replace(/:[A-Za-z0-9_]+|\{[A-Za-z0-9_]+\}/g, '{}')}`;

const label = (r: RouteCase) =>
  `${r.method} ${r.path({ coop: ':coop', producer: ':producer', product: ':product', variant: ':variant', story: ':story', story2: ':story2', member: ':member', member2: ':member2', token: ':token', order: ':order', pendingOrder: ':pendingOrder', option: ':option', media: ':media', invitation: ':invitation', chronicle: ':chronicle', place: ':place', person: ':person', hall: ':hall', memory: ':memory' })}`;

describe('admin route table', () => {
  it('covers every admin route of the router and of the OpenAPI document, and nothing else', async () => {
    const database = await openDatabase({ url: ':memory:', migrate: false });
    try {
      const app = createAdminApi({ db: database.db });
      const routed = new Set(app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/admin/api/')).map((r) => shapeOf(r.method, r.path)));
      const doc = app.getOpenAPI31Document(adminOpenApiConfig);
      const documented = new Set(Object.entries(doc.paths ?? {}).flatMap(([path, item]) => Object.keys(item ?? {}).map((method) => shapeOf(method, path))));
      const outside = (shape: string) => NOT_PER_COOPERATIVE.some((path) => shape.endsWith(` ${path}`));
      const tabled = new Set(ROUTES.map((r) => shapeOf(r.method, label(r).slice(r.method.length + 1))));
      const perCooperative = [...routed].filter((shape) => !outside(shape)).sort();
      expect(
        perCooperative.filter((shape) => !tabled.has(shape)),
        'routes without an isolation entry: add them to ROUTES',
      ).toEqual([]);
      expect(
        [...tabled].filter((shape) => !routed.has(shape)),
        'isolation entries for routes that do not exist',
      ).toEqual([]);
      expect(
        [...routed].filter((shape) => !documented.has(shape) && !shape.endsWith(' /admin/api/openapi.json')),
        'routes missing from the OpenAPI document',
      ).toEqual([]);
      expect(
        [...documented].filter((shape) => !routed.has(shape)),
        'documented routes without a handler',
      ).toEqual([]);
      expect(perCooperative.length).toBeGreaterThan(40);
    } finally {
      await database.close();
    }
  });
});

for (const dialect of TEST_DIALECTS) {
  describe(`admin tenant isolation on ${dialect.name}`, () => {
    let database: TestDatabase;
    let f: Fixture;
    let ids: Record<Side, Ids>;
    let callers: Record<'ownerA' | 'editorA' | 'fulfilmentA' | 'ownerB', Caller>;
    beforeAll(async () => {
      database = await dialect.open();
      f = await adminFixture(database);
      const tokenB = await createApiToken(database.db, { cooperativeId: f.coops.b.coop.id, role: 'editor', name: 'b' });
      const pickupOrder = await placeTestOrder(database, {
        cooperativeId: f.coops.a.coop.id,
        variantId: f.coops.a.soldVariant.id,
        fulfilment: { type: 'pickup', pickupPointId: f.coops.a.pickup.id },
        key: 'a-pay-at-pickup',
        paid: false,
      });
      await database.db.updateTable('orders').set({ payment_provider: 'offline', pickup_code: 'KMN479' }).where('id', '=', pickupOrder.id).execute();
      const idsOf = (side: Side, member: string, member2: string, token: string, invitation: string): Ids => {
        const x = f.coops[side];
        return {
          invitation,
          coop: x.coop.slug,
          producer: x.producer.id,
          product: x.product.id,
          variant: x.variant.id,
          story: x.story.id,
          story2: x.story2.id,
          member,
          member2,
          token,
          order: x.order.id,
          pendingOrder: x.pendingOrder.id,
          option: x.delivery.id,
          media: x.media.id,
          chronicle: x.chronicle.id,
          place: x.place.id,
          person: x.person.id,
          hall: x.hall.id,
          memory: x.memory.id,
        };
      };
      ids = {
        a: idsOf(
          'a',
          f.users.fulfilmentA.id,
          f.users.fulfilmentA.id,
          f.tokenA.token.id,
          (await createInvitation(database.db, { cooperativeId: f.coops.a.coop.id, email: 'invitee.a@village.test', role: 'editor' })).invitation.id,
        ),
        b: idsOf(
          'b',
          f.users.ownerB.id,
          f.users.ownerB.id,
          tokenB.token.id,
          (await createInvitation(database.db, { cooperativeId: f.coops.b.coop.id, email: 'invitee.b@village.test', role: 'editor' })).invitation.id,
        ),
      };
      callers = {
        ownerA: await f.sessionOf('ownerA'),
        editorA: await f.sessionOf('editorA'),
        fulfilmentA: await f.sessionOf('fulfilmentA'),
        ownerB: await f.sessionOf('ownerB'),
      };
    });
    afterAll(() => database.destroy());

    const roleCaller = (role: Role) => (role === 'owner' ? callers.ownerA : role === 'editor' ? callers.editorA : callers.fulfilmentA);

    for (const route of ROUTES) {
      it(`${label(route)} refuses outsiders, wrong roles, missing auth and bad CSRF, and writes nothing`, async () => {
        const before = await snapshotTables(database);
        const send = (path: string, as?: Caller, headers?: Record<string, string>) => f.call(route.method, path, bodyOf(route, as, headers));
        const expectError = async (response: Response, status: number, code: string) => {
          expect(response.status, `${route.method} ${response.url}`).toBe(status);
          expect((await response.json()).error.code).toBe(code);
        };

        // Another cooperative's owner: its slug and its ids look exactly like nothing.
        await expectError(await send(route.path(ids.a), callers.ownerB), 404, 'not_found');
        // Its own cooperative's slug with the first cooperative's ids: still nothing.
        if (route.path(ids.b) !== route.path({ ...ids.a, coop: ids.b.coop })) {
          await expectError(await send(route.path({ ...ids.a, coop: ids.b.coop }), callers.ownerB), 404, 'not_found');
        }
        // A bearer token of the first cooperative on the second one's path.
        await expectError(await send(route.path(ids.b), undefined, { authorization: `Bearer ${f.tokenA.secret}` }), 404, 'not_found');
        // No credentials, or a forged cookie.
        await expectError(await send(route.path(ids.a)), 401, 'unauthenticated');
        await expectError(await send(route.path(ids.a), { cookie: '__Host-terroir_session=trs_forged', csrf: 'x' }), 401, 'unauthenticated');
        // Members of the right cooperative without the role.
        for (const role of ALL.filter((r) => !route.roles.includes(r))) {
          await expectError(await send(route.path(ids.a), roleCaller(role)), 403, 'forbidden');
        }
        if (route.method !== 'GET') {
          const owner = roleCaller(route.roles[0]!);
          await expectError(await send(route.path(ids.a), { cookie: owner.cookie, csrf: 'wrong-token' }), 403, 'csrf_failed');
          await expectError(await send(route.path(ids.a), { cookie: owner.cookie, csrf: callers.ownerB.csrf }), 403, 'csrf_failed');
          await expectError(await send(route.path(ids.a), owner, { origin: 'https://evil.example' }), 403, 'csrf_failed');
          await expectError(await send(route.path(ids.a), owner, { origin: '', 'sec-fetch-site': 'cross-site' }), 403, 'csrf_failed');
        }
        expect(await snapshotTables(database)).toBe(before);
      });
    }

    it('lets every allowed role through on every route (in order, deletes last)', async () => {
      for (const route of ROUTES) {
        for (const role of route.roles) {
          // Write routes run once (as the first allowed role) so their effects do not collide.
          if (route.method !== 'GET' && role !== route.roles[0]) continue;
          const response = await f.call(route.method, route.path(ids.a), bodyOf(route, roleCaller(role)));
          expect(response.status, `${label(route)} as ${role}: ${await response.clone().text()}`).toBeLessThan(300);
        }
      }
      const audit = await database.db.selectFrom('audit_log').select('action').where('cooperative_id', '=', f.coops.a.coop.id).execute();
      // Every write but the dry run (and the preview, which writes nothing) leaves an audit entry.
      expect(audit.length).toBeGreaterThanOrEqual(
        ROUTES.filter((r) => r.method !== 'GET' && !label(r).includes('dryRun') && !label(r).includes('preview')).length,
      );
    });
  });
}
