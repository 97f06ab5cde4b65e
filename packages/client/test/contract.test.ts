// The contract: the real storefront (SQLite and PostgreSQL), called through @terroir/client, answers
// bodies that match docs/openapi.json — the document the client's types are generated from. A
// response that drifts from the document (a renamed, missing or undocumented field, an
// undocumented status) fails here, so the types the widgets, example site and admin app use
// cannot silently lie.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentProvider } from '@terroir/core';
import { FIXTURE_NOW, TEST_DIALECTS, createCheckoutTestShop, seedStorefrontFixture, type CheckoutTestShop, type TestDatabase } from '@terroir/core/testing';
import { createStorefront } from '@terroir/server';
import { createTerroirClient, type TerroirClient } from '../src/index';
import { responseMismatch } from './openapi-validator';

/** A payment provider that only hands out a redirect: enough for checkout's documented 201. */
const fakePayments: PaymentProvider = {
  name: 'contract_fake',
  async createPayment(request) {
    return {
      redirectUrl: `https://pay.example/session/${request.orderId}`,
      providerRef: `fake_${request.orderId}`,
      expiresAt: new Date(Date.now() + 30 * 60_000),
    };
  },
  async verifyWebhook() {
    return null;
  },
  async refund() {
    return { refundRef: 'fake_refund', status: 'succeeded' };
  },
};

for (const dialect of TEST_DIALECTS) {
  describe(`storefront contract through @terroir/client on ${dialect.name}`, () => {
    let database: TestDatabase;
    let shop: CheckoutTestShop;
    let client: TerroirClient;

    beforeAll(async () => {
      database = await dialect.open();
      await seedStorefrontFixture(database.db);
      shop = await createCheckoutTestShop(database.db, { slug: 'checkout-shop', stock: 5 });
      const storefront = createStorefront({
        db: database.db,
        now: () => FIXTURE_NOW,
        checkout: {
          database,
          payments: fakePayments,
          publicBaseUrl: 'https://village.example.cn/api',
          limits: { client: { openCheckouts: 2 } },
          clientIp: () => '203.0.113.9',
        },
      });
      // The client's fetch goes to the Hono app in-process: the same Request a browser would send.
      client = createTerroirClient({
        baseUrl: 'https://village.example.cn/api',
        fetch: (request) => Promise.resolve(storefront.request(request.url.replace('https://village.example.cn/api', ''), request)),
      });
    });
    afterAll(() => database.destroy());

    /** Asserts the call's status and that its body (data or error) is what the document says. */
    const expectDocumented = (operationId: string, result: { data?: unknown; error?: unknown; response: Response }, status: number) => {
      expect(result.response.status).toBe(status);
      expect(responseMismatch(operationId, result.response.status, result.data ?? result.error)).toBeNull();
    };

    it('cooperative profile, and 404 for an unknown cooperative', async () => {
      const found = await client.GET('/v1/coops/{coop}', { params: { path: { coop: 'laiyang-pear' }, query: { lang: 'en' } } });
      expectDocumented('getCooperative', found, 200);
      expect(found.data?.cooperative.slug).toBe('laiyang-pear');
      const missing = await client.GET('/v1/coops/{coop}', { params: { path: { coop: 'no-such-coop' } } });
      expectDocumented('getCooperative', missing, 404);
      expect(missing.error?.error.code).toBeTruthy();
    });

    it('product list (both locales, a filter), product detail, and a 400 naming the field', async () => {
      for (const lang of ['zh-CN', 'en'] as const) {
        const list = await client.GET('/v1/coops/{coop}/products', { params: { path: { coop: 'laiyang-pear' }, query: { lang, limit: 50 } } });
        expectDocumented('listProducts', list, 200);
        expect(list.data?.items.length).toBeGreaterThan(2);
      }
      const detail = await client.GET('/v1/coops/{coop}/products/{product}', {
        params: { path: { coop: 'laiyang-pear', product: 'pear-5jin' }, query: { lang: 'en' } },
      });
      expectDocumented('getProduct', detail, 200);
      expect(detail.data?.product.variants.length).toBeGreaterThan(0);
      const bad = await client.GET('/v1/coops/{coop}/products', { params: { path: { coop: 'laiyang-pear' }, query: { limit: 5000 } } });
      expectDocumented('listProducts', bad, 400);
      expect(bad.error?.error.field).toBe('limit');
      const gone = await client.GET('/v1/coops/{coop}/products/{product}', { params: { path: { coop: 'laiyang-pear', product: 'no-such-product' } } });
      expectDocumented('getProduct', gone, 404);
    });

    it('story list, story detail and producer detail', async () => {
      const stories = await client.GET('/v1/coops/{coop}/stories', { params: { path: { coop: 'laiyang-pear' }, query: { lang: 'zh-CN' } } });
      expectDocumented('listStories', stories, 200);
      expect(stories.data?.items.length).toBeGreaterThan(0);
      const story = await client.GET('/v1/coops/{coop}/stories/{story}', {
        params: { path: { coop: 'laiyang-pear', story: 'pear-grafting' }, query: { lang: 'en' } },
      });
      expectDocumented('getStory', story, 200);
      const producer = await client.GET('/v1/coops/{coop}/producers/{producer}', {
        params: { path: { coop: 'laiyang-pear', producer: 'wang-orchard' }, query: { lang: 'en' } },
      });
      expectDocumented('getProducer', producer, 200);
    });

    it('search, suggestions, and a 400 for an over-long query', async () => {
      const found = await client.GET('/v1/coops/{coop}/search', { params: { path: { coop: 'laiyang-pear' }, query: { q: 'lyl', lang: 'en' } } });
      expectDocumented('search', found, 200);
      expect(found.data?.items[0]?.slug).toBe('pear-5jin');
      const suggested = await client.GET('/v1/coops/{coop}/search/suggest', { params: { path: { coop: 'laiyang-pear' }, query: { q: '秋' } } });
      expectDocumented('suggest', suggested, 200);
      expect(suggested.data?.items.map((i) => i.slug)).toEqual(['pear-paste']);
      const tooLong = await client.GET('/v1/coops/{coop}/search', { params: { path: { coop: 'laiyang-pear' }, query: { q: '梨'.repeat(201) } } });
      expectDocumented('search', tooLong, 400);
    });

    it('fulfilment, a cart quote, a 422 quote and a 400 quote body', async () => {
      const fulfilment = await client.GET('/v1/coops/{coop}/fulfilment', { params: { path: { coop: 'checkout-shop' } } });
      expectDocumented('getFulfilment', fulfilment, 200);
      const quote = await client.POST('/v1/coops/{coop}/cart/quote', {
        params: { path: { coop: 'checkout-shop' } },
        body: { lines: [{ variantId: shop.pearVariantId, quantity: 2 }], fulfilment: { type: 'pickup', pickupPointId: shop.pickupPointId } },
      });
      expectDocumented('quoteCart', quote, 200);
      expect(quote.data?.quote.subtotalMinor).toBe(2 * 6800);
      const unknown = await client.POST('/v1/coops/{coop}/cart/quote', {
        params: { path: { coop: 'checkout-shop' } },
        body: { lines: [{ variantId: 'var_nope', quantity: 1 }] },
      });
      expect([200, 422]).toContain(unknown.response.status);
      expect(responseMismatch('quoteCart', unknown.response.status, unknown.data ?? unknown.error)).toBeNull();
      const hostile = await client.POST('/v1/coops/{coop}/cart/quote', { params: { path: { coop: 'checkout-shop' } }, body: { lines: [] } });
      expectDocumented('quoteCart', hostile, 400);
    });

    it('checkout (201), its receipt, and refusals (400, 409, 422, 429) in the documented shapes', async () => {
      const created = await client.POST('/v1/coops/{coop}/checkout', {
        params: { path: { coop: 'checkout-shop' }, header: { 'Idempotency-Key': `contract-${dialect.name}-1` } },
        body: { lines: [{ variantId: shop.pearVariantId, quantity: 1 }], fulfilment: { type: 'pickup', pickupPointId: shop.pickupPointId }, locale: 'en' },
      });
      expect(created.error).toBeUndefined();
      expectDocumented('checkout', created, 201);
      const token = new URL(created.data!.checkout.receiptUrl).pathname.split('/').pop()!;
      const receipt = await client.GET('/v1/orders/{token}', { params: { path: { token } } });
      expectDocumented('getOrderReceipt', receipt, 200);
      expect(receipt.data?.order.totalMinor).toBe(6800);
      const noReceipt = await client.GET('/v1/orders/{token}', { params: { path: { token: 'x'.repeat(32) } } });
      expectDocumented('getOrderReceipt', noReceipt, 404);
      const tooMany = await client.POST('/v1/coops/{coop}/checkout', {
        params: { path: { coop: 'checkout-shop' }, header: { 'Idempotency-Key': `contract-${dialect.name}-2` } },
        body: { lines: [{ variantId: shop.basketVariantId, quantity: 9 }], fulfilment: { type: 'pickup', pickupPointId: shop.pickupPointId }, locale: 'zh-CN' },
      });
      expectDocumented('checkout', tooMany, 409);
      expect(tooMany.error?.error.issues?.[0]).toMatchObject({ available: 3 });
      const nowhere = await client.POST('/v1/coops/{coop}/checkout', {
        params: { path: { coop: 'checkout-shop' }, header: { 'Idempotency-Key': `contract-${dialect.name}-4` } },
        body: { lines: [{ variantId: shop.pearVariantId, quantity: 1 }], fulfilment: { type: 'pickup', pickupPointId: 'pp_nowhere' }, locale: 'en' },
      });
      expectDocumented('checkout', nowhere, 422);
      // Hostile: not the documented body at all.
      const hostile = await client.POST('/v1/coops/{coop}/checkout', {
        params: { path: { coop: 'checkout-shop' }, header: { 'Idempotency-Key': `contract-${dialect.name}-3` } },
        body: { lines: 'all of them' } as never,
      });
      // Without the documented header: refused with the header named, in the documented shape.
      const noKey = await client.POST('/v1/coops/{coop}/checkout', {
        params: { path: { coop: 'checkout-shop' } } as never,
        body: { lines: [{ variantId: shop.pearVariantId, quantity: 1 }], fulfilment: { type: 'pickup', pickupPointId: shop.pickupPointId }, locale: 'en' },
      });
      expectDocumented('checkout', noKey, 400);
      expect(noKey.error?.error.field).toBe('Idempotency-Key');
      // A second open checkout fills this client's limit (2): the third is a documented 429.
      const pickup = { type: 'pickup' as const, pickupPointId: shop.pickupPointId };
      const second = await client.POST('/v1/coops/{coop}/checkout', {
        params: { path: { coop: 'checkout-shop' }, header: { 'Idempotency-Key': `contract-${dialect.name}-5` } },
        body: { lines: [{ variantId: shop.pearVariantId, quantity: 1 }], fulfilment: pickup, locale: 'en' },
      });
      expectDocumented('checkout', second, 201);
      const limited = await client.POST('/v1/coops/{coop}/checkout', {
        params: { path: { coop: 'checkout-shop' }, header: { 'Idempotency-Key': `contract-${dialect.name}-6` } },
        body: { lines: [{ variantId: shop.pearVariantId, quantity: 1 }], fulfilment: pickup, locale: 'zh-CN' },
      });
      expectDocumented('checkout', limited, 429);
      expect(limited.error?.error.retryAfter).toBeGreaterThan(0);
      expectDocumented('checkout', hostile, 400);
    });

    it('the validator itself refuses a drifted body (a renamed field, an undocumented one)', () => {
      expect(responseMismatch('getCooperative', 200, { cooperative: { slug: 'x' } })).toMatch(/must have required property/);
      expect(responseMismatch('getOrderReceipt', 404, { error: { code: 'not_found', message: 'x', stack: 'leak' } })).toMatch(
        /must NOT have additional properties/,
      );
      expect(responseMismatch('getOrderReceipt', 418, {})).toMatch(/not documented/);
    });
  });
}
