import { Writable } from 'node:stream';
import { Hono } from 'hono';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countHeldReservations } from '@terroir/core';
import { TEST_DIALECTS, createCheckoutTestShop, type CheckoutTestShop, type TestDatabase } from '@terroir/core/testing';
import { startStripeTestServer, type StripeTestServer } from '@terroir/stripe-test-server';
import { StripeProvider, createStripeClient } from '../payments/stripe-provider';
import { createStorefront } from '../storefront';
import { metricsRoute } from './metrics-route';
import { createTelemetry } from './telemetry';

const WEBHOOK_SECRET = 'whsec_terroir_telemetry';
const TOKEN = 'metrics-token-0123456789';

/** Collects pino's JSON lines. */
function lineSink() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, stream };
}

let stripeServer: StripeTestServer;
beforeAll(async () => {
  stripeServer = await startStripeTestServer();
});
afterAll(() => stripeServer.close());

for (const dialect of TEST_DIALECTS) {
  describe(`request ids, JSON logs and metrics on ${dialect.name}`, () => {
    let database: TestDatabase;
    let shop: CheckoutTestShop;
    let app: Hono;
    let sink: ReturnType<typeof lineSink>;
    beforeEach(async () => {
      database = await dialect.open();
      shop = await createCheckoutTestShop(database.db, { stock: 5 });
      sink = lineSink();
      const telemetry = createTelemetry({
        destination: sink.stream,
        processMetrics: false,
        gauges: { reservationsHeld: async () => (await countHeldReservations(database.db)).reservations },
      });
      const stripe = createStripeClient({ secretKey: 'sk_test_terroir', host: '127.0.0.1', port: stripeServer.port, protocol: 'http', maxNetworkRetries: 0 });
      app = new Hono();
      app.use('*', telemetry.middleware);
      app.route(
        '/api',
        createStorefront({
          db: database.db,
          checkout: { database, payments: new StripeProvider({ stripe, webhookSecret: WEBHOOK_SECRET }), publicBaseUrl: 'https://village.example.cn/api' },
        }),
      );
      app.get('/boom', () => {
        throw new Error('kaboom');
      });
      app.route('/', metricsRoute(telemetry, { token: TOKEN }));
    });
    afterEach(() => database.destroy());

    const metrics = async () => {
      const res = await app.request('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/plain');
      return res.text();
    };
    const sample = (text: string, name: string, labels: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
      return line ? Number(line.split(' ').at(-1)) : undefined;
    };

    it('gives every response a request id, keeps a well-formed incoming one and replaces a hostile one', async () => {
      const fresh = await app.request(`/api/v1/coops/${shop.coopSlug}`);
      expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const kept = await app.request(`/api/v1/coops/${shop.coopSlug}`, { headers: { 'x-request-id': 'lb-7f3a9c21' } });
      expect(kept.headers.get('x-request-id')).toBe('lb-7f3a9c21');
      const hostile = await app.request(`/api/v1/coops/${shop.coopSlug}`, { headers: { 'x-request-id': 'x" "level":60 <script>' } });
      expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      const requests = sink.lines.filter((l) => l.msg === 'request');
      expect(requests.map((l) => l.requestId)).toEqual([fresh.headers.get('x-request-id'), 'lb-7f3a9c21', hostile.headers.get('x-request-id')]);
      expect(requests[0]).toMatchObject({ level: 30, method: 'GET', route: '/api/v1/coops/:coop', status: 200, service: 'terroir' });
      expect(typeof requests[0]!.durationMs).toBe('number');
    });

    it('logs an unhandled error with the request id, and answers a 500 that reveals nothing', async () => {
      const res = await app.request('/boom', { headers: { 'x-request-id': 'req-boom-0001' } });
      expect(res.status).toBe(500);
      expect(await res.text()).not.toContain('kaboom');
      const error = sink.lines.find((l) => l.msg === 'request' && l.status === 500);
      expect(error).toMatchObject({ level: 50, requestId: 'req-boom-0001', route: '/boom' });
    });

    it('counts requests by route pattern (bounded labels), cache hits and misses, and reservations held', async () => {
      for (let i = 0; i < 3; i++) expect((await app.request(`/api/v1/coops/${shop.coopSlug}/products?lang=en`)).status).toBe(200);
      for (let i = 0; i < 20; i++) await app.request(`/no/such/path/${i}`);
      await app.request(`/api/v1/coops/${shop.coopSlug}/products/no-such-product`);
      const text = await metrics();
      expect(sample(text, 'terroir_http_requests_total', `method="GET",route="/api/v1/coops/:coop/products",status="200"`)).toBe(3);
      expect(sample(text, 'terroir_http_requests_total', `method="GET",route="unmatched",status="404"`)).toBe(20);
      expect(sample(text, 'terroir_http_requests_total', `method="GET",route="/api/v1/coops/:coop/products/:product",status="404"`)).toBe(1);
      expect(text).not.toContain('/no/such/path');
      expect(sample(text, 'terroir_response_cache_requests_total', 'result="miss"')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'terroir_response_cache_requests_total', 'result="hit"')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'terroir_http_request_duration_seconds_count', `method="GET",route="/api/v1/coops/:coop/products"`)).toBe(3);
      expect(text).toMatch(/^terroir_reservations_held 0$/m);
    });

    it('logs order events and counts webhook outcomes, with the request id of the call that caused them', async () => {
      const res = await app.request(`/api/v1/coops/${shop.coopSlug}/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'telemetry-1', 'x-request-id': 'req-checkout-01' },
        body: JSON.stringify({
          lines: [{ variantId: shop.pearVariantId, quantity: 1 }],
          fulfilment: { type: 'pickup', pickupPointId: shop.pickupPointId },
          locale: 'en',
        }),
      });
      expect(res.status).toBe(201);
      const { checkout } = (await res.json()) as { checkout: { orderId: string } };
      expect(sink.lines.find((l) => l.event === 'order.placed')).toMatchObject({ requestId: 'req-checkout-01', orderId: checkout.orderId, totalMinor: 6800 });
      expect(await metrics()).toMatch(/^terroir_reservations_held 1$/m);

      const order = await database.db.selectFrom('orders').select('payment_session_ref').where('id', '=', checkout.orderId).executeTakeFirstOrThrow();
      const payload = JSON.stringify(await stripeServer.completeSession(order.payment_session_ref!));
      const deliver = (signature: string) =>
        app.request('/api/v1/webhooks/stripe', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'stripe-signature': signature, 'x-request-id': 'req-webhook-01' },
          body: payload,
        });
      expect((await deliver('t=1,v1=forged')).status).toBe(400);
      const signed = Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
      expect(await (await deliver(signed)).json()).toEqual({ received: true, outcome: 'applied' });
      expect(await (await deliver(signed)).json()).toEqual({ received: true, outcome: 'duplicate' });
      const text = await metrics();
      expect(sample(text, 'terroir_payment_webhooks_total', 'provider="stripe",outcome="invalid_signature"')).toBe(1);
      expect(sample(text, 'terroir_payment_webhooks_total', 'provider="stripe",outcome="applied"')).toBe(1);
      expect(sample(text, 'terroir_payment_webhooks_total', 'provider="stripe",outcome="duplicate"')).toBe(1);
      expect(sink.lines.find((l) => l.msg === 'payment webhook' && l.outcome === 'applied')).toMatchObject({
        requestId: 'req-webhook-01',
        orderId: checkout.orderId,
      });
      expect(text).toMatch(/^terroir_reservations_held 0$/m);
    });

    it('refuses /metrics without the token, with a wrong one, and refuses to mount without one', async () => {
      expect((await app.request('/metrics')).status).toBe(401);
      const wrong = await app.request('/metrics', { headers: { authorization: 'Bearer metrics-token-0123456780' } });
      expect(wrong.status).toBe(401);
      expect(wrong.headers.get('www-authenticate')).toContain('Bearer');
      expect(() => metricsRoute(createTelemetry({ logger: false, processMetrics: false }), {})).toThrow(/token/);
      expect(() => metricsRoute(createTelemetry({ logger: false, processMetrics: false }), { token: 'short' })).toThrow(/16 characters/);
    });
  });
}
