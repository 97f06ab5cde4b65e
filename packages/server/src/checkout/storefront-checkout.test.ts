import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, createCheckoutTestShop, type CheckoutTestShop, type TestDatabase } from '@terroir/core/testing';
import { startStripeTestServer, type StripeTestServer } from '@terroir/stripe-test-server';
import { StripeProvider, createStripeClient } from '../payments/stripe-provider';
import { createStorefront } from '../storefront';

let stripeServer: StripeTestServer;
beforeAll(async () => {
  stripeServer = await startStripeTestServer();
});
afterAll(() => stripeServer.close());

for (const dialect of TEST_DIALECTS) {
  describe(`checkout mounted in createStorefront on ${dialect.name}`, () => {
    let database: TestDatabase;
    let shop: CheckoutTestShop;
    let app: ReturnType<typeof createStorefront>;
    beforeEach(async () => {
      database = await dialect.open();
      shop = await createCheckoutTestShop(database.db, { stock: 5 });
      const stripe = createStripeClient({ secretKey: 'sk_test_terroir', host: '127.0.0.1', port: stripeServer.port, protocol: 'http', maxNetworkRetries: 0 });
      app = createStorefront({
        db: database.db,
        checkout: { database, payments: new StripeProvider({ stripe, webhookSecret: 'whsec_x' }), publicBaseUrl: 'https://village.example.cn/api' },
      });
    });
    afterEach(() => database.destroy());

    it('answers checkout with the storefront CORS, error format and OpenAPI document', async () => {
      const body = JSON.stringify({
        lines: [{ variantId: shop.pearVariantId, quantity: 1 }],
        fulfilment: { type: 'pickup', pickupPointId: shop.pickupPointId },
        locale: 'en',
      });
      const allowed = await app.request(`/v1/coops/${shop.coopSlug}/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://village.example.cn', 'idempotency-key': 'k1' },
        body,
      });
      expect(allowed.status).toBe(201);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://village.example.cn');
      const stranger = await app.request(`/v1/coops/${shop.coopSlug}/cart/quote`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
        body,
      });
      expect(stranger.status).toBe(200);
      expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await app.request(`/v1/coops/${shop.coopSlug}/checkout`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://village.example.cn',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type, idempotency-key',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
      const unknown = await app.request('/v1/coops/nowhere/checkout', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'k2' },
        body,
      });
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as any).error.code).toBe('not_found');
      const doc = (await (await app.request('/openapi.json')).json()) as any;
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/coops/{coop}/checkout', '/v1/coops/{coop}/cart/quote', '/v1/orders/{token}']));
    });
  });
}
