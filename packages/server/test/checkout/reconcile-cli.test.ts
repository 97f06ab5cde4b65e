import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, createCheckoutTestShop, type CheckoutTestShop, type TestDatabase } from '@terroir/core/testing';
import { startStripeTestServer, type StripeTestServer } from '@terroir/stripe-test-server';
import { checkoutRoutes } from '../../src/checkout/checkout-routes';
import { StripeProvider, createStripeClient } from '../../src/payments/stripe-provider';

const run = promisify(execFile);
// The `terroir` executable's source, as `npx terroir reconcile` runs it.
const CLI = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));

let stripeServer: StripeTestServer;
beforeAll(async () => {
  stripeServer = await startStripeTestServer();
});
afterAll(() => stripeServer.close());

for (const dialect of TEST_DIALECTS) {
  describe(`terroir reconcile on ${dialect.name}`, () => {
    let database: TestDatabase;
    let shop: CheckoutTestShop;
    beforeEach(async () => {
      database = await dialect.open();
      shop = await createCheckoutTestShop(database.db, { stock: 5 });
    });
    afterEach(() => database.destroy());

    it('applies a completed payment whose webhook was lost, from another process', async () => {
      const stripe = createStripeClient({ secretKey: 'sk_test_terroir', host: '127.0.0.1', port: stripeServer.port, protocol: 'http', maxNetworkRetries: 0 });
      const app = checkoutRoutes({ database, payments: new StripeProvider({ stripe, webhookSecret: 'whsec_x' }), publicBaseUrl: 'http://127.0.0.1/api' });
      const res = await app.request(`/v1/coops/${shop.coopSlug}/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'cli-1' },
        body: JSON.stringify({
          lines: [{ variantId: shop.pearVariantId, quantity: 2 }],
          fulfilment: { type: 'pickup', pickupPointId: shop.pickupPointId },
          locale: 'en',
        }),
      });
      const { checkout } = (await res.json()) as { checkout: { orderId: string } };
      const order = await database.db.selectFrom('orders').selectAll().where('id', '=', checkout.orderId).executeTakeFirstOrThrow();
      await stripeServer.completeSession(order.payment_session_ref!); // no webhook delivered

      const { stdout } = await run(process.execPath, ['--import', 'tsx', CLI, 'reconcile', '--since-hours', '1'], {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        env: {
          ...process.env,
          DATABASE_URL: database.url,
          DATABASE_SCHEMA: database.schema ?? '',
          STRIPE_SECRET_KEY: 'sk_test_terroir',
          STRIPE_API_HOST: '127.0.0.1',
          STRIPE_API_PORT: String(stripeServer.port),
          STRIPE_API_PROTOCOL: 'http',
        },
      });
      const report = JSON.parse(stdout.trim().split('\n').at(-1)!);
      expect(report.outcomes.applied).toBeGreaterThanOrEqual(1);
      const after = await database.db.selectFrom('orders').select(['status', 'payment_ref']).where('id', '=', order.id).executeTakeFirstOrThrow();
      expect(after.status).toBe('paid');
      expect(after.payment_ref).toMatch(/^pi_test_/);
    });
  });
}
