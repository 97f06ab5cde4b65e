import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { abandonOrder, openDatabase, type TerroirDatabase } from '@terroir/core';
import { TEST_DIALECTS, createCheckoutTestShop, type CheckoutTestShop, type TestDatabase } from '@terroir/core/testing';
import { startStripeTestServer, type StripeTestServer } from '@terroir/stripe-test-server';
import { StripeProvider, createStripeClient } from '../payments/stripe-provider';
import { checkoutRoutes } from './checkout-routes';

// Issue 14 #8: one client looping POST …/checkout could hold a village's whole harvest.

let stripeServer: StripeTestServer;
beforeAll(async () => {
  stripeServer = await startStripeTestServer();
});
afterAll(() => stripeServer.close());

const LIMITS = { client: { openCheckouts: 3, heldUnits: 10 }, cooperative: { openCheckouts: 8, heldUnits: 40 } };

for (const dialect of TEST_DIALECTS) {
  describe(`checkout abuse limits on ${dialect.name}`, () => {
    let database: TestDatabase;
    let second: TerroirDatabase;
    let shop: CheckoutTestShop;
    let apps: Array<ReturnType<typeof checkoutRoutes>>;
    let seq = 0;

    beforeEach(async () => {
      database = await dialect.open();
      // PostgreSQL: a second pool on the same database, as a second server process has.
      // (Two SQLite handles in one thread would block each other synchronously; there the
      // write lock is what serialises processes, and one handle serves both apps.)
      second =
        dialect.name === 'postgres'
          ? await openDatabase({ url: database.url, ...(database.schema ? { schema: database.schema } : {}), migrate: false })
          : { ...database, close: async () => undefined };
      shop = await createCheckoutTestShop(database.db, { stock: 200, maxLineQuantity: 50 });
      const stripe = createStripeClient({ secretKey: 'sk_test_terroir', host: '127.0.0.1', port: stripeServer.port, protocol: 'http', maxNetworkRetries: 0 });
      const payments = new StripeProvider({ stripe, webhookSecret: 'whsec_test' });
      const options = {
        payments,
        publicBaseUrl: 'https://village.example.cn/api',
        limits: LIMITS,
        clientIp: (c: { req: { header(name: string): string | undefined } }) => c.req.header('x-test-ip'),
      };
      apps = [checkoutRoutes({ database, ...options }), checkoutRoutes({ database: second, ...options })];
    });
    afterEach(async () => {
      await second.close();
      await database.destroy();
    });

    const checkout = (quantity: number, headers: Record<string, string>, locale: 'zh-CN' | 'en' = 'zh-CN') =>
      apps[seq % 2]!.request(`/v1/coops/${shop.coopSlug}/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `limit-${dialect.name}-${++seq}`, ...headers },
        body: JSON.stringify({
          lines: [{ variantId: shop.pearVariantId, quantity }],
          fulfilment: { type: 'pickup', pickupPointId: shop.pickupPointId },
          locale,
        }),
      });
    const held = async () =>
      Number(
        (
          await database.db
            .selectFrom('stock_reservations')
            .select((eb) => eb.fn.sum<number>('quantity').as('n'))
            .where('status', '=', 'held')
            .executeTakeFirstOrThrow()
        ).n ?? 0,
      );

    it('20 parallel checkouts from one IP through two app instances (two pools on PostgreSQL): exactly 3 hold stock, the rest get 429 with Retry-After', async () => {
      const responses = await Promise.all(Array.from({ length: 20 }, () => checkout(1, { 'x-test-ip': '203.0.113.5' })));
      const statuses = responses.map((r) => r.status);
      // Before the limits every one of them was 201 and held a unit.
      expect(statuses.filter((s) => s === 201)).toHaveLength(3);
      expect(statuses.filter((s) => s === 429)).toHaveLength(17);
      const refused = responses.find((r) => r.status === 429)!;
      const body = await refused.json();
      expect(body.error.code).toBe('checkout_limit_reached');
      expect(body.error.message).toContain('未付款');
      expect(body.error.retryAfter).toBeGreaterThan(30 * 60 - 60);
      expect(refused.headers.get('retry-after')).toBe(String(body.error.retryAfter));
      expect(await held()).toBe(3);
      const english = await checkout(1, { 'x-test-ip': '203.0.113.5' }, 'en');
      expect((await english.json()).error.message).toMatch(/unpaid checkouts/);
      // Another address is its own client.
      expect((await checkout(1, { 'x-test-ip': '203.0.113.6' })).status).toBe(201);
    });

    it('limits held units per client, and counts a cart token across addresses', async () => {
      expect((await checkout(8, { 'x-test-ip': '198.51.100.1' })).status).toBe(201);
      expect((await checkout(3, { 'x-test-ip': '198.51.100.1' })).status).toBe(429);
      expect((await checkout(2, { 'x-test-ip': '198.51.100.1' })).status).toBe(201);
      const cart = { 'x-cart-token': 'cart_0123456789abcdef' };
      for (const ip of ['198.51.100.10', '198.51.100.11', '198.51.100.12']) expect((await checkout(1, { ...cart, 'x-test-ip': ip })).status).toBe(201);
      expect((await checkout(1, { ...cart, 'x-test-ip': '198.51.100.13' })).status).toBe(429);
    });

    it('caps the cooperative as a whole against many addresses, and a hold that ends frees its room', async () => {
      const responses = await Promise.all(Array.from({ length: 14 }, (_, i) => checkout(1, { 'x-test-ip': `192.0.2.${i + 1}` })));
      expect(responses.filter((r) => r.status === 201)).toHaveLength(8);
      expect(await held()).toBe(8);
      const first = await responses.find((r) => r.status === 201)!.json();
      await abandonOrder(database, first.checkout.orderId, 'test');
      expect((await checkout(1, { 'x-test-ip': '192.0.2.200' })).status).toBe(201);
      expect((await checkout(1, { 'x-test-ip': '192.0.2.201' })).status).toBe(429);
    });
  });
}
