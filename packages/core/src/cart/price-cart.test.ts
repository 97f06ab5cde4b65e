import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, createCheckoutTestShop, type CheckoutTestShop, type TestDatabase } from '../testing/index';
import { priceCart } from './price-cart';
import { listFulfilmentOptions } from './fulfilment';

for (const dialect of TEST_DIALECTS) {
  describe(`priceCart on ${dialect.name}`, () => {
    let database: TestDatabase;
    let shop: CheckoutTestShop;
    beforeEach(async () => {
      database = await dialect.open();
      shop = await createCheckoutTestShop(database.db, { stock: 5 });
    });
    afterEach(() => database.destroy());

    it('prices lines, delivery fee and total in integer minor units from the database', async () => {
      const result = await priceCart(database.db, {
        cooperativeId: shop.coopId,
        lines: [
          { variantId: shop.pearVariantId, quantity: 2 },
          { variantId: shop.basketVariantId, quantity: 1 },
        ],
        fulfilment: { type: 'delivery', region: 'Shandong', address: { line1: 'x' } },
      });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.quote.lines.map((l) => [l.unitPriceMinor, l.lineTotalMinor, l.available])).toEqual([
        [6800, 13600, 5],
        [12000, 12000, 3],
      ]);
      expect(result.quote).toMatchObject({ currency: 'CNY', subtotalMinor: 25600, fulfilmentFeeMinor: 800, totalMinor: 26400 });
    });

    it('charges the flat fee outside listed regions and nothing for pickup', async () => {
      const lines = [{ variantId: shop.pearVariantId, quantity: 1 }];
      const far = await priceCart(database.db, { cooperativeId: shop.coopId, lines, fulfilment: { type: 'delivery', region: 'yunnan', address: {} } });
      const pickup = await priceCart(database.db, { cooperativeId: shop.coopId, lines, fulfilment: { type: 'pickup', pickupPointId: shop.pickupPointId } });
      expect(far.ok && far.quote.totalMinor).toBe(6800 + 1500);
      expect(pickup.ok && pickup.quote.totalMinor).toBe(6800);
    });

    it('lists every bad line with its field and code', async () => {
      const result = await priceCart(database.db, {
        cooperativeId: shop.coopId,
        locale: 'zh-CN',
        lines: [
          { variantId: 'var_nope', quantity: 1 },
          { variantId: shop.archivedVariantId, quantity: 1 },
          { variantId: shop.pearVariantId, quantity: 0 },
          { variantId: shop.pearVariantId, quantity: 1.5 },
          { variantId: shop.basketVariantId, quantity: 11 },
          { variantId: shop.outOfSeasonVariantId, quantity: 1 },
          { variantId: shop.usdVariantId, quantity: 1 },
        ],
        fulfilment: { type: 'pickup', pickupPointId: 'ful_missing' },
      });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.issues.map((i) => [i.field, i.code])).toEqual([
        ['lines[0].variantId', 'unknown_variant'],
        ['lines[1].variantId', 'unavailable'],
        ['lines[2].quantity', 'quantity_too_low'],
        ['lines[3].quantity', 'quantity_not_integer'],
        ['lines[4].quantity', 'quantity_too_high'],
        ['lines[5].variantId', 'unavailable'],
        ['lines[6].variantId', 'mixed_currency'],
        ['fulfilment.pickupPointId', 'unknown_fulfilment'],
      ]);
      expect(result.issues[0]!.message).toBe('找不到该商品规格。');
      expect(result.issues[4]!.max).toBe(10);
    });

    it('reports out of stock with the quantity still available, summed over lines', async () => {
      const result = await priceCart(database.db, {
        cooperativeId: shop.coopId,
        lines: [
          { variantId: shop.pearVariantId, quantity: 3 },
          { variantId: shop.pearVariantId, quantity: 3 },
        ],
      });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.issues).toHaveLength(2);
      expect(result.issues[0]).toMatchObject({ code: 'out_of_stock', available: 5 });
    });

    it('allows pre-order lines only for out-of-season products that allow them, without stock', async () => {
      const result = await priceCart(database.db, { cooperativeId: shop.coopId, lines: [{ variantId: shop.preorderVariantId, quantity: 2 }] });
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.quote.lines[0]).toMatchObject({ preorder: true, lineTotalMinor: 19800, available: 0 });
    });

    it('treats a variant of another cooperative as unknown', async () => {
      const other = await createCheckoutTestShop(database.db, { slug: 'other-coop' });
      const result = await priceCart(database.db, { cooperativeId: shop.coopId, lines: [{ variantId: other.pearVariantId, quantity: 1 }] });
      expect(!result.ok && result.issues[0]!.code).toBe('unknown_variant');
    });

    it('refuses empty carts and delivery to regions without a fee', async () => {
      const empty = await priceCart(database.db, { cooperativeId: shop.coopId, lines: [] });
      expect(!empty.ok && empty.issues[0]!.code).toBe('empty_cart');
      const options = await listFulfilmentOptions(database.db, shop.coopId);
      expect(options.map((o) => o.kind)).toEqual(['pickup', 'delivery']);
    });
  });
}
