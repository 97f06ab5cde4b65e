import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priceCart } from '@terroir/core';
import { TEST_DIALECTS, createCheckoutTestShop, propertyParameters, propertyTimeout, type CheckoutTestShop, type TestDatabase } from '@terroir/core/testing';
import { StripeProvider, createStripeClient } from '../payments/stripe-provider';
import { checkoutRoutes } from './checkout-routes';

/*
 * At the API boundary: whatever price, total or fee fields a client adds to a cart (at the
 * top, per line, inside the fulfilment), the quote the server answers is core's own pricing
 * of the variant ids and quantities alone.
 */

const forged = fc.record(
  {
    priceMinor: fc.integer({ min: -1_000_000, max: 1_000_000 }),
    unitPriceMinor: fc.constantFrom(0, 1, -1),
    lineTotalMinor: fc.constant(0),
    totalMinor: fc.constantFrom(0, -100, 1),
    subtotalMinor: fc.constant(0),
    fulfilmentFeeMinor: fc.constantFrom(0, -800),
    currency: fc.constantFrom('USD', 'JPY'),
  },
  { requiredKeys: [] },
);

for (const dialect of TEST_DIALECTS) {
  describe(`cart quote property on ${dialect.name}`, () => {
    let database: TestDatabase;
    let shop: CheckoutTestShop;
    let app: ReturnType<typeof checkoutRoutes>;
    beforeAll(async () => {
      database = await dialect.open();
      shop = await createCheckoutTestShop(database.db, { stock: 20 });
      // Quotes never reach the payment provider: a client with no server behind it will do.
      const payments = new StripeProvider({
        stripe: createStripeClient({ secretKey: 'sk_test_quote', host: '127.0.0.1', port: 9, protocol: 'http', maxNetworkRetries: 0 }),
        webhookSecret: 'whsec_quote',
      });
      app = checkoutRoutes({ database, payments, publicBaseUrl: 'https://village.example.cn/api' });
    });
    afterAll(() => database.destroy());

    it(
      'answers core pricing of ids and quantities, ignoring every price field the client sends',
      async () => {
        const variant = fc.constantFrom<keyof CheckoutTestShop>('pearVariantId', 'basketVariantId', 'preorderVariantId');
        const line = fc
          .tuple(variant, fc.integer({ min: 1, max: 3 }), forged)
          .map(([v, quantity, extra]) => ({ ...extra, variantId: shop[v] as string, quantity }));
        const fulfilment = fc.oneof(
          fc.constant(undefined),
          forged.map((extra) => ({ ...extra, type: 'pickup' as const, pickupPointId: shop.pickupPointId })),
          fc
            .tuple(forged, fc.constantFrom('shandong', 'beijing'))
            .map(([extra, region]) => ({ ...extra, type: 'delivery' as const, region, address: { line1: 'x' } })),
        );
        await fc.assert(
          fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 4 }), fulfilment, forged, async (lines, choice, top) => {
            const res = await app.request(`/v1/coops/${shop.coopSlug}/cart/quote`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ ...top, lines, ...(choice ? { fulfilment: choice } : {}) }),
            });
            const clean = lines.map((l) => ({ variantId: l.variantId, quantity: l.quantity }));
            const cleanChoice =
              choice &&
              (choice.type === 'pickup'
                ? { type: 'pickup' as const, pickupPointId: choice.pickupPointId }
                : { type: 'delivery' as const, region: choice.region, address: choice.address });
            const expected = await priceCart(database.db, { cooperativeId: shop.coopId, lines: clean, ...(cleanChoice ? { fulfilment: cleanChoice } : {}) });
            if (!expected.ok) {
              expect(res.status).toBeGreaterThanOrEqual(400);
              expect(res.status).toBeLessThan(500);
              return;
            }
            expect(res.status).toBe(200);
            const { quote } = (await res.json()) as {
              quote: {
                currency: string;
                subtotalMinor: number;
                fulfilmentFeeMinor: number;
                totalMinor: number;
                lines: Array<{ unitPriceMinor: number; lineTotalMinor: number }>;
              };
            };
            expect({ currency: quote.currency, subtotal: quote.subtotalMinor, fee: quote.fulfilmentFeeMinor, total: quote.totalMinor }).toEqual({
              currency: expected.quote.currency,
              subtotal: expected.quote.subtotalMinor,
              fee: expected.quote.fulfilmentFeeMinor,
              total: expected.quote.totalMinor,
            });
            expect(quote.lines.map((l) => [l.unitPriceMinor, l.lineTotalMinor])).toEqual(expected.quote.lines.map((l) => [l.unitPriceMinor, l.lineTotalMinor]));
          }),
          propertyParameters(dialect.name === 'sqlite' ? 60 : 30),
        );
      },
      propertyTimeout(),
    );
  });
}
