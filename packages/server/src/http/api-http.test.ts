import { request as httpRequest, Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { compress } from 'hono/compress';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, createCheckoutTestShop, type CheckoutTestShop, type TestDatabase } from '@terroir/core/testing';
import {
  ApiTokenRecord,
  AuditPage,
  CheckoutSettingsRecord,
  MediaRecord,
  FulfilmentOptionRecord,
  offsetPage,
  OrderPage,
  SettingsRecord,
  OrderRecord,
  ProducerRecord,
  ProductListItem,
  ProductRecord,
  StoryRecord,
} from '../admin/admin-records';
import { adminFixture, snapshotTables } from '../../test/support/admin-test-fixture';
import { createStorefront } from '../storefront';
import { StripeProvider, createStripeClient } from '../payments/stripe-provider';

type Fixture = Awaited<ReturnType<typeof adminFixture>>;

/** Sends one request over a keep-alive agent and reads the whole answer. */
function send(port: number, agent: Agent, options: { method: string; path: string; headers?: Record<string, string>; body?: Buffer | string }) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, agent, method: options.method, path: options.path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    // The server may answer 413 and close before the whole body is written: that is the point.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    req.end(options.body);
  });
}

for (const dialect of TEST_DIALECTS) {
  describe(`one HTTP error path on ${dialect.name}`, () => {
    let database: TestDatabase;
    let f: Fixture;
    let shopDatabase: TestDatabase;
    let shop: CheckoutTestShop;
    let storefront: ReturnType<typeof createStorefront>;
    beforeAll(async () => {
      database = await dialect.open();
      f = await adminFixture(database);
      shopDatabase = await dialect.open();
      shop = await createCheckoutTestShop(shopDatabase.db, { stock: 5 });
      const payments = new StripeProvider({
        stripe: createStripeClient({ secretKey: 'sk_test_http', host: '127.0.0.1', port: 9, protocol: 'http', maxNetworkRetries: 0 }),
        webhookSecret: 'whsec_http',
      });
      storefront = createStorefront({ db: shopDatabase.db, checkout: { database: shopDatabase, payments, publicBaseUrl: 'https://village.example.cn/api' } });
    });
    afterAll(async () => {
      await database.destroy();
      await shopDatabase.destroy();
    });

    it('refuses control characters in admin text fields, naming the field; tab and newline only in multi-line text', async () => {
      const owner = await f.sessionOf('ownerA');
      const before = await snapshotTables(database);
      const cases: Array<[unknown, string]> = [
        [{ slug: 'nul', category: 'fresh', title: { 'zh-CN': '\u0000' } }, 'title.zh-CN'],
        [{ slug: 'esc', category: 'fresh', title: { en: 'pear\u001b[31m' } }, 'title.en'],
        [{ slug: 'newline', category: 'fresh', title: { en: 'two\nlines' } }, 'title.en'],
        [{ slug: 'del', category: 'fresh', title: {}, description: { en: 'bell\u0007' } }, 'description.en'],
        [{ slug: 'tag', category: 'fresh', title: {}, tags: ['a\tb'] }, 'tags[0]'],
      ];
      for (const [body, field] of cases) {
        const response = await f.call('POST', '/admin/api/coops/coop-a/products', { as: owner, body });
        const answer = await response.json();
        expect(response.status, JSON.stringify(body)).toBe(400);
        expect(answer.error).toMatchObject({ code: 'invalid_body', field });
      }
      expect(await snapshotTables(database)).toBe(before);
      const multiLine = await f.call('POST', '/admin/api/coops/coop-a/products', {
        as: owner,
        body: { slug: 'multi-line', category: 'fresh', title: { en: 'Pear' }, description: { en: 'First line\r\n\tindented second' } },
      });
      expect(multiLine.status).toBe(201);
      expect((await multiLine.json()).product.description.en).toBe('First line\r\n\tindented second');
    });

    it('answers admin records the way the OpenAPI document describes them', async () => {
      const editor = await f.sessionOf('editorA');
      const get = async (path: string) => (await f.call('GET', `/admin/api/coops/coop-a${path}`, { as: editor })).json();
      const checks: Array<[string, { safeParse(value: unknown): { success: boolean; error?: unknown } }, unknown]> = [
        ['producer', ProducerRecord, (await get(`/producers/${f.coops.a.producer.id}`)).producer],
        ['product', ProductRecord, (await get(`/products/${f.coops.a.product.id}`)).product],
        ['story', StoryRecord, (await get(`/stories/${f.coops.a.story.id}`)).story],
        ['producer page', offsetPage(ProducerRecord, 'ProducerPage'), await get('/producers')],
        ['product page', offsetPage(ProductListItem, 'ProductPage'), await get('/products')],
        ['story page', offsetPage(StoryRecord, 'StoryPage'), await get('/stories')],
      ];
      const owner = await f.sessionOf('ownerA');
      const asOwner = async (path: string) => (await f.call('GET', `/admin/api/coops/coop-a${path}`, { as: owner })).json();
      checks.push(['order', OrderRecord, (await asOwner(`/orders/${f.coops.a.order.id}`)).order], ['order page', OrderPage, await asOwner('/orders')]);
      const fulfilment = await get('/fulfilment');
      expect(fulfilment.options.length).toBeGreaterThan(0);
      checks.push(
        ['settings', SettingsRecord, (await get('/settings')).settings],
        ['checkout settings', CheckoutSettingsRecord, fulfilment.checkout],
        ...fulfilment.options.map((option: unknown) => ['fulfilment option', FulfilmentOptionRecord, option] as (typeof checks)[number]),
      );
      // A write, so the audit log has an entry of this test's own.
      expect((await f.call('POST', '/admin/api/coops/coop-a/tokens', { as: owner, body: { name: 'records check', role: 'editor' } })).status).toBe(201);
      const tokens = (await asOwner('/tokens')).items;
      const audit = await asOwner('/audit');
      const media = (await get('/media')).items;
      expect(tokens.length).toBeGreaterThan(0);
      expect(audit.items.length).toBeGreaterThan(0);
      expect(media.length).toBeGreaterThan(0);
      checks.push(
        ['audit page', AuditPage, audit],
        ...tokens.map((token: unknown) => ['token', ApiTokenRecord, token] as (typeof checks)[number]),
        ...media.map((item: unknown) => ['media', MediaRecord, item] as (typeof checks)[number]),
      );
      for (const [name, schema, value] of checks) {
        const result = schema.safeParse(value);
        expect(result.success, `${name}: ${JSON.stringify(result.error)}`).toBe(true);
      }
    });

    it('refuses control characters in storefront parameters and checkout text with a 4xx naming the field', async () => {
      const search = await storefront.request(`/v1/coops/${shop.coopSlug}/products?q=${encodeURIComponent('梨\u0000')}`);
      expect(search.status).toBe(400);
      expect((await search.json()).error).toMatchObject({ code: 'invalid_parameter', field: 'q' });
      const quote = await storefront.request(`/v1/coops/${shop.coopSlug}/cart/quote`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lines: [{ variantId: shop.pearVariantId, quantity: 1 }], fulfilment: { type: 'delivery', region: 'shan\u0000dong' } }),
      });
      expect([400, 422]).toContain(quote.status);
      expect((await quote.json()).error.field).toBe('fulfilment.region');
    });

    it('answers a body that is not JSON with 400 invalid_json and another content type with 415, storefront and admin alike', async () => {
      const owner = await f.sessionOf('ownerA');
      const quotePath = `/v1/coops/${shop.coopSlug}/cart/quote`;
      const storefrontBroken = await storefront.request(quotePath, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"lines": [' });
      expect(storefrontBroken.status).toBe(400);
      expect((await storefrontBroken.json()).error.code).toBe('invalid_json');
      const storefrontForm = await storefront.request(quotePath, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'lines=1',
      });
      expect(storefrontForm.status).toBe(415);
      expect((await storefrontForm.json()).error.code).toBe('unsupported_media_type');
      const adminBroken = await f.call('POST', '/admin/api/coops/coop-a/producers', { as: owner, rawBody: '{"slug":' });
      expect(adminBroken.status).toBe(400);
      expect((await adminBroken.json()).error.code).toBe('invalid_json');
      const shapeError = await storefront.request(quotePath, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"lines":"many"}' });
      expect(shapeError.status).toBe(400);
      expect((await shapeError.json()).error).toMatchObject({ code: 'invalid_body', field: 'lines' });
    });

    it('sends X-Content-Type-Options: nosniff on every API answer, errors and 304s included', async () => {
      const owner = await f.sessionOf('ownerA');
      const list = await storefront.request(`/v1/coops/${shop.coopSlug}/products`);
      const answers = [
        list,
        await storefront.request(`/v1/coops/${shop.coopSlug}/products`, { headers: { 'if-none-match': list.headers.get('etag') ?? '' } }),
        await storefront.request('/v1/coops/nowhere/products'),
        await storefront.request('/v1/nothing-here'),
        await storefront.request(`/v1/coops/${shop.coopSlug}/products?limit=0`),
        await storefront.request('/openapi.json'),
        await f.call('GET', '/admin/api/coops/coop-a/settings', { as: owner }),
        await f.call('GET', '/admin/api/coops/coop-a/settings'),
        await f.call('GET', '/admin/api/nothing-here', { as: owner }),
        await f.call('GET', '/admin/api/openapi.json'),
      ];
      expect(answers[1]!.status).toBe(304);
      for (const answer of answers) expect(answer.headers.get('x-content-type-options'), `${answer.status} ${answer.url}`).toBe('nosniff');
    });

    it('answers an unknown /admin/api path with its own JSON 404, even in front of a gzipping pages app', async () => {
      const host = new Hono();
      host.route('/', f.app);
      // What the demo mounts after the admin: pages that compress everything they answer.
      const pages = new Hono();
      pages.use(compress());
      pages.get('*', (c) => c.html(`<!doctype html><p>${'page '.repeat(400)}</p>`));
      host.route('/', pages);
      for (const path of ['/admin/api/nothing-here', '/admin/api/coops', '/admin/api/v2/products']) {
        const response = await host.request(`http://admin.village.test${path}`, { headers: { 'accept-encoding': 'gzip' } });
        expect(response.status, path).toBe(404);
        expect(response.headers.get('content-type')).toMatch(/^application\/json/);
        const bytes = Buffer.from(await response.arrayBuffer());
        const text = response.headers.get('content-encoding') === 'gzip' ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
        expect(JSON.parse(text).error.code).toBe('not_found');
      }
    });

    it('keeps a keep-alive connection usable after a 413 (Connection: close, the client opens a new one)', async () => {
      const host = new Hono();
      host.route('/', f.app);
      host.route('/api', storefront);
      const server = serve({ fetch: host.fetch, port: 0, hostname: '127.0.0.1' });
      await new Promise<void>((resolve) => server.once('listening', () => resolve()));
      const port = (server.address() as AddressInfo).port;
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const owner = await f.sessionOf('ownerA');
        const adminHeaders = {
          cookie: owner.cookie,
          'x-csrf-token': owner.csrf,
          origin: 'https://admin.village.test',
          host: 'admin.village.test',
          'content-type': 'application/json',
        };
        const big = Buffer.alloc(2 * 1024 * 1024, 'a');
        const tooLarge = await send(port, agent, { method: 'POST', path: '/admin/api/coops/coop-a/producers', headers: adminHeaders, body: big });
        expect(tooLarge.status).toBe(413);
        expect(tooLarge.headers.connection).toBe('close');
        expect(JSON.parse(tooLarge.body).error.code).toBe('payload_too_large');
        // The next request on the same agent gets an answer, not "other side closed".
        const next = await send(port, agent, {
          method: 'GET',
          path: '/admin/api/coops/coop-a/settings',
          headers: { cookie: owner.cookie, host: 'admin.village.test' },
        });
        expect(next.status).toBe(200);
        const storefrontTooLarge = await send(port, agent, {
          method: 'POST',
          path: `/api/v1/coops/${shop.coopSlug}/cart/quote`,
          headers: { 'content-type': 'application/json' },
          body: Buffer.alloc(100 * 1024, 'a'),
        });
        expect(storefrontTooLarge.status).toBe(413);
        expect(storefrontTooLarge.headers.connection).toBe('close');
        const after = await send(port, agent, { method: 'GET', path: `/api/v1/coops/${shop.coopSlug}` });
        expect(after.status).toBe(200);
      } finally {
        agent.destroy();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  });
}
