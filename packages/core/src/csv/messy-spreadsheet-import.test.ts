import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { createCooperative } from '../catalog/catalog-writer';
import { listProductsWithVariants } from '../catalog/catalog-editor';
import { ImportMappingError, type ColumnMapping } from './column-mapping';
import { loadImportSettings, saveImportSettings } from './import-settings';
import { importProducts, planProductImport } from './product-import';

/*
 * Issue 13's check: a cooperative's own spreadsheet (fixtures/README.md), in GB18030 and in
 * UTF-8 with a BOM, imports through the mapping step with exactly its two unreadable rows
 * reported.
 */
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const FILES = [
  { name: 'messy-cooperative.gb18030.csv', encoding: 'gb18030' },
  { name: 'messy-cooperative.utf8-bom.csv', encoding: 'utf-8-bom' },
] as const;

const EXPECTED_MAPPING: ColumnMapping = {
  商品名称: 'title_zh',
  规格: 'variant_zh',
  价格: 'price',
  库存: 'stock',
  分类: 'category',
  上市月份: 'season',
  单位: 'unit',
  简介: 'summary_zh',
};

for (const dialect of TEST_DIALECTS) {
  describe(`a messy cooperative spreadsheet on ${dialect.name}`, () => {
    let database: TestDatabase;
    let coopId: string;
    beforeEach(async () => {
      database = await dialect.open();
      coopId = (
        await createCooperative(database.db, {
          slug: 'shan',
          name: { 'zh-CN': '山村合作社' },
          description: {},
          place: { name: {} },
          contact: {},
          allowedOrigins: [],
        })
      ).id;
    });
    afterEach(() => database.destroy());

    for (const file of FILES) {
      it(`imports ${file.name} through the mapping step, naming exactly the two unreadable rows`, async () => {
        const bytes = fixture(file.name);
        // Upload: the plan suggests a mapping from the cooperative's own headers, with samples.
        const first = await planProductImport(database.db, coopId, bytes);
        expect(first.encoding).toBe(file.encoding);
        expect(first.mappingSource).toBe('suggested');
        expect(Object.fromEntries(first.columns.map((c) => [c.header, c.field]))).toEqual(EXPECTED_MAPPING);
        expect(first.columns.find((c) => c.header === '价格')!.samples).toEqual(['¥12', '12元', '168元']);
        // By default the differing summary is a conflict for the user to resolve, beside the two unreadable rows.
        expect(first.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
          [3, 'summary_zh', 'inconsistent_product'],
          [7, 'price', 'invalid_price'],
          [8, 'stock', 'invalid_number'],
        ]);
        expect(first.productFieldConflicts).toEqual([{ row: 3, firstRow: 2, column: 'summary_zh', resolution: 'report' }]);
        for (const e of first.errors) expect(e.messageZh).toMatch(/[\u4e00-\u9fff]/);

        // The mapping step answers with the (confirmed) mapping and "use the first row".
        const mapping = Object.fromEntries(first.columns.map((c) => [c.header, c.field]));
        const options = { mapping, productFieldConflict: 'first-row', invalidRows: 'skip' } as const;
        const dry = await planProductImport(database.db, coopId, bytes, options);
        expect(dry.valid).toBe(true);
        expect(dry.errors).toEqual([]);
        expect(dry.skippedRows.map((e) => [e.row, e.column, e.reason])).toEqual([
          [7, 'price', 'invalid_price'],
          [8, 'stock', 'invalid_number'],
        ]);
        expect(dry.summary).toEqual({ create: 7, update: 0, unchanged: 0 });
        expect(await listProductsWithVariants(database.db, coopId)).toEqual([]);

        const imported = await importProducts(database.db, coopId, bytes, { ...options, saveMapping: true });
        expect(imported.valid).toBe(true);
        expect(imported.skippedRows.map((e) => e.row)).toEqual([7, 8]);
        const products = await listProductsWithVariants(database.db, coopId);
        const byTitle = new Map(products.map((p) => [p.title['zh-CN'], p]));
        expect([...byTitle.keys()].sort()).toEqual(['土蜂蜜', '山楂酱', '晒干的枣', '竹编茶具', '红富士', '黄花梨'].sort());
        const jam = byTitle.get('山楂酱')!;
        expect(jam.summary['zh-CN']).toBe('老人手工熬的山楂酱');
        expect(jam.category).toBe('processed');
        expect(jam.harvestWindows).toEqual([{ fromMonth: 9, toMonth: 11 }]);
        expect(jam.variants.map((v) => [v.label['zh-CN'], v.priceMinor, v.unit, v.stockOnHand])).toEqual([
          ['小瓶', 1200, 'piece', 30],
          ['大瓶', 1200, 'piece', 12],
        ]);
        expect(byTitle.get('竹编茶具')).toMatchObject({ category: 'craft', variants: [{ priceMinor: 16800, unit: 'piece', stockOnHand: 3 }] });
        expect(byTitle.get('土蜂蜜')).toMatchObject({ harvestWindows: [{ fromMonth: 1, toMonth: 12 }], variants: [{ priceMinor: 18000 }] });
        expect(byTitle.get('黄花梨')).toMatchObject({
          category: 'fresh',
          harvestWindows: [{ fromMonth: 9, toMonth: 11 }],
          variants: [{ priceMinor: 1250, unit: 'jin', unitQuantity: 1, stockOnHand: 200 }],
        });
        expect(byTitle.get('红富士')).toMatchObject({ variants: [{ priceMinor: 1250, unit: 'box' }] });
        expect(byTitle.has('核桃') || byTitle.has('小米')).toBe(false);

        // Remembered: the next import of the same file is suggested from the saved mapping and changes nothing.
        expect((await loadImportSettings(database.db, coopId)).columns).toEqual(EXPECTED_MAPPING);
        const again = await planProductImport(database.db, coopId, bytes, { productFieldConflict: 'first-row', invalidRows: 'skip' });
        expect(again.columns.every((c) => c.source === 'remembered')).toBe(true);
        expect(again.summary).toEqual({ create: 0, update: 0, unchanged: 7 });
      });
    }

    it('refuses, all or nothing, while any row is unreadable and "skip" was not chosen', async () => {
      const bytes = fixture('messy-cooperative.utf8-bom.csv');
      const result = await importProducts(database.db, coopId, bytes, { productFieldConflict: 'first-row' });
      expect(result.valid).toBe(false);
      expect(result.errors.map((e) => e.row)).toEqual([7, 8]);
      expect(await listProductsWithVariants(database.db, coopId)).toEqual([]);
    });

    it('refuses an unusable mapping by naming it: unknown field, unknown column, a field twice, a required field unmapped', async () => {
      const bytes = fixture('messy-cooperative.gb18030.csv');
      const issues = async (mapping: Record<string, unknown>) => {
        try {
          await planProductImport(database.db, coopId, bytes, { mapping: mapping as ColumnMapping });
        } catch (error) {
          expect(error).toBeInstanceOf(ImportMappingError);
          return (error as ImportMappingError).issues.map((i) => [i.field, i.code]);
        }
        throw new Error('mapping accepted');
      };
      expect(await issues({ ...EXPECTED_MAPPING, 简介: 'colour' })).toEqual([['mapping.简介', 'unknown_field']]);
      expect(await issues({ ...EXPECTED_MAPPING, 备注: 'tags' })).toEqual([['mapping.备注', 'unknown_column']]);
      expect(await issues({ ...EXPECTED_MAPPING, 规格: 'title_zh' })).toEqual([['mapping.规格', 'duplicate_field']]);
      expect(await issues({ ...EXPECTED_MAPPING, 价格: null })).toEqual([['mapping.price', 'required_field_unmapped']]);
      expect(await issues({ 价格: 'price' })).toEqual([['mapping.title_zh', 'required_field_unmapped']]);
    });

    it("reads the cooperative's own words: a saved category and unit word turns an unreadable row into a product", async () => {
      const csv = '品名,售价,单位,类别\r\n酸枣仁,¥30,坛,山货\r\n';
      const bytes = new TextEncoder().encode(csv);
      const before = await planProductImport(database.db, coopId, bytes);
      expect(before.errors.map((e) => [e.row, e.column, e.reason, e.word])).toEqual([
        [2, 'category', 'unknown_category', '山货'],
        [2, 'unit', 'unknown_unit', '坛'],
      ]);
      await saveImportSettings(database.db, coopId, { columns: {}, words: { categories: { 山货: 'processed' }, units: { 坛: 'piece' } } });
      const after = await importProducts(database.db, coopId, bytes);
      expect(after.errors).toEqual([]);
      const [product] = await listProductsWithVariants(database.db, coopId);
      expect(product).toMatchObject({ category: 'processed', variants: [{ priceMinor: 3000, unit: 'piece' }] });
      // A product known by title is updated, not created again, when the file has no slug column.
      const update = await planProductImport(database.db, coopId, new TextEncoder().encode('品名,售价,单位,类别\r\n酸枣仁,¥32,坛,山货\r\n'));
      expect(update.rows).toMatchObject([{ productSlug: product!.slug, title: '酸枣仁', action: 'update', changes: ['price'] }]);
    });

    it('is not fooled by hostile headers and cells ("constructor", "__proto__", "toString")', async () => {
      const csv = 'constructor,__proto__,toString,品名,价格,单位,分类,状态\r\nx,y,z,梨,12,constructor,toString,__proto__\r\n';
      const bytes = new TextEncoder().encode(csv);
      const plan = await planProductImport(database.db, coopId, bytes);
      expect(plan.columns.map((c) => c.field)).toEqual([null, null, null, 'title_zh', 'price', 'unit', 'category', 'status']);
      expect(plan.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
        [2, 'category', 'unknown_category'],
        [2, 'status', 'unknown_status'],
        [2, 'unit', 'unknown_unit'],
      ]);
      const explicit = await planProductImport(database.db, coopId, bytes, { mapping: { 品名: 'title_zh', 价格: 'price' } });
      expect(explicit.columns.map((c) => c.field)).toEqual([null, null, null, 'title_zh', 'price', null, null, null]);
      expect(await importProducts(database.db, coopId, bytes)).toMatchObject({ valid: false });
      expect(await listProductsWithVariants(database.db, coopId)).toEqual([]);
    });

    it('sniffs tab and semicolon delimiters', async () => {
      for (const [delimiter, text] of [
        ['\t', '品名\t价格\t单位\t分类\r\n梨\t12,5\t斤\t鲜果\r\n'],
        [';', '品名;价格;单位;分类\r\n梨;"12.5";斤;鲜果\r\n'],
      ] as const) {
        const plan = await planProductImport(database.db, coopId, new TextEncoder().encode(text));
        expect(plan.delimiter).toBe(delimiter);
        expect(plan.columns.map((c) => c.field)).toEqual(['title_zh', 'price', 'unit', 'category']);
      }
    });
  });
}
