import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { seedDemoVillage } from '../seed/seed';
import { getCheckoutSettings, listFulfilmentOptions } from './fulfilment';
import { seedDemoFulfilment } from './demo-fulfilment';
import { priceCart } from './price-cart';

for (const dialect of TEST_DIALECTS) {
  describe(`demo fulfilment on ${dialect.name}`, () => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await dialect.open();
    });
    afterEach(() => database.destroy());

    it('gives the demo village pickup points, delivery fees and payment methods, once', async () => {
      const seeded = await seedDemoVillage(database.db);
      await seedDemoFulfilment(database.db, seeded.cooperativeId);
      const options = await listFulfilmentOptions(database.db, seeded.cooperativeId);
      expect(options.map((o) => o.kind)).toEqual(['pickup', 'pickup', 'delivery']);
      expect((await getCheckoutSettings(database.db, seeded.cooperativeId)).paymentMethods).toEqual(['card', 'alipay', 'wechat_pay']);
      const variantId = Object.values(seeded.variants)[0]!;
      const quote = await priceCart(database.db, {
        cooperativeId: seeded.cooperativeId,
        lines: [{ variantId, quantity: 1 }],
        fulfilment: { type: 'delivery', region: 'shandong', address: {} },
      });
      // Whatever the season of the first demo product, the delivery fee for Shandong is 1000 when the line is sellable.
      if (quote.ok) expect(quote.quote.fulfilmentFeeMinor).toBe(1000);
      else expect(quote.issues.every((i) => i.field.startsWith('lines['))).toBe(true);
    });
  });
}
