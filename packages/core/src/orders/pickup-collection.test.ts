import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, createCheckoutTestShop, type CheckoutTestShop, type TestDatabase } from '../testing/index';
import { getCheckoutSettings, listFulfilmentOptions, offlinePaymentFor, setOfflinePayment } from '../cart/fulfilment';
import { OfflinePaymentProvider } from '../payments/offline-provider';
import { WebhookSignatureError } from '../payments/provider';
import { attachPaymentSession, checkoutRequestHash, placeOrder } from './place-order';
import { collectPickupOrder } from './pickup-collection';
import { PICKUP_CODE_ALPHABET, formatPickupCode, newPickupCode, normalizePickupCode } from './pickup-code';
import { sweepExpiredReservations } from './expiry-sweep';
import { refundOrder } from './refund-order';

describe('pickup codes', () => {
  it('draws six unambiguous symbols and reads them back however they are typed', () => {
    for (let i = 0; i < 200; i++) {
      const code = newPickupCode();
      expect(code).toMatch(/^[34679ACEFGHJKMNPRTWXY]{6}$/);
      expect(normalizePickupCode(formatPickupCode(code).toLowerCase())).toBe(code);
    }
    expect(PICKUP_CODE_ALPHABET).not.toMatch(/[0O1IL2Z5S8B]/);
    expect(normalizePickupCode(' k7m-4px ')).toBe('K7M4PX');
  });

  it('refuses anything that is not a code', () => {
    for (const hostile of ['', 'K7M4P', 'K7M4PXX', "' OR 1=1 --", 'K7M4P0', '１２３４５６', 'k7m4p\u0000', 'X'.repeat(10_000), 'ＫＡＣＥＦＧ']) {
      expect(normalizePickupCode(hostile)).toBeNull();
    }
  });
});

describe('the offline provider', () => {
  it('sends the shopper to the receipt, takes no webhooks and refunds in cash', async () => {
    const provider = new OfflinePaymentProvider();
    const created = await provider.createPayment({
      orderId: 'ord_1',
      orderToken: 't',
      cooperativeId: 'c',
      idempotencyKey: 'k',
      currency: 'CNY',
      lines: [],
      totalMinor: 100,
      locale: 'en',
      methods: [],
      successUrl: 'https://x.example/orders/t?lang=en&return=success',
      cancelUrl: 'https://x.example/c',
      expiresAt: new Date(0),
    });
    expect(created).toEqual({ redirectUrl: 'https://x.example/orders/t?lang=en&return=success', providerRef: 'offline_ord_1', expiresAt: new Date(0) });
    await expect(provider.verifyWebhook('{}', new Headers())).rejects.toBeInstanceOf(WebhookSignatureError);
    expect((await provider.refund({ orderId: 'ord_1', paymentRef: null, sessionRef: null, currency: 'CNY' }, 100, 'key')).status).toBe('succeeded');
  });
});

for (const dialect of TEST_DIALECTS) {
  describe(`pay at pickup on ${dialect.name}`, () => {
    let database: TestDatabase;
    let shop: CheckoutTestShop;
    let seq = 0;
    beforeEach(async () => {
      database = await dialect.open();
      shop = await createCheckoutTestShop(database.db, { stock: 5 });
      await setOfflinePayment(database.db, shop.coopId, true);
    });
    afterEach(() => database.destroy());

    const stockOf = async (variantId: string) =>
      Number((await database.db.selectFrom('variants').select('stock_on_hand').where('id', '=', variantId).executeTakeFirstOrThrow()).stock_on_hand);
    const statusOf = async (orderId: string) =>
      (await database.db.selectFrom('orders').select('status').where('id', '=', orderId).executeTakeFirstOrThrow()).status;
    const provider = new OfflinePaymentProvider();

    /** What the checkout route does for `payment: 'offline'`: place with a code, then "start" the offline payment. */
    const placeOffline = async (quantity = 1, holdMinutes = 2880) => {
      const body = { lines: [{ variantId: shop.pearVariantId, quantity }], fulfilment: { type: 'pickup' as const, pickupPointId: shop.pickupPointId } };
      const expiresAt = new Date(Date.now() + holdMinutes * 60_000);
      const result = await placeOrder(database, {
        cooperativeId: shop.coopId,
        ...body,
        locale: 'zh-CN',
        idempotencyKey: `k-${++seq}`,
        requestHash: checkoutRequestHash(body),
        paymentProvider: provider.name,
        expiresAt,
        pickupCode: true,
      });
      if (result.kind !== 'placed') throw new Error(`expected placed, got ${result.kind}`);
      const created = await provider.createPayment({
        orderId: result.order.id,
        orderToken: result.order.token,
        cooperativeId: shop.coopId,
        idempotencyKey: 'x',
        currency: 'CNY',
        lines: [],
        totalMinor: 0,
        locale: 'zh-CN',
        methods: [],
        successUrl: 'https://v.example/receipt',
        cancelUrl: 'https://v.example/receipt',
        expiresAt,
      });
      const order = await attachPaymentSession(database, result.order.id, {
        sessionRef: created.providerRef,
        redirectUrl: created.redirectUrl,
        expiresAt: created.expiresAt,
      });
      return order;
    };
    const collect = (code: string, now?: Date) =>
      collectPickupOrder(database, { cooperativeId: shop.coopId, code, actor: 'staff:usr_test', ...(now ? { now } : {}) });

    it('is switched on per cooperative and per fulfilment option, with the option’s pickup window', async () => {
      expect((await getCheckoutSettings(database.db, shop.coopId)).offlinePayment).toBe(true);
      const options = await listFulfilmentOptions(database.db, shop.coopId);
      const choice = { type: 'pickup' as const, pickupPointId: shop.pickupPointId };
      expect(offlinePaymentFor(await getCheckoutSettings(database.db, shop.coopId), options, choice)).toEqual({ ok: true, holdMinutes: 2880 });
      await database.db.updateTable('fulfilment_options').set({ offline_payment: 0 }).where('id', '=', shop.pickupPointId).execute();
      const optedOut = await listFulfilmentOptions(database.db, shop.coopId);
      expect(offlinePaymentFor(await getCheckoutSettings(database.db, shop.coopId), optedOut, choice)).toMatchObject({
        ok: false,
        code: 'offline_payment_unavailable',
      });
      await setOfflinePayment(database.db, shop.coopId, false);
      expect(offlinePaymentFor(await getCheckoutSettings(database.db, shop.coopId), options, choice)).toMatchObject({ ok: false });
    });

    it('creates the order at once with a code, holding stock until the window ends', async () => {
      const order = await placeOffline(2);
      expect(order.status).toBe('pending_payment');
      expect(order.payment_provider).toBe('offline');
      expect(order.pickup_code).toMatch(/^[34679ACEFGHJKMNPRTWXY]{6}$/);
      expect(order.redirect_url).toBe('https://v.example/receipt');
      expect(await stockOf(shop.pearVariantId)).toBe(3);
      const held = await database.db.selectFrom('stock_reservations').select(['quantity', 'expires_at', 'status']).where('order_id', '=', order.id).execute();
      expect(held).toEqual([{ quantity: 2, expires_at: order.expires_at, status: 'held' }]);
    });

    it('collecting by code completes the order once and takes the stock once', async () => {
      const order = await placeOffline(2);
      const result = await collect(formatPickupCode(order.pickup_code!).toLowerCase());
      expect(result).toEqual({ ok: true, orderId: order.id, status: 'completed', totalMinor: 13600, currency: 'CNY' });
      expect(await statusOf(order.id)).toBe('completed');
      expect(await stockOf(shop.pearVariantId)).toBe(3);
      const reservations = await database.db.selectFrom('stock_reservations').select('status').where('order_id', '=', order.id).execute();
      expect(reservations.map((r) => r.status)).toEqual(['consumed']);
      const history = await database.db
        .selectFrom('order_events')
        .select(['from_status', 'to_status', 'actor', 'reason'])
        .where('order_id', '=', order.id)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      expect(history.map((h) => `${h.from_status}>${h.to_status}:${h.actor}`)).toEqual(
        expect.arrayContaining(['pending_payment>paid:provider:offline', 'paid>completed:staff:usr_test']),
      );
      expect(await collect(order.pickup_code!)).toMatchObject({ ok: false, code: 'already_collected' });
    });

    it('20 simultaneous collect calls complete the order exactly once', async () => {
      const order = await placeOffline(3);
      const results = await Promise.all(Array.from({ length: 20 }, () => collect(order.pickup_code!)));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.code === 'already_collected')).toHaveLength(19);
      expect(await statusOf(order.id)).toBe('completed');
      expect(await stockOf(shop.pearVariantId)).toBe(2);
      const paidMoves = await database.db.selectFrom('order_events').select('id').where('order_id', '=', order.id).where('to_status', '=', 'paid').execute();
      expect(paidMoves).toHaveLength(1);
      const completions = await database.db
        .selectFrom('order_events')
        .select('id')
        .where('order_id', '=', order.id)
        .where('to_status', '=', 'completed')
        .execute();
      expect(completions).toHaveLength(1);
    });

    it('answers wrong, hostile, foreign and expired codes without changing anything', async () => {
      const order = await placeOffline(1);
      const wrong = order.pickup_code === 'AAAAAA' ? 'CCCCCC' : 'AAAAAA';
      expect(await collect(wrong)).toEqual({ ok: false, code: 'not_found' });
      expect(await collect("'; drop table orders; --")).toEqual({ ok: false, code: 'invalid_code' });
      expect(await collectPickupOrder(database, { cooperativeId: 'coop_other', code: order.pickup_code!, actor: 'staff:x' })).toEqual({
        ok: false,
        code: 'not_found',
      });
      const late = new Date(Date.parse(order.expires_at) + 1000);
      expect(await collect(order.pickup_code!, late)).toMatchObject({ ok: false, code: 'expired', orderId: order.id });
      expect(await statusOf(order.id)).toBe('pending_payment');
      expect(await stockOf(shop.pearVariantId)).toBe(4);
    });

    it('releases the reservation after the pickup window through the expiry sweep; the code then reads expired', async () => {
      const order = await placeOffline(2, 60);
      expect((await sweepExpiredReservations(database, { now: new Date(Date.now() + 30 * 60_000) })).cancelled).toEqual([]);
      expect((await sweepExpiredReservations(database, { now: new Date(Date.now() + 80 * 60_000) })).cancelled).toEqual([order.id]);
      expect(await stockOf(shop.pearVariantId)).toBe(5);
      expect(await collect(order.pickup_code!)).toMatchObject({ ok: false, code: 'expired', status: 'cancelled' });
      expect(await stockOf(shop.pearVariantId)).toBe(5);
    });

    it('a cash refund is recorded without any provider call, through the same event path', async () => {
      const order = await placeOffline(2);
      await collect(order.pickup_code!);
      const noNetwork = {
        name: 'stripe',
        createPayment: () => {
          throw new Error('no');
        },
        verifyWebhook: () => {
          throw new Error('no');
        },
        refund: () => {
          throw new Error('must not be called');
        },
      };
      const refund = await refundOrder({ database, payments: noNetwork as never }, order.id, 13600, 'staff:usr_test');
      expect(refund).toMatchObject({ ok: true, status: 'succeeded', amountMinor: 13600 });
      const row = await database.db.selectFrom('orders').select(['status', 'refunded_minor']).where('id', '=', order.id).executeTakeFirstOrThrow();
      expect(row.status).toBe('refunded');
      expect(Number(row.refunded_minor)).toBe(13600);
      // Collected goods left the stall: the stock does not come back.
      expect(await stockOf(shop.pearVariantId)).toBe(3);
    });

    it('keeps pickup codes unique among open orders', async () => {
      const orders = await Promise.all(Array.from({ length: 5 }, () => placeOffline(1)));
      expect(new Set(orders.map((o) => o.pickup_code)).size).toBe(5);
      const clash = database.db.updateTable('orders').set({ pickup_code: orders[0]!.pickup_code! }).where('id', '=', orders[1]!.id).execute();
      await expect(clash).rejects.toThrow();
    });
  });
}
