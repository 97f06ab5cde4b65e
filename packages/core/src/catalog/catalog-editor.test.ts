import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { createCooperative, createProduct, createStory } from './catalog-writer';
import { deleteProduct, loadProduct, updateProduct, updateVariant } from './catalog-editor';
import { adjustStock, listStockAdjustments } from '../inventory/stock-adjustments';
import { loadStory, loadStoryLinks, putStoryProductLink, removeStoryProductLink } from '../stories/story-editor';

async function seed(database: TestDatabase) {
  const coop = await createCooperative(database.db, {
    slug: 'a',
    name: { 'zh-CN': '甲' },
    description: {},
    place: { name: {} },
    contact: {},
    allowedOrigins: [],
  });
  const other = await createCooperative(database.db, {
    slug: 'b',
    name: { 'zh-CN': '乙' },
    description: {},
    place: { name: {} },
    contact: {},
    allowedOrigins: [],
  });
  const product = await createProduct(database.db, {
    cooperativeId: coop.id,
    slug: 'pear',
    category: 'fresh',
    title: { 'zh-CN': '莱阳梨', en: 'Laiyang pear' },
    summary: {},
    description: {},
    images: [],
    tags: [],
    certifications: [],
    harvestWindows: [{ fromMonth: 9, toMonth: 10 }],
    variants: [{ label: { 'zh-CN': '5斤' }, priceMinor: 6800, unit: 'jin', unitQuantity: 5, stockOnHand: 10 }],
  });
  return { coop, other, product, variant: product.variants[0]! };
}

for (const dialect of TEST_DIALECTS) {
  describe(`catalog editor on ${dialect.name}`, () => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await dialect.open();
    });
    afterEach(() => database.destroy());

    it('never takes stock below zero, even with parallel adjustments, and records each', async () => {
      const { coop, variant } = await seed(database);
      const results = await Promise.all(
        Array.from({ length: 25 }, () =>
          database.db.transaction().execute((trx) => adjustStock(trx, { cooperativeId: coop.id, variantId: variant.id, delta: -1, reason: 'sold-offline' })),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(10);
      expect(results.find((r) => !r.ok)).toEqual({ ok: false, available: 0 });
      const row = await database.db.selectFrom('variants').select('stock_on_hand').where('id', '=', variant.id).executeTakeFirstOrThrow();
      expect(Number(row.stock_on_hand)).toBe(0);
      const ledger = await listStockAdjustments(database.db, coop.id, variant.id);
      expect(ledger).toHaveLength(10);
      expect(ledger.map((l) => l.stockAfter).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it("refuses to adjust another cooperative's variant", async () => {
      const { other, variant } = await seed(database);
      expect((await adjustStock(database.db, { cooperativeId: other.id, variantId: variant.id, delta: 5, reason: 'restock' })).ok).toBe(false);
      expect(await listStockAdjustments(database.db, other.id, variant.id)).toHaveLength(0);
    });

    it('updates products and variants, keeping derived columns', async () => {
      const { coop, other, product, variant } = await seed(database);
      await updateProduct(database.db, { ...product, title: { 'zh-CN': '秋月梨' }, tags: ['Autumn'], harvestWindows: [{ fromMonth: 11, toMonth: 2 }] });
      await updateVariant(database.db, { ...variant, priceMinor: 5900 });
      const row = await database.db.selectFrom('products').selectAll().where('id', '=', product.id).executeTakeFirstOrThrow();
      expect(row.search_text).toContain('autumn');
      expect(Number(row.season_mask)).toBe(0b100000000011 | (1 << 10));
      expect(Number(row.price_from_minor)).toBe(5900);
      expect(await loadProduct(database.db, other.id, product.id)).toBeUndefined();
      expect(await deleteProduct(database.db, other.id, product.id)).toBe(false);
      expect((await loadProduct(database.db, coop.id, product.id))?.variants[0]?.priceMinor).toBe(5900);
    });

    it('links stories and products idempotently', async () => {
      const { coop, product } = await seed(database);
      const story = await createStory(database.db, {
        cooperativeId: coop.id,
        slug: 'grafting',
        kind: 'craft-technique',
        title: { 'zh-CN': '嫁接' },
        summary: {},
        body: {},
        media: [],
      });
      await putStoryProductLink(database.db, story.id, product.id, 'made-with-technique', 0);
      await putStoryProductLink(database.db, story.id, product.id, 'made-with-technique', 3);
      expect((await loadStoryLinks(database.db, story.id)).products).toEqual([{ productId: product.id, relation: 'made-with-technique', position: 3 }]);
      expect(await removeStoryProductLink(database.db, story.id, product.id)).toBe(true);
      expect((await loadStoryLinks(database.db, story.id)).products).toEqual([]);
      expect((await loadStory(database.db, coop.id, story.id))?.slug).toBe('grafting');
    });
  });
}
