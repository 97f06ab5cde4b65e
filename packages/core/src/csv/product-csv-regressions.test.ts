import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCooperative, createProduct, csvCell, exportProductsCsv, importProducts, planProductImport, type NewProduct } from '../index';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';

/*
 * Counter-examples the export → import property found (product-csv.property.test.ts), kept
 * as plain examples: each failed before its fix.
 */

for (const dialect of TEST_DIALECTS) {
  describe(`product CSV round trip regressions on ${dialect.name}`, () => {
    let database: TestDatabase;
    let coopId: string;
    beforeEach(async () => {
      database = await dialect.open();
      coopId = (
        await createCooperative(database.db, {
          slug: 'csv-coop',
          name: { en: 'CSV' },
          description: {},
          place: { name: { en: 'Here' } },
          contact: {},
          allowedOrigins: [],
        })
      ).id;
    });
    afterEach(() => database.destroy());

    const product = (overrides: Partial<NewProduct>): NewProduct => ({
      cooperativeId: coopId,
      slug: 'pear',
      category: 'fresh',
      title: { 'zh-CN': '梨' },
      summary: {},
      description: {},
      images: [],
      tags: [],
      certifications: [],
      harvestWindows: [],
      variants: [{ label: { 'zh-CN': '5斤' }, priceMinor: 6800, unit: 'jin', unitQuantity: 5, stockOnHand: 3 }],
      ...overrides,
    });
    const reimport = async () => planProductImport(database.db, coopId, new TextEncoder().encode(await exportProductsCsv(database.db, coopId)));

    it('an empty or blank text re-imports unchanged (was: "update summary")', async () => {
      await createProduct(database.db, product({ summary: { en: '' } }));
      await createProduct(database.db, product({ slug: 'basket', summary: { 'zh-CN': ' ' } }));
      const plan = await reimport();
      expect(plan.errors).toEqual([]);
      expect(plan.rows.map((r) => r.action)).toEqual(['unchanged', 'unchanged']);
    });

    it('a variant label with surrounding spaces is found again, not created twice (was: "create")', async () => {
      await createProduct(database.db, product({ variants: [{ label: { en: ' 梨 ' }, priceMinor: 100, unit: 'piece', unitQuantity: 1, stockOnHand: 1 }] }));
      const plan = await reimport();
      expect(plan.rows.map((r) => r.action)).toEqual(['unchanged']);
      const imported = await importProducts(database.db, coopId, new TextEncoder().encode(await exportProductsCsv(database.db, coopId)));
      expect(imported.summary).toEqual({ create: 0, update: 0, unchanged: 1 });
    });

    it('a title that starts with an apostrophe before a formula character survives the guard (was: "\'@" → "@")', async () => {
      expect(csvCell("'=1+1")).toBe("''=1+1");
      expect(csvCell("'plain")).toBe("'plain");
      await createProduct(database.db, product({ title: { en: "'@ home" } }));
      const plan = await reimport();
      expect(plan.rows.map((r) => [r.action, r.changes])).toEqual([['unchanged', []]]);
    });
  });
}
