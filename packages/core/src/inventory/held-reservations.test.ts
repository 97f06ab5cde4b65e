import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { abandonOrder, checkoutRequestHash, placeOrder } from '../orders/place-order';
import { TEST_DIALECTS, createCheckoutTestShop, type CheckoutTestShop, type TestDatabase } from '../testing/index';
import { countHeldReservations } from './stock';

for (const dialect of TEST_DIALECTS) {
  describe(`countHeldReservations on ${dialect.name}`, () => {
    let database: TestDatabase;
    let shop: CheckoutTestShop;
    beforeEach(async () => {
      database = await dialect.open();
      shop = await createCheckoutTestShop(database.db, { stock: 10 });
    });
    afterEach(() => database.destroy());

    const place = async (quantity: number, key: string) => {
      const body = { lines: [{ variantId: shop.pearVariantId, quantity }], fulfilment: { type: 'pickup' as const, pickupPointId: shop.pickupPointId } };
      const result = await placeOrder(database, {
        cooperativeId: shop.coopId,
        ...body,
        locale: 'en',
        idempotencyKey: key,
        requestHash: checkoutRequestHash(body),
        paymentProvider: 'test',
        expiresAt: new Date(Date.now() + 30 * 60_000),
      });
      if (result.kind !== 'placed') throw new Error(`expected placed, got ${result.kind}`);
      return result.order;
    };

    it('counts the reservations holding stock and their units, and drops released ones', async () => {
      expect(await countHeldReservations(database.db)).toEqual({ reservations: 0, units: 0 });
      const first = await place(2, 'a');
      await place(3, 'b');
      expect(await countHeldReservations(database.db)).toEqual({ reservations: 2, units: 5 });
      await abandonOrder(database, first.id, 'payment_provider_error', {});
      expect(await countHeldReservations(database.db)).toEqual({ reservations: 1, units: 3 });
    });
  });
}
