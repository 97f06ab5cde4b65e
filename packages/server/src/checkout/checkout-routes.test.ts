import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkoutRequestHash, placeOrder } from '@terroir/core';
import { TEST_DIALECTS, createCheckoutTestShop, type CheckoutTestShop, type TestDatabase } from '@terroir/core/testing';
import { startStripeTestServer, type StripeTestServer } from '@terroir/stripe-test-server';
import { StripeProvider, createStripeClient } from '../payments/stripe-provider';
import { checkoutRoutes } from './checkout-routes';
import { reconcilePayments } from './reconcile';
import { refundOrder } from './refund-order';

const WEBHOOK_SECRET = 'whsec_terroir_test_secret';
const BASE = 'https://village.example.cn/api';

let stripeServer: StripeTestServer;
beforeAll(async () => {
  stripeServer = await startStripeTestServer();
});
afterAll(() => stripeServer.close());

for (const dialect of TEST_DIALECTS) {
  describe(`checkout routes on ${dialect.name}`, () => {
    let database: TestDatabase;
    let shop: CheckoutTestShop;
    let app: ReturnType<typeof checkoutRoutes>;
    let payments: StripeProvider;
    let stripe: Stripe;
    let keySeq = 0;

    beforeEach(async () => {
      database = await dialect.open();
      shop = await createCheckoutTestShop(database.db, { stock: 5 });
      stripe = createStripeClient({ secretKey: 'sk_test_terroir', host: '127.0.0.1', port: stripeServer.port, protocol: 'http', maxNetworkRetries: 0 });
      payments = new StripeProvider({ stripe, webhookSecret: WEBHOOK_SECRET });
      app = checkoutRoutes({ database, payments, publicBaseUrl: BASE });
    });
    afterEach(() => database.destroy());

    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const pickupBody = (quantity = 2, locale: 'zh-CN' | 'en' = 'zh-CN') => ({
      lines: [{ variantId: shop.pearVariantId, quantity }],
      fulfilment: { type: 'pickup', pickupPointId: shop.pickupPointId },
      locale,
    });
    const checkout = (body: unknown, key = `key-${dialect.name}-${++keySeq}`) => post(`/v1/coops/${shop.coopSlug}/checkout`, body, { 'idempotency-key': key });
    const stockOf = async (variantId = shop.pearVariantId) =>
      Number((await database.db.selectFrom('variants').select('stock_on_hand').where('id', '=', variantId).executeTakeFirstOrThrow()).stock_on_hand);
    const orderOf = (id: string) => database.db.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const deliver = (event: object, options: { secret?: string; timestamp?: number; tamper?: (s: string) => string; signature?: string | null } = {}) => {
      const payload = JSON.stringify(event);
      const header =
        options.signature === null
          ? undefined
          : (options.signature ??
            Stripe.webhooks.generateTestHeaderString({
              payload,
              secret: options.secret ?? WEBHOOK_SECRET,
              ...(options.timestamp ? { timestamp: options.timestamp } : {}),
            }));
      return app.request('/v1/webhooks/stripe', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(header ? { 'stripe-signature': header } : {}) },
        body: options.tamper ? options.tamper(payload) : payload,
      });
    };
    const startCheckout = async (quantity = 2) => {
      const res = await checkout(pickupBody(quantity));
      expect(res.status).toBe(201);
      const { checkout: created } = (await res.json()) as { checkout: { orderId: string; redirectUrl: string; receiptUrl: string } };
      const order = await orderOf(created.orderId);
      return { ...created, sessionId: order.payment_session_ref!, token: order.token };
    };

    it('quotes a cart with server prices and localized fulfilment options', async () => {
      const res = await post(`/v1/coops/${shop.coopSlug}/cart/quote?lang=en`, {
        lines: [{ variantId: shop.pearVariantId, quantity: 2 }],
        fulfilment: { type: 'delivery', region: 'shandong', address: { name: 'Li', phone: '1', line1: 'x', city: 'Laiyang' } },
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as any;
      expect(body.quote).toMatchObject({ currency: 'CNY', subtotalMinor: 13600, fulfilmentFeeMinor: 800, totalMinor: 14400 });
      expect(body.quote.lines[0]).toMatchObject({ title: 'Laiyang pears, 5 jin box', unitPriceMinor: 6800, lineTotalMinor: 13600, available: 5 });
      expect(body.fulfilmentOptions[0]).toMatchObject({ kind: 'pickup', name: 'Co-op shop', hours: 'Saturdays 9:00–12:00' });
      expect(res.headers.get('content-language')).toBe('en');
    });

    it('answers bad carts with 422 issues per line, and hostile bodies with 4xx JSON, never 500', async () => {
      const bad = await post(`/v1/coops/${shop.coopSlug}/cart/quote`, {
        lines: [
          { variantId: 'nope', quantity: 1 },
          { variantId: shop.pearVariantId, quantity: 99 },
        ],
      });
      expect(bad.status).toBe(422);
      const body = (await bad.json()) as any;
      expect(body.error.code).toBe('invalid_cart');
      expect(body.error.issues.map((i: any) => [i.field, i.code])).toEqual([
        ['lines[0].variantId', 'unknown_variant'],
        ['lines[1].quantity', 'quantity_too_high'],
      ]);
      const hostile: [unknown, number][] = [
        ['{not json', 400],
        [{ lines: 'x' }, 400],
        [{ lines: [] }, 400],
        [{ lines: [{ variantId: shop.pearVariantId, quantity: '2' }] }, 400],
        [{ lines: [{ variantId: 'x'.repeat(10_000), quantity: 1 }] }, 400],
        [{ lines: Array.from({ length: 51 }, () => ({ variantId: shop.pearVariantId, quantity: 1 })) }, 400],
        [{ lines: [{ variantId: shop.pearVariantId, quantity: 1e308 }] }, 422],
        [{ lines: [{ variantId: shop.pearVariantId, quantity: -1 }] }, 422],
        [JSON.stringify({ lines: [{ variantId: shop.pearVariantId, quantity: 1, __proto__: { admin: true } }] }), 200],
        [{ lines: [{ variantId: "' or 1=1 --", quantity: 1 }] }, 422],
        [{ lines: [{ variantId: shop.pearVariantId, quantity: 1 }], padding: 'x'.repeat(70 * 1024) }, 413],
      ];
      for (const [payload, status] of hostile) {
        const res = await post(`/v1/coops/${shop.coopSlug}/cart/quote`, payload);
        expect(res.status, JSON.stringify(payload).slice(0, 80)).toBe(status);
        if (status !== 200) expect(((await res.json()) as any).error.code).toEqual(expect.any(String));
      }
      expect((await post('/v1/coops/no-such-coop/cart/quote', { lines: [{ variantId: 'x', quantity: 1 }] })).status).toBe(404);
    });

    it('creates a Stripe Checkout Session from our prices, locale, methods, expiry and idempotency key', async () => {
      const before = stripeServer.requests.length;
      const res = await checkout({
        lines: [{ variantId: shop.pearVariantId, quantity: 2 }],
        fulfilment: { type: 'delivery', region: 'beijing', address: { name: '李', phone: '138', line1: '梨乡路1号', city: '北京' } },
        locale: 'zh-CN',
        email: 'li@example.cn',
      });
      expect(res.status).toBe(201);
      const { checkout: created } = (await res.json()) as any;
      expect(created).toMatchObject({ totalMinor: 13600 + 1500, currency: 'CNY' });
      expect(created.redirectUrl).toMatch(new RegExp(`^${stripeServer.url}/pay/cs_test_`));
      const sent = stripeServer.requests.slice(before).filter((r) => r.path === '/v1/checkout/sessions');
      expect(sent).toHaveLength(1);
      const { form, idempotencyKey } = sent[0]!;
      expect(form.line_items).toEqual([
        { quantity: '2', price_data: { currency: 'cny', unit_amount: '6800', product_data: { name: '莱阳梨 5斤装 · 5斤' } } },
        { quantity: '1', price_data: { currency: 'cny', unit_amount: '1500', product_data: { name: '配送费' } } },
      ]);
      expect(form.locale).toBe('zh');
      expect(form.allowed_payment_method_types).toEqual(['card', 'alipay', 'wechat_pay']);
      expect(form.payment_method_options).toEqual({ wechat_pay: { client: 'web' } });
      expect(form.metadata.order_id).toBe(created.orderId);
      expect(form.customer_email).toBe('li@example.cn');
      expect(idempotencyKey).toBe(`terroir-order-${created.orderId}`);
      const order = await orderOf(created.orderId);
      expect(Number(form.expires_at)).toBe(Math.floor(Date.parse(order.expires_at) / 1000));
      expect(Number(form.expires_at) - Date.now() / 1000).toBeGreaterThan(29 * 60);
      expect(form.success_url).toBe(`${BASE}/orders/${order.token}?lang=zh-CN&return=success`);
      expect(order.status).toBe('pending_payment');
      expect(await stockOf()).toBe(3);
    });

    it('replays the same Idempotency-Key with the same session and calls Stripe once; another body is refused', async () => {
      const body = pickupBody(1, 'en');
      const before = stripeServer.requests.filter((r) => r.path === '/v1/checkout/sessions').length;
      const first = await checkout(body, 'replay-key');
      const second = await checkout(body, 'replay-key');
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(await second.json()).toEqual(await first.json());
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      expect(stripeServer.requests.at(-1)!.form.locale).toBe('en');
      expect(stripeServer.requests.filter((r) => r.path === '/v1/checkout/sessions').length - before).toBe(1);
      const other = await checkout(pickupBody(2, 'en'), 'replay-key');
      expect(other.status).toBe(422);
      expect(((await other.json()) as any).error.code).toBe('idempotency_key_reused');
      expect(await stockOf()).toBe(4);
      const missing = await post(`/v1/coops/${shop.coopSlug}/checkout`, body);
      expect(missing.status).toBe(400);
      expect(((await missing.json()) as any).error.field).toBe('Idempotency-Key');
    });

    it('a replayed key of an expired or cancelled checkout answers 409 order_cancelled, never the dead session URL', async () => {
      const key = `key-${dialect.name}-dead-${++keySeq}`;
      const first = await checkout(pickupBody(1), key);
      expect(first.status).toBe(201);
      const { checkout: created } = (await first.json()) as any;
      const order = await orderOf(created.orderId);
      // Expired by the provider: the order is cancelled and its stock released.
      expect((await deliver(stripeServer.expireSession(order.payment_session_ref!))).status).toBe(200);
      expect((await orderOf(created.orderId)).status).toBe('cancelled');
      const replay = await checkout(pickupBody(1), key);
      expect(replay.status).toBe(409);
      expect(((await replay.json()) as any).error.code).toBe('order_cancelled');

      // Past its hold but not yet swept: the session is just as dead.
      const key2 = `key-${dialect.name}-dead-${++keySeq}`;
      const second = await checkout(pickupBody(1), key2);
      expect(second.status).toBe(201);
      const { checkout: created2 } = (await second.json()) as any;
      await database.db
        .updateTable('orders')
        .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
        .where('id', '=', created2.orderId)
        .execute();
      const replay2 = await checkout(pickupBody(1), key2);
      expect(replay2.status).toBe(409);
      expect(((await replay2.json()) as any).error.code).toBe('order_cancelled');
    });

    it('refuses a delivery region the cooperative does not serve, markup included, and stores nothing', async () => {
      const address = { name: 'Li', phone: '138', line1: 'x', city: 'y' };
      for (const region of ['atlantis', '<img src=x onerror=alert(1)>']) {
        const quote = await post(`/v1/coops/${shop.coopSlug}/cart/quote?lang=en`, {
          lines: [{ variantId: shop.pearVariantId, quantity: 1 }],
          fulfilment: { type: 'delivery', region, address },
        });
        expect(quote.status).toBe(422);
        const quoted = (await quote.json()) as any;
        expect(quoted.error).toMatchObject({ code: 'region_not_served', field: 'fulfilment.region' });
        const res = await checkout({
          lines: [{ variantId: shop.pearVariantId, quantity: 1 }],
          fulfilment: { type: 'delivery', region, address },
          locale: 'en',
        });
        expect(res.status).toBe(422);
        const text = await res.text();
        expect(JSON.parse(text).error).toMatchObject({ code: 'region_not_served', field: 'fulfilment.region' });
        expect(text).not.toContain('<img');
      }
      expect(await database.db.selectFrom('orders').select('id').execute()).toEqual([]);
      expect(await stockOf()).toBe(5);
      // A known mainland region not listed is still served at the flat fee.
      const served = await post(`/v1/coops/${shop.coopSlug}/cart/quote`, {
        lines: [{ variantId: shop.pearVariantId, quantity: 1 }],
        fulfilment: { type: 'delivery', region: 'beijing', address },
      });
      expect(served.status).toBe(200);
    });

    it('a replay while the first request is in flight answers 409 in progress; later it takes over without cancelling', async () => {
      // The first request wrote its order and then died before storing a Stripe session.
      const body = pickupBody(2, 'en');
      const placed = await placeOrder(database, {
        cooperativeId: shop.coopId,
        lines: body.lines,
        fulfilment: { type: 'pickup', pickupPointId: shop.pickupPointId },
        locale: 'en',
        idempotencyKey: 'crashed',
        requestHash: checkoutRequestHash({ coop: shop.coopId, ...body }),
        paymentProvider: 'stripe',
        expiresAt: new Date(Date.now() + 31 * 60_000),
      });
      expect(placed.kind).toBe('placed');
      const orderId = placed.kind === 'placed' ? placed.order.id : '';
      const soon = await checkout(body, 'crashed');
      expect(soon.status).toBe(409);
      expect(soon.headers.get('retry-after')).toBe('2');
      expect(((await soon.json()) as any).error.code).toBe('checkout_in_progress');

      const later = checkoutRoutes({ database, payments, publicBaseUrl: BASE, now: () => new Date(Date.now() + 2 * 60_000) });
      const send = () =>
        later.request(`/v1/coops/${shop.coopSlug}/checkout`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': 'crashed' },
          body: JSON.stringify(body),
        });
      stripeServer.failNextSessionCreates(1, 500);
      expect((await send()).status).toBe(502);
      expect((await orderOf(orderId)).status).toBe('pending_payment');
      expect(await stockOf()).toBe(3);
      const taken = await send();
      expect(taken.status).toBe(201);
      expect(((await taken.json()) as any).checkout.orderId).toBe(orderId);
      expect(stripeServer.requests.at(-1)!.idempotencyKey).toBe(`terroir-order-${orderId}`);
      expect((await orderOf(orderId)).payment_session_ref).toMatch(/^cs_test_/);
    });

    it('answers 409 sold out with what is available', async () => {
      const res = await checkout(pickupBody(6));
      expect(res.status).toBe(409);
      const body = (await res.json()) as any;
      expect(body.error.code).toBe('sold_out');
      expect(body.error.issues[0]).toMatchObject({ field: 'lines[0].quantity', code: 'out_of_stock', available: 5 });
      expect(await stockOf()).toBe(5);
    });

    it('releases the reservation and answers 502 when Stripe fails', async () => {
      stripeServer.failNextSessionCreates(1, 500);
      const res = await checkout(pickupBody(2));
      expect(res.status).toBe(502);
      expect(((await res.json()) as any).error.code).toBe('payment_provider_unavailable');
      expect(await stockOf()).toBe(5);
      const orders = await database.db.selectFrom('orders').select('status').execute();
      expect(orders.map((o) => o.status)).toEqual(['cancelled']);
    });

    it('marks the order paid only from a signed completed event; duplicates and a late expired change nothing', async () => {
      const started = await startCheckout(2);
      const receiptBefore = await app.request(`/v1/orders/${started.token}?lang=en`);
      expect(((await receiptBefore.json()) as any).order.status).toBe('pending_payment');
      const completed = await stripeServer.completeSession(started.sessionId);
      expect(completed.data.object.object).toBe('checkout.session');
      const first = await deliver(completed);
      expect(first.status).toBe(200);
      expect(await first.json()).toEqual({ received: true, outcome: 'applied' });
      expect(await (await deliver(completed)).json()).toEqual({ received: true, outcome: 'duplicate' });
      stripeServer.sessions.get(started.sessionId)!.status = 'open';
      const expired = stripeServer.expireSession(started.sessionId);
      expect(await (await deliver(expired)).json()).toEqual({ received: true, outcome: 'no_change' });
      const order = await orderOf(started.orderId);
      expect(order.status).toBe('paid');
      expect(order.payment_ref).toMatch(/^pi_test_/);
      expect(await stockOf()).toBe(3);
      expect(await database.db.selectFrom('orders').select('id').execute()).toHaveLength(1);
    });

    it('completed after expired re-takes the stock while it lasts', async () => {
      const started = await startCheckout(2);
      const expired = stripeServer.expireSession(started.sessionId);
      expect((await deliver(expired)).status).toBe(200);
      expect(await stockOf()).toBe(5);
      stripeServer.sessions.get(started.sessionId)!.status = 'open';
      const completed = await stripeServer.completeSession(started.sessionId);
      await deliver(completed);
      expect((await orderOf(started.orderId)).status).toBe('paid');
      expect(await stockOf()).toBe(3);
    });

    it('rejects forged, stale, unsigned and tampered webhooks with 400 and changes nothing', async () => {
      const started = await startCheckout(2);
      const completed = await stripeServer.completeSession(started.sessionId);
      const attempts = [
        await deliver(completed, { secret: 'whsec_forged' }),
        await deliver(completed, { timestamp: Math.floor(Date.now() / 1000) - 3600 }),
        await deliver(completed, { signature: null }),
        await deliver(completed, { signature: 'garbage' }),
        await deliver(completed, { tamper: (s) => s.replace('"paid"', '"paid" ') }),
        await deliver({ ...completed, id: 'evt_other' }, { tamper: () => JSON.stringify(completed) }),
      ];
      for (const res of attempts) {
        expect(res.status).toBe(400);
        expect(((await res.json()) as any).error.code).toBe('invalid_signature');
      }
      const huge = await deliver({ ...completed, padding: 'x'.repeat(1100 * 1024) });
      expect(huge.status).toBe(413);
      expect((await orderOf(started.orderId)).status).toBe('pending_payment');
      expect(await database.db.selectFrom('processed_webhook_events').select('event_id').execute()).toHaveLength(0);
    });

    it('acknowledges event types it does not act on', async () => {
      const res = await deliver(stripeServer.buildEvent('customer.created', { id: 'cus_1', object: 'customer' }));
      expect(await res.json()).toEqual({ received: true, outcome: 'ignored' });
    });

    it('async payment failure cancels and releases; success pays', async () => {
      const a = await startCheckout(1);
      const b = await startCheckout(1);
      await deliver(await stripeServer.completeSession(a.sessionId, { paymentStatus: 'unpaid' }));
      await deliver(await stripeServer.completeSession(b.sessionId, { paymentStatus: 'unpaid' }));
      expect((await orderOf(a.orderId)).status).toBe('pending_payment');
      await deliver(stripeServer.asyncPaymentResult(a.sessionId, false));
      await deliver(stripeServer.asyncPaymentResult(b.sessionId, true));
      expect((await orderOf(a.orderId)).status).toBe('cancelled');
      expect((await orderOf(b.orderId)).status).toBe('paid');
      expect(await stockOf()).toBe(4);
    });

    it('refunds through Stripe and records partial then full refunds from charge.refunded', async () => {
      const started = await startCheckout(2);
      await deliver(await stripeServer.completeSession(started.sessionId));
      const order = await orderOf(started.orderId);
      const target = { orderId: order.id, paymentRef: order.payment_ref, sessionRef: order.payment_session_ref, currency: order.currency };
      await payments.refund(target, 5000, `refund-${order.id}-1`);
      await deliver(stripeServer.events.at(-1)!);
      expect(await orderOf(order.id)).toMatchObject({ status: 'partially_refunded', refunded_minor: 5000 });
      await payments.refund(target, 8600, `refund-${order.id}-2`);
      await deliver(stripeServer.events.at(-1)!);
      expect(await orderOf(order.id)).toMatchObject({ status: 'refunded', refunded_minor: 13600 });
      expect(await stockOf()).toBe(5);
    });

    it('refundOrder checks the amount and state, and the refund event records it', async () => {
      const started = await startCheckout(2);
      expect(await refundOrder({ database, payments }, started.orderId, 100, 'staff:a')).toEqual({ ok: false, code: 'not_refundable' });
      await deliver(await stripeServer.completeSession(started.sessionId));
      expect(await refundOrder({ database, payments }, started.orderId, 13601, 'staff:a')).toEqual({ ok: false, code: 'invalid_amount', maxMinor: 13600 });
      expect(await refundOrder({ database, payments }, started.orderId, 0.5, 'staff:a')).toMatchObject({ ok: false, code: 'invalid_amount' });
      expect(await refundOrder({ database, payments }, 'ord_missing', 1, 'staff:a')).toEqual({ ok: false, code: 'not_found' });
      const before = stripeServer.requests.filter((r) => r.path === '/v1/refunds').length;
      const done = await refundOrder({ database, payments }, started.orderId, 3000, 'staff:a');
      expect(done).toMatchObject({ ok: true, status: 'succeeded', amountMinor: 3000 });
      const sent = stripeServer.requests.filter((r) => r.path === '/v1/refunds').slice(before);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.form).toMatchObject({ amount: '3000', payment_intent: (await orderOf(started.orderId)).payment_ref });
      expect(sent[0]!.idempotencyKey).toBe(`terroir-refund-${started.orderId}-0-3000`);
      expect((await orderOf(started.orderId)).status).toBe('paid');
      await deliver(stripeServer.events.at(-1)!);
      expect(await orderOf(started.orderId)).toMatchObject({ status: 'partially_refunded', refunded_minor: 3000 });
      const history = await database.db.selectFrom('order_events').select(['reason', 'actor']).where('order_id', '=', started.orderId).execute();
      expect(history).toContainEqual({ reason: 'refund_requested', actor: 'staff:a' });
    });

    it('a payment completed after its stock was sold becomes needs_refund, and reconciliation refunds it once', async () => {
      const late = await startCheckout(5);
      await deliver(stripeServer.expireSession(late.sessionId));
      const other = await startCheckout(5);
      await deliver(await stripeServer.completeSession(other.sessionId));
      stripeServer.sessions.get(late.sessionId)!.status = 'open';
      await deliver(await stripeServer.completeSession(late.sessionId));
      expect((await orderOf(late.orderId)).status).toBe('needs_refund');
      expect(await stockOf()).toBe(0);
      const since = new Date(Date.now() - 60_000);
      const first = await reconcilePayments({ database, payments, since, refundUnservable: true });
      expect(first.refundsRequested).toEqual([late.orderId]);
      const refundCalls = stripeServer.requests.filter((r) => r.path === '/v1/refunds' && r.idempotencyKey === `terroir-refund-${late.orderId}-unservable`);
      expect(refundCalls).toHaveLength(1);
      await reconcilePayments({ database, payments, since, refundUnservable: true });
      expect(await orderOf(late.orderId)).toMatchObject({ status: 'refunded', refunded_minor: 34000 });
      expect(await stockOf()).toBe(0);
      expect(
        stripeServer.requests.filter(
          (r) => r.path === '/v1/refunds' && r.idempotencyKey === `terroir-refund-${late.orderId}-unservable` && r.method === 'POST',
        ),
      ).toHaveLength(1);
    });

    it('serves the receipt as JSON and a bilingual page that only reads', async () => {
      const started = await startCheckout(2);
      const zh = await app.request(`/orders/${started.token}?lang=zh-CN&return=success`);
      expect(zh.status).toBe(200);
      const html = await zh.text();
      expect(html).toContain('<html lang="zh-CN">');
      expect(html).toContain('正在确认付款');
      expect(html).toContain('莱阳梨 5斤装');
      expect(html).toContain('¥136.00');
      expect((await orderOf(started.orderId)).status).toBe('pending_payment');
      const en = await app.request(`/orders/${started.token}?lang=en`);
      expect(await en.text()).toContain('We are confirming your payment');
      const json = (await (await app.request(`/v1/orders/${started.token}?lang=en`)).json()) as any;
      expect(json.order).toMatchObject({
        status: 'pending_payment',
        statusLabel: 'Waiting for payment',
        totalMinor: 13600,
        fulfilment: { type: 'pickup', name: 'Co-op shop' },
      });
      const cancelled = await (await app.request(`/orders/${started.token}?lang=en&return=cancel`)).text();
      expect(cancelled).toContain('You left the payment page without paying');
      expect(cancelled).toContain(`href="${started.redirectUrl}"`);
      expect(cancelled).not.toContain('http-equiv="refresh"');
      const injected = await (await app.request(`/orders/${started.token}?lang=<script>`)).text();
      expect(injected).not.toContain('<script>');
      expect((await app.request('/v1/orders/not-a-token')).status).toBe(404);
      expect((await app.request('/orders/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
    });

    it('reconciliation applies missed events once, and the sweep releases stale reservations', async () => {
      const since = new Date(Date.now() - 1000);
      const paid = await startCheckout(1);
      const stale = await startCheckout(1);
      await stripeServer.completeSession(paid.sessionId); // the webhook for it is "lost"
      const first = await reconcilePayments({ database, payments, since, now: new Date(Date.now() + 45 * 60_000) });
      expect(first.outcomes.applied).toBeGreaterThanOrEqual(1);
      expect((await orderOf(paid.orderId)).status).toBe('paid');
      expect(first.swept).toEqual([stale.orderId]);
      expect(await stockOf()).toBe(4);
      const second = await reconcilePayments({ database, payments, since });
      expect(second.outcomes.applied).toBe(0);
      expect(second.outcomes.duplicate).toBe(second.seen - second.outcomes.unknown_order);
    });
  });
}
