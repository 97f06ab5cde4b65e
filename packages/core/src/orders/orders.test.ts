import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, createCheckoutTestShop, type CheckoutTestShop, type TestDatabase } from '../testing/index';
import type { PaymentEvent } from '../payments/provider';
import { advanceOrder } from './order-status';
import { applyPaymentEvent } from './payment-events';
import { checkoutRequestHash, placeOrder, attachPaymentSession, abandonOrder, type PlaceOrderInput } from './place-order';
import { sweepExpiredReservations } from './expiry-sweep';
import { readOrderReceipt } from './order-receipt';
import { listCooperativeOrders } from './order-list';

for (const dialect of TEST_DIALECTS) {
  describe(`orders on ${dialect.name}`, () => {
    let database: TestDatabase;
    let shop: CheckoutTestShop;
    let seq = 0;
    beforeEach(async () => {
      database = await dialect.open();
      shop = await createCheckoutTestShop(database.db, { stock: 5 });
    });
    afterEach(() => database.destroy());

    const stockOf = async (variantId: string) =>
      Number((await database.db.selectFrom('variants').select('stock_on_hand').where('id', '=', variantId).executeTakeFirstOrThrow()).stock_on_hand);
    const input = (quantity = 1, key = `key-${++seq}`): PlaceOrderInput => {
      const body = { lines: [{ variantId: shop.pearVariantId, quantity }], fulfilment: { type: 'pickup' as const, pickupPointId: shop.pickupPointId } };
      return {
        cooperativeId: shop.coopId,
        ...body,
        locale: 'en',
        idempotencyKey: key,
        requestHash: checkoutRequestHash(body),
        paymentProvider: 'test',
        expiresAt: new Date(Date.now() + 30 * 60_000),
      };
    };
    const place = async (quantity = 1) => {
      const result = await placeOrder(database, input(quantity));
      if (result.kind !== 'placed') throw new Error(`expected placed, got ${result.kind}`);
      await attachPaymentSession(database, result.order.id, {
        sessionRef: `cs_${result.order.id}`,
        redirectUrl: 'https://pay.example/x',
        expiresAt: new Date(Date.now() + 30 * 60_000),
      });
      return result.order;
    };
    let eventSeq = 0;
    const event = (kind: PaymentEvent['kind'], orderId: string, extra: Partial<PaymentEvent> = {}): PaymentEvent => ({
      id: `evt_${++eventSeq}_${orderId}`,
      provider: 'test',
      type: kind,
      kind,
      orderId,
      sessionRef: `cs_${orderId}`,
      occurredAt: new Date(),
      ...extra,
    });

    it('reserves stock with the order and never oversells under 50 concurrent checkouts', async () => {
      const results = await Promise.all(Array.from({ length: 50 }, () => placeOrder(database, input(1))));
      const placed = results.filter((r) => r.kind === 'placed');
      const soldOut = results.filter((r) => r.kind === 'sold_out');
      expect(placed).toHaveLength(5);
      expect(soldOut).toHaveLength(45);
      for (const r of soldOut) expect(r.kind === 'sold_out' && r.issues[0]).toMatchObject({ code: 'out_of_stock', available: 0 });
      expect(await stockOf(shop.pearVariantId)).toBe(0);
      const held = await database.db.selectFrom('stock_reservations').select(['quantity']).where('status', '=', 'held').execute();
      expect(held.reduce((s, r) => s + Number(r.quantity), 0)).toBe(5);
    });

    it('replays the same Idempotency-Key and refuses it with another body', async () => {
      const first = await placeOrder(database, input(1, 'same'));
      const again = await placeOrder(database, input(1, 'same'));
      const other = await placeOrder(database, input(2, 'same'));
      expect(first.kind).toBe('placed');
      expect(again.kind === 'replay' && first.kind === 'placed' && again.order.id === first.order.id).toBe(true);
      expect(other.kind).toBe('key_reused');
      expect(await stockOf(shop.pearVariantId)).toBe(4);
    });

    it('completed twice and out of order with expired leaves one paid order and stock taken once', async () => {
      const order = await place(2);
      const completed = event('payment_succeeded', order.id, { amountMinor: 13600, currency: 'cny', paymentRef: 'pi_1' });
      expect((await applyPaymentEvent(database, completed)).outcome).toBe('applied');
      expect((await applyPaymentEvent(database, completed)).outcome).toBe('duplicate');
      expect((await applyPaymentEvent(database, event('session_expired', order.id))).outcome).toBe('no_change');
      const row = await database.db.selectFrom('orders').selectAll().where('id', '=', order.id).executeTakeFirstOrThrow();
      expect(row.status).toBe('paid');
      expect(row.payment_ref).toBe('pi_1');
      expect(await stockOf(shop.pearVariantId)).toBe(3);
      const history = await database.db
        .selectFrom('order_events')
        .select(['to_status', 'actor'])
        .where('order_id', '=', order.id)
        .orderBy('created_at')
        .execute();
      expect(history.map((h) => h.to_status)).toEqual(['pending_payment', 'paid']);
      expect(history[1]!.actor).toBe('provider:test');
    });

    it('expired releases stock exactly once, even when repeated and swept', async () => {
      const order = await place(2);
      expect(await stockOf(shop.pearVariantId)).toBe(3);
      await applyPaymentEvent(database, event('session_expired', order.id));
      await applyPaymentEvent(database, event('payment_failed', order.id));
      await abandonOrder(database, order.id, 'test');
      await sweepExpiredReservations(database, { now: new Date(Date.now() + 3600_000) });
      expect(await stockOf(shop.pearVariantId)).toBe(5);
    });

    it('completed after expired re-takes the stock when it is still there', async () => {
      const order = await place(2);
      await applyPaymentEvent(database, event('session_expired', order.id));
      const result = await applyPaymentEvent(database, event('payment_succeeded', order.id, { amountMinor: 13600 }));
      expect(result).toMatchObject({ outcome: 'applied', status: 'paid' });
      expect(await stockOf(shop.pearVariantId)).toBe(3);
    });

    it('completed after expired marks needs_refund when the stock was sold meanwhile', async () => {
      const order = await place(2);
      await applyPaymentEvent(database, event('session_expired', order.id));
      await place(5);
      const result = await applyPaymentEvent(database, event('payment_succeeded', order.id, { amountMinor: 13600 }));
      expect(result).toMatchObject({ outcome: 'applied', status: 'needs_refund' });
      expect(await stockOf(shop.pearVariantId)).toBe(0);
    });

    it('refuses to mark paid when the amount paid differs from the order total', async () => {
      const order = await place(1);
      const result = await applyPaymentEvent(database, event('payment_succeeded', order.id, { amountMinor: 1 }));
      expect(result.status).toBe('needs_refund');
      expect(await stockOf(shop.pearVariantId)).toBe(5);
    });

    it('records partial then full refunds, ignores stale totals, and returns stock before shipping', async () => {
      const order = await place(2);
      await applyPaymentEvent(database, event('payment_succeeded', order.id, { paymentRef: 'pi_r', amountMinor: 13600 }));
      const partial = await applyPaymentEvent(
        database,
        event('refund_updated', order.id, { orderId: undefined, sessionRef: undefined, paymentRef: 'pi_r', amountRefundedMinor: 5000 }),
      );
      expect(partial.status).toBe('partially_refunded');
      expect((await applyPaymentEvent(database, event('refund_updated', order.id, { amountRefundedMinor: 4000 }))).outcome).toBe('no_change');
      expect(await stockOf(shop.pearVariantId)).toBe(3);
      const full = await applyPaymentEvent(database, event('refund_updated', order.id, { amountRefundedMinor: 13600 }));
      expect(full.status).toBe('refunded');
      expect(await stockOf(shop.pearVariantId)).toBe(5);
    });

    it('walks the fulfilment path with conditional moves and refuses skips', async () => {
      const order = await place(1);
      expect(await advanceOrder(database, order.id, 'packed', 'staff:a')).toMatchObject({ ok: false, code: 'invalid_transition' });
      await applyPaymentEvent(database, event('payment_succeeded', order.id, { amountMinor: 6800 }));
      expect((await advanceOrder(database, order.id, 'packed', 'staff:a')).ok).toBe(true);
      expect((await advanceOrder(database, order.id, 'ready_for_pickup', 'staff:a')).ok).toBe(true);
      expect((await advanceOrder(database, order.id, 'completed', 'staff:a')).ok).toBe(true);
      expect((await advanceOrder(database, order.id, 'paid', 'staff:a')).ok).toBe(false);
      const receipt = await readOrderReceipt(database.db, order.token, 'zh-CN');
      expect(receipt).toMatchObject({ status: 'completed', statusLabel: '已完成', totalMinor: 6800, fulfilment: { type: 'pickup', name: '合作社门市' } });
    });

    it('the sweep cancels only pending orders past expiry and grace', async () => {
      const order = await place(1);
      expect((await sweepExpiredReservations(database, { now: new Date() })).cancelled).toEqual([]);
      expect((await sweepExpiredReservations(database, { now: new Date(Date.now() + 41 * 60_000) })).cancelled).toEqual([order.id]);
      expect(await stockOf(shop.pearVariantId)).toBe(5);
    });

    it('events for unknown orders are recorded once and change nothing', async () => {
      const e = event('payment_succeeded', 'ord_unknown');
      expect((await applyPaymentEvent(database, e)).outcome).toBe('unknown_order');
      expect((await applyPaymentEvent(database, e)).outcome).toBe('duplicate');
    });

    it("lists a cooperative's orders newest first, by status, page by page", async () => {
      const a = await place(1);
      const b = await place(2);
      await applyPaymentEvent(database, event('payment_succeeded', b.id, { amountMinor: 13600 }));
      const all = await listCooperativeOrders(database.db, shop.coopId);
      expect(all.map((o) => o.id).sort()).toEqual([a.id, b.id].sort());
      expect(all.find((o) => o.id === b.id)).toMatchObject({ status: 'paid', totalMinor: 13600, lineCount: 1, unitCount: 2, fulfilmentType: 'pickup' });
      expect((await listCooperativeOrders(database.db, shop.coopId, { status: 'paid' })).map((o) => o.id)).toEqual([b.id]);
      const first = await listCooperativeOrders(database.db, shop.coopId, { limit: 1 });
      const next = await listCooperativeOrders(database.db, shop.coopId, { limit: 1, before: { createdAt: first[0]!.createdAt, id: first[0]!.id } });
      expect(next).toHaveLength(1);
      expect(next[0]!.id).not.toBe(first[0]!.id);
      const other = await createCheckoutTestShop(database.db, { slug: 'other-coop' });
      expect(await listCooperativeOrders(database.db, other.coopId)).toEqual([]);
    });

    it('receipt tokens are long and unguessable', async () => {
      const order = await place(1);
      expect(order.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(await readOrderReceipt(database.db, order.token.slice(0, -1) + (order.token.endsWith('A') ? 'B' : 'A'))).toBeUndefined();
      expect(await readOrderReceipt(database.db, "' or 1=1 --")).toBeUndefined();
    });
  });
}
