import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OfflinePaymentProvider, setOfflinePayment } from '@terroir/core';
import { TEST_DIALECTS, createCheckoutTestShop, type CheckoutTestShop, type TestDatabase } from '@terroir/core/testing';
import { createStorefront } from '../storefront';
import { adminFixture, snapshotTables, type Caller } from '../../test/support/admin-test-fixture';
import { checkoutRoutes } from './checkout-routes';

const BASE = 'https://village.example.cn/api';
const CODE = /^[34679ACEFGHJKMNPRTWXY]{3}-[34679ACEFGHJKMNPRTWXY]{3}$/;

for (const dialect of TEST_DIALECTS) {
  describe(`pay at pickup through the storefront on ${dialect.name}`, () => {
    let database: TestDatabase;
    let shop: CheckoutTestShop;
    let app: ReturnType<typeof checkoutRoutes>;
    let seq = 0;
    beforeEach(async () => {
      database = await dialect.open();
      shop = await createCheckoutTestShop(database.db, { stock: 5 });
      await setOfflinePayment(database.db, shop.coopId, true);
      app = checkoutRoutes({ database, offlinePayments: new OfflinePaymentProvider(), publicBaseUrl: BASE });
    });
    afterEach(() => database.destroy());

    const stock = async () =>
      Number((await database.db.selectFrom('variants').select('stock_on_hand').where('id', '=', shop.pearVariantId).executeTakeFirstOrThrow()).stock_on_hand);
    const checkout = (body: Record<string, unknown>, target = app) =>
      target.request(`/v1/coops/${shop.coopSlug}/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `key-${++seq}` },
        body: JSON.stringify(body),
      });
    const pickupBody = (extra: Record<string, unknown> = {}) => ({
      lines: [{ variantId: shop.pearVariantId, quantity: 2 }],
      fulfilment: { type: 'pickup', pickupPointId: shop.pickupPointId },
      locale: 'zh-CN',
      ...extra,
    });

    it('lists only the payment choices that exist', async () => {
      const body = (await (await app.request(`/v1/coops/${shop.coopSlug}/fulfilment?lang=en`)).json()).fulfilment;
      expect(body.paymentMethods).toEqual(['offline']);
      expect(body.checkoutEnabled).toBe(true);
      expect(body.pickupPoints[0].payOffline).toBe(true);
      await setOfflinePayment(database.db, shop.coopId, false);
      const off = (await (await app.request(`/v1/coops/${shop.coopSlug}/fulfilment?lang=zh-CN`)).json()).fulfilment;
      expect(off.paymentMethods).toEqual([]);
      expect(off.checkoutEnabled).toBe(false);
      expect(off.contact).toEqual({ phone: '+86 535 000 0000' });
      // No phone and no WeChat: nothing to offer instead of the button.
      await database.db
        .updateTable('cooperatives')
        .set({ contact: JSON.stringify({ email: 'co-op@example.cn' }) })
        .where('id', '=', shop.coopId)
        .execute();
      const silent = (await (await app.request(`/v1/coops/${shop.coopSlug}/fulfilment?lang=en`)).json()).fulfilment;
      expect(silent.contact).toBeNull();
    });

    it('places the order at once with a pickup code, a receipt page with its QR, and stock held for the pickup window', async () => {
      const started = Date.now();
      const res = await checkout(pickupBody({ payment: 'offline' }));
      expect(res.status).toBe(201);
      const { checkout: out } = await res.json();
      expect(out.payment).toBe('offline');
      expect(out.pickupCode).toMatch(CODE);
      expect(out.totalMinor).toBe(13600);
      expect(out.redirectUrl).toBe(`${out.receiptUrl}&return=success`);
      const hold = Date.parse(out.expiresAt) - started;
      expect(hold).toBeGreaterThan(2879 * 60_000);
      expect(hold).toBeLessThan(2881 * 60_000);
      expect(await stock()).toBe(3);

      const token = new URL(out.receiptUrl).pathname.split('/').pop()!;
      const page = await app.request(`/orders/${token}?lang=zh-CN`);
      const html = await page.text();
      expect(page.status).toBe(200);
      expect(html).toContain(out.pickupCode);
      expect(html).toContain('到店付款');
      expect(html).toMatch(/<svg [^>]*role="img" aria-label="取货码二维码/);
      expect(html).not.toContain('http-equiv="refresh"');
      const json = (await (await app.request(`/v1/orders/${token}?lang=en`)).json()).order;
      expect(json).toMatchObject({ status: 'pending_payment', statusLabel: 'Pay when you collect', pickupCode: out.pickupCode, paymentProvider: 'offline' });
    });

    it('defaults to pay at pickup when no online provider is mounted', async () => {
      const res = await checkout(pickupBody());
      expect(res.status).toBe(201);
      expect((await res.json()).checkout.pickupCode).toMatch(CODE);
    });

    it('refuses online payment without a provider and offline where it is off, writing nothing', async () => {
      const before = await snapshotTables(database);
      const online = await checkout(pickupBody({ payment: 'online' }));
      expect(online.status).toBe(422);
      expect((await online.json()).error).toMatchObject({ code: 'online_payment_unavailable', field: 'payment' });
      await database.db.updateTable('fulfilment_options').set({ offline_payment: 0 }).where('id', '=', shop.pickupPointId).execute();
      const optedOut = await checkout(pickupBody({ payment: 'offline' }));
      expect(optedOut.status).toBe(422);
      expect((await optedOut.json()).error).toMatchObject({ code: 'offline_payment_unavailable', field: 'payment' });
      for (const payment of ['cash', '<script>', 1, null]) expect((await checkout(pickupBody({ payment }))).status).toBe(400);
      const orders = await database.db.selectFrom('orders').select('id').execute();
      expect(orders).toEqual([]);
      expect(await stock()).toBe(5);
      expect(before).toContain('variants');
    });

    it('mounts no webhook for the offline provider', async () => {
      const res = await app.request('/v1/webhooks/offline', { method: 'POST', body: '{}' });
      expect(res.status).toBe(404);
    });

    it('a storefront with no payment at all still quotes the cart and offers phone/WeChat', async () => {
      const storefront = createStorefront({ db: database.db });
      const quote = await storefront.request(`/v1/coops/${shop.coopSlug}/cart/quote?lang=zh-CN`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lines: [{ variantId: shop.pearVariantId, quantity: 3 }] }),
      });
      expect(quote.status).toBe(200);
      expect((await quote.json()).quote).toMatchObject({ subtotalMinor: 20400, totalMinor: 20400 });
      const bad = await storefront.request(`/v1/coops/${shop.coopSlug}/cart/quote`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"lines":',
      });
      expect(bad.status).toBe(400);
      const fulfilment = (await (await storefront.request(`/v1/coops/${shop.coopSlug}/fulfilment`)).json()).fulfilment;
      expect(fulfilment).toMatchObject({ checkoutEnabled: false, paymentMethods: [], contact: { phone: '+86 535 000 0000' } });
      expect((await storefront.request(`/v1/coops/${shop.coopSlug}/checkout`, { method: 'POST' })).status).toBe(404);
    });
  });

  describe(`collecting pay-at-pickup orders in the admin API on ${dialect.name}`, () => {
    let database: TestDatabase;
    let f: Awaited<ReturnType<typeof adminFixture>>;
    let packer: Caller;
    let owner: Caller;
    let shopApp: ReturnType<typeof checkoutRoutes>;
    let seq = 0;
    const base = '/admin/api/coops/coop-a';
    beforeEach(async () => {
      database = await dialect.open();
      f = await adminFixture(database);
      packer = await f.sessionOf('fulfilmentA');
      owner = await f.sessionOf('ownerA');
      await setOfflinePayment(database.db, f.coops.a.coop.id, true);
      shopApp = checkoutRoutes({ database, offlinePayments: new OfflinePaymentProvider(), publicBaseUrl: BASE });
    });
    afterEach(() => database.destroy());

    const stockOf = async (variantId: string) =>
      Number((await database.db.selectFrom('variants').select('stock_on_hand').where('id', '=', variantId).executeTakeFirstOrThrow()).stock_on_hand);
    const order = async (quantity = 2) => {
      const res = await shopApp.request('/v1/coops/coop-a/checkout', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `adm-${++seq}` },
        body: JSON.stringify({
          lines: [{ variantId: f.coops.a.soldVariant.id, quantity }],
          fulfilment: { type: 'pickup', pickupPointId: f.coops.a.pickup.id },
          locale: 'en',
          payment: 'offline',
        }),
      });
      expect(res.status).toBe(201);
      return (await res.json()).checkout as { orderId: string; pickupCode: string };
    };
    const collect = (code: unknown, as: Caller = packer, path = base) => f.call('POST', `${path}/orders/collect`, { as, body: { code } });

    it('fulfilment staff collect by code: the order is completed and the stock taken once', async () => {
      const before = await stockOf(f.coops.a.soldVariant.id);
      const placed = await order(2);
      expect(await stockOf(f.coops.a.soldVariant.id)).toBe(before - 2);
      const listed = await (await f.call('GET', `${base}/orders?status=pending_payment`, { as: packer })).json();
      expect(listed.items.find((o: { id: string }) => o.id === placed.orderId)).toMatchObject({ pickupCode: placed.pickupCode, paymentProvider: 'offline' });
      const res = await collect(` ${placed.pickupCode.toLowerCase()} `);
      expect(res.status).toBe(200);
      const done = (await res.json()).order;
      expect(done).toMatchObject({ id: placed.orderId, status: 'completed' });
      expect(done.history.map((h: { to: string }) => h.to)).toEqual(['pending_payment', 'paid', 'completed']);
      expect(await stockOf(f.coops.a.soldVariant.id)).toBe(before - 2);
      const again = await collect(placed.pickupCode);
      expect(again.status).toBe(409);
      expect((await again.json()).error).toMatchObject({ code: 'already_collected', field: 'code' });
    });

    it('20 simultaneous collect requests complete the order once', async () => {
      const before = await stockOf(f.coops.a.soldVariant.id);
      const placed = await order(1);
      const answers = await Promise.all(Array.from({ length: 20 }, () => collect(placed.pickupCode)));
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      expect(await stockOf(f.coops.a.soldVariant.id)).toBe(before - 1);
      const events = await database.db.selectFrom('order_events').select('to_status').where('order_id', '=', placed.orderId).execute();
      expect(events.filter((e) => e.to_status === 'paid')).toHaveLength(1);
      expect(events.filter((e) => e.to_status === 'completed')).toHaveLength(1);
    });

    it('wrong, hostile, foreign and expired codes get a clear 4xx and change nothing', async () => {
      const placed = await order(1);
      const before = await snapshotTables(database, ['sessions', 'audit_log', 'login_attempts']);
      const wrong = placed.pickupCode === 'AAA-AAA' ? 'CCC-CCC' : 'AAA-AAA';
      const cases: Array<[unknown, number, string]> = [
        [wrong, 404, 'not_found'],
        ["' or 1=1 --", 422, 'pickup_code_invalid'],
        ['<script>alert(1)</script>', 422, 'pickup_code_invalid'],
        ['K7M\u00004PX', 422, 'pickup_code_invalid'],
        ['X'.repeat(41), 400, 'invalid_body'],
        [12345, 400, 'invalid_body'],
        ['', 400, 'invalid_body'],
      ];
      for (const [code, status, errorCode] of cases) {
        const res = await collect(code);
        expect(res.status, String(code)).toBe(status);
        const body = await res.json();
        if (status !== 400) expect(body.error).toMatchObject({ code: errorCode, field: 'code' });
        expect(body.error.message).toBeTruthy();
      }
      // Another cooperative's owner cannot collect coop A's order, even with the right code.
      const ownerB = await f.sessionOf('ownerB');
      expect((await collect(placed.pickupCode, ownerB, '/admin/api/coops/coop-b')).status).toBe(404);
      // An editor may not collect at all.
      expect((await collect(placed.pickupCode, await f.sessionOf('editorA'))).status).toBe(403);
      expect(await snapshotTables(database, ['sessions', 'audit_log', 'login_attempts'])).toBe(before);

      await database.db
        .updateTable('orders')
        .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
        .where('id', '=', placed.orderId)
        .execute();
      const expired = await collect(placed.pickupCode);
      expect(expired.status).toBe(409);
      expect((await expired.json()).error).toMatchObject({ code: 'pickup_expired', field: 'code' });
    });

    it('owners refund a collected order in cash, without the payment provider', async () => {
      const placed = await order(1);
      expect((await collect(placed.pickupCode)).status).toBe(200);
      const refunds = f.payments.refunds.length;
      const res = await f.call('POST', `${base}/orders/${placed.orderId}/refund`, { as: owner, body: { amountMinor: 6800 } });
      expect(res.status).toBe(202);
      const body = await res.json();
      expect(body.order).toMatchObject({ status: 'refunded', refundedMinor: 6800 });
      expect(f.payments.refunds.length).toBe(refunds);
    });
  });
}
