import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  abandonOrder,
  adjustStock,
  advanceOrder,
  applyPaymentEvent,
  attachPaymentSession,
  checkoutRequestHash,
  placeOrder,
  sweepExpiredReservations,
  type OrderRecord,
  type PaymentEvent,
} from '../index';
import { TEST_DIALECTS, createCheckoutTestShop, propertyParameters, propertyTimeout, type TestDatabase } from '../testing/index';

/*
 * Stock is conserved whatever happens to orders, in whatever order: for every variant,
 * on hand + held + sold = what the cooperative put in (initial stock + its adjustments),
 * and nothing is ever negative. Events go through core's public functions only: checkout
 * (placeOrder), payment webhooks (applyPaymentEvent: paid, failed, expired, refunded, and
 * paid after expiry), the expiry sweep, abandoning a checkout, shipping, hand adjustments,
 * and replays of events already applied. Some steps run concurrently.
 */

type Step =
  | { kind: 'reserve'; pear: number; basket: number; preorder: number }
  | { kind: 'pay'; order: number; wrongAmount: boolean }
  | { kind: 'expire' | 'fail' | 'abandon' | 'ship'; order: number }
  | { kind: 'refund'; order: number; full: boolean }
  | { kind: 'sweep' }
  | { kind: 'adjust'; variant: 'pear' | 'basket'; delta: number }
  | { kind: 'replay'; event: number };

const order = fc.nat({ max: 7 });
const simpleStep: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({ kind: fc.constant('reserve' as const), pear: fc.nat({ max: 4 }), basket: fc.nat({ max: 3 }), preorder: fc.nat({ max: 2 }) }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('pay' as const), order, wrongAmount: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, fc.constant(false)) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('expire' as const, 'fail' as const, 'abandon' as const, 'ship' as const), order }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('refund' as const), order, full: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'sweep' as const }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('adjust' as const),
      variant: fc.constantFrom('pear' as const, 'basket' as const),
      delta: fc.integer({ min: -6, max: 6 }).filter((d) => d !== 0),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('replay' as const), event: fc.nat({ max: 20 }) }) },
);
/** A batch of steps: usually one, sometimes several at once (real concurrency on PostgreSQL). */
const batch = fc.oneof({ weight: 4, arbitrary: simpleStep.map((s) => [s]) }, fc.array(simpleStep, { minLength: 2, maxLength: 4 }));

for (const dialect of TEST_DIALECTS) {
  describe(`stock conservation property on ${dialect.name}`, () => {
    let database: TestDatabase;
    let shopNo = 0;
    beforeAll(async () => {
      database = await dialect.open();
    });
    afterAll(() => database.destroy());

    it(
      'on hand + held + sold is conserved and never negative, for any interleaving of events',
      async () => {
        await fc.assert(
          fc.asyncProperty(fc.integer({ min: 0, max: 6 }), fc.array(batch, { minLength: 1, maxLength: 14 }), async (initialPears, batches) => {
            const shop = await createCheckoutTestShop(database.db, { stock: initialPears, slug: `stock-prop-${++shopNo}` });
            const variants = { pear: shop.pearVariantId, basket: shop.basketVariantId } as const;
            const putIn = { [shop.pearVariantId]: initialPears, [shop.basketVariantId]: 3 } as Record<string, number>;
            const orders: OrderRecord[] = [];
            const applied: PaymentEvent[] = [];
            let seq = 0;
            const base = Date.now();
            const pick = (index: number) => (orders.length === 0 ? undefined : orders[index % orders.length]);
            const event = (kind: PaymentEvent['kind'], o: OrderRecord, extra: Partial<PaymentEvent> = {}): PaymentEvent => ({
              id: `evt_${shopNo}_${++seq}`,
              provider: 'test',
              type: kind,
              kind,
              orderId: o.id,
              sessionRef: `cs_${o.id}`,
              occurredAt: new Date(),
              ...extra,
            });
            const apply = async (e: PaymentEvent) => {
              await applyPaymentEvent(database, e);
              applied.push(e); // replayable once it has been applied
            };

            const run = async (step: Step): Promise<void> => {
              switch (step.kind) {
                case 'reserve': {
                  const lines = [
                    ...(step.pear > 0 ? [{ variantId: variants.pear, quantity: step.pear }] : []),
                    ...(step.basket > 0 ? [{ variantId: variants.basket, quantity: step.basket }] : []),
                    ...(step.preorder > 0 ? [{ variantId: shop.preorderVariantId, quantity: step.preorder }] : []),
                  ];
                  if (lines.length === 0) return;
                  const body = { lines, fulfilment: { type: 'pickup' as const, pickupPointId: shop.pickupPointId } };
                  const expiresAt = new Date(base + 31 * 60_000);
                  const result = await placeOrder(database, {
                    cooperativeId: shop.coopId,
                    ...body,
                    locale: 'en',
                    idempotencyKey: `k${++seq}`,
                    requestHash: checkoutRequestHash(body),
                    paymentProvider: 'test',
                    expiresAt,
                  });
                  if (result.kind !== 'placed') {
                    expect(['sold_out', 'invalid']).toContain(result.kind);
                    return;
                  }
                  orders.push(
                    await attachPaymentSession(database, result.order.id, {
                      sessionRef: `cs_${result.order.id}`,
                      redirectUrl: 'https://pay.example/s',
                      expiresAt,
                    }),
                  );
                  return;
                }
                case 'pay': {
                  const o = pick(step.order);
                  if (o)
                    await apply(
                      event('payment_succeeded', o, {
                        amountMinor: Number(o.total_minor) + (step.wrongAmount ? 1 : 0),
                        currency: o.currency,
                        paymentRef: `pi_${o.id}`,
                      }),
                    );
                  return;
                }
                case 'expire':
                case 'fail': {
                  const o = pick(step.order);
                  if (o) await apply(event(step.kind === 'expire' ? 'session_expired' : 'payment_failed', o));
                  return;
                }
                case 'refund': {
                  const o = pick(step.order);
                  const total = Number(o?.total_minor ?? 0);
                  if (o) await apply(event('refund_updated', o, { paymentRef: `pi_${o.id}`, amountRefundedMinor: step.full ? total : Math.floor(total / 2) }));
                  return;
                }
                case 'abandon': {
                  const o = pick(step.order);
                  if (o) await abandonOrder(database, o.id, 'payment_provider_error');
                  return;
                }
                case 'ship': {
                  const o = pick(step.order);
                  if (!o) return;
                  // Staff moves; refused ones (not paid yet, already shipped) change nothing.
                  await advanceOrder(database, o.id, 'packed', 'staff:prop');
                  await advanceOrder(database, o.id, 'shipped', 'staff:prop');
                  return;
                }
                case 'sweep':
                  await sweepExpiredReservations(database, { now: new Date(base + 3 * 3600_000), graceMs: 0 });
                  return;
                case 'adjust': {
                  const result = await adjustStock(database.db, {
                    cooperativeId: shop.coopId,
                    variantId: variants[step.variant],
                    delta: step.delta,
                    reason: 'count-correction',
                  });
                  if (result.ok) putIn[variants[step.variant]] = (putIn[variants[step.variant]] ?? 0) + step.delta;
                  else expect(result.available).toBeGreaterThanOrEqual(0); // a concurrent step may have changed it since
                  return;
                }
                case 'replay': {
                  const again = applied[step.event % Math.max(applied.length, 1)];
                  if (again) expect((await applyPaymentEvent(database, again)).outcome).toBe('duplicate');
                  return;
                }
              }
            };

            for (const steps of batches) {
              await Promise.all(steps.map(run));
              for (const variantId of [shop.pearVariantId, shop.basketVariantId]) {
                const onHand = Number(
                  (await database.db.selectFrom('variants').select('stock_on_hand').where('id', '=', variantId).executeTakeFirstOrThrow()).stock_on_hand,
                );
                const reservations = await database.db
                  .selectFrom('stock_reservations')
                  .select(['status', 'quantity'])
                  .where('variant_id', '=', variantId)
                  .execute();
                const units = (status: string) => reservations.filter((r) => r.status === status).reduce((sum, r) => sum + Number(r.quantity), 0);
                expect(onHand).toBeGreaterThanOrEqual(0);
                for (const r of reservations) expect(Number(r.quantity)).toBeGreaterThan(0);
                expect({ variantId, total: onHand + units('held') + units('consumed') }).toEqual({ variantId, total: putIn[variantId] });
              }
            }
          }),
          propertyParameters(dialect.name === 'sqlite' ? 40 : 25),
        );
      },
      propertyTimeout(),
    );
  });
}
