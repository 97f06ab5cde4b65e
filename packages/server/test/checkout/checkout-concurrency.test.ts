import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, createCheckoutTestShop, type CheckoutTestShop, type TestDatabase } from '@terroir/core/testing';
import { startStripeTestServer, type StripeTestServer } from '@terroir/stripe-test-server';
import { startServerProcess } from '../support/start-server-process';

const SERVER_SCRIPT = fileURLToPath(new URL('./checkout-server-process.ts', import.meta.url));

/** Starts one checkout server as a separate Node process; resolves with its base URL. */
const startCheckoutProcess = (env: Record<string, string>) => startServerProcess(SERVER_SCRIPT, env);

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

let stripeServer: StripeTestServer;
beforeAll(async () => {
  stripeServer = await startStripeTestServer();
});
afterAll(() => stripeServer.close());

for (const dialect of TEST_DIALECTS) {
  describe(`checkout concurrency across two server processes on ${dialect.name}`, () => {
    let database: TestDatabase;
    let shop: CheckoutTestShop;
    let servers: { url: string; child: ChildProcess }[] = [];

    beforeEach(async () => {
      database = await dialect.open();
      shop = await createCheckoutTestShop(database.db, { stock: 5 });
      const env = { TERROIR_DB_URL: database.url, TERROIR_DB_SCHEMA: database.schema ?? '', STRIPE_TEST_PORT: String(stripeServer.port) };
      servers = await Promise.all([startCheckoutProcess(env), startCheckoutProcess(env)]);
    }, 60_000);
    afterEach(async () => {
      await Promise.all(servers.map((s) => stopProcess(s.child)));
      await database.destroy();
    });

    it('50 simultaneous checkouts for 5 in stock: exactly 5 reservations, 45 clear sold-out answers, stock 0', async () => {
      const body = JSON.stringify({
        lines: [{ variantId: shop.pearVariantId, quantity: 1 }],
        fulfilment: { type: 'pickup', pickupPointId: shop.pickupPointId },
        locale: 'en',
      });
      const responses = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          fetch(`${servers[i % 2]!.url}/v1/coops/${shop.coopSlug}/checkout`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': `concurrent-${i}` },
            body,
          }).then(async (res) => ({ status: res.status, body: (await res.json()) as any, server: i % 2 })),
        ),
      );
      const created = responses.filter((r) => r.status === 201);
      const soldOut = responses.filter((r) => r.status === 409);
      expect(created).toHaveLength(5);
      expect(soldOut).toHaveLength(45);
      for (const r of soldOut) {
        expect(r.body.error.code).toBe('sold_out');
        expect(r.body.error.issues[0]).toMatchObject({ code: 'out_of_stock', available: 0 });
      }
      // Both processes served requests: the race really crossed process boundaries.
      expect(new Set(responses.map((r) => r.server)).size).toBe(2);
      const stock = await database.db.selectFrom('variants').select('stock_on_hand').where('id', '=', shop.pearVariantId).executeTakeFirstOrThrow();
      expect(Number(stock.stock_on_hand)).toBe(0);
      const reservations = await database.db.selectFrom('stock_reservations').selectAll().execute();
      expect(reservations).toHaveLength(5);
      expect(reservations.every((r) => r.status === 'held' && Number(r.quantity) === 1)).toBe(true);
      const orders = await database.db.selectFrom('orders').select(['id', 'payment_session_ref']).execute();
      expect(orders).toHaveLength(5);
      expect(orders.every((o) => o.payment_session_ref?.startsWith('cs_test_'))).toBe(true);
    });

    it('the same Idempotency-Key sent to both processes at once makes one order and one session', async () => {
      const body = JSON.stringify({
        lines: [{ variantId: shop.pearVariantId, quantity: 2 }],
        fulfilment: { type: 'pickup', pickupPointId: shop.pickupPointId },
        locale: 'zh-CN',
      });
      const sessionsBefore = stripeServer.sessions.size;
      const responses = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          fetch(`${servers[i % 2]!.url}/v1/coops/${shop.coopSlug}/checkout`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': 'one-key' },
            body,
          }).then(async (res) => ({ status: res.status, body: (await res.json()) as any })),
        ),
      );
      const orders = await database.db.selectFrom('orders').selectAll().execute();
      expect(orders).toHaveLength(1);
      const stock = await database.db.selectFrom('variants').select('stock_on_hand').where('id', '=', shop.pearVariantId).executeTakeFirstOrThrow();
      expect(Number(stock.stock_on_hand)).toBe(3);
      // Each answer is the one checkout, or "still in progress, retry" while the first request
      // of the key is talking to Stripe; never a second order or a second session.
      expect(responses.some((r) => r.status === 201)).toBe(true);
      for (const r of responses) {
        if (r.status === 409) {
          expect(r.body.error.code).toBe('checkout_in_progress');
          continue;
        }
        expect(r.status).toBe(201);
        expect(r.body.checkout.orderId).toBe(orders[0]!.id);
        expect(r.body.checkout.redirectUrl).toContain(orders[0]!.payment_session_ref);
      }
      const retried = await fetch(`${servers[1]!.url}/v1/coops/${shop.coopSlug}/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'one-key' },
        body,
      });
      expect(retried.status).toBe(201);
      expect(((await retried.json()) as any).checkout.orderId).toBe(orders[0]!.id);
      expect(stripeServer.sessions.size - sessionsBefore).toBe(1);
    });
  });
}
