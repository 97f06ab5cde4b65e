import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { createCooperative, createProduct } from '../catalog/catalog-writer';
import { exportProductsCsv } from './product-export';
import { importProducts, planProductImport } from './product-import';
import { seedDemoVillage } from '../seed/seed';

const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);

const PRICE_LIST = [
  '商品标识,类别,名称,英文名称,规格,价格,单位,库存,标签',
  'laiyang-pear,生鲜,莱阳梨,Laiyang pear,5斤装,¥68.00,5斤,40,梨|秋',
  'laiyang-pear,生鲜,莱阳梨,Laiyang pear,10斤装,128元,10斤,12,梨|秋',
  'straw-basket,手工艺,草编篮,"Straw basket, large",大号,１２０,个,3,',
  'pear-paste,加工,梨膏,Pear paste,"=HYPERLINK(""http://x"")",45.5,盒,0,',
].join('\r\n');

async function snapshot(database: TestDatabase) {
  const out: Record<string, unknown> = {};
  for (const table of ['products', 'variants', 'stock_adjustments', 'audit_log'] as const) {
    out[table] = (await database.db.selectFrom(table).selectAll().execute()).map((r) => JSON.stringify(r)).sort();
  }
  return JSON.stringify(out);
}

for (const dialect of TEST_DIALECTS) {
  describe(`product CSV import on ${dialect.name}`, () => {
    let database: TestDatabase;
    let coopId: string;
    beforeEach(async () => {
      database = await dialect.open();
      coopId = (
        await createCooperative(database.db, { slug: 'a', name: { 'zh-CN': '甲' }, description: {}, place: { name: {} }, contact: {}, allowedOrigins: [] })
      ).id;
    });
    afterEach(() => database.destroy());

    it('round-trips the whole demo catalog and products without variants: export → import is the identity', async () => {
      const demo = await seedDemoVillage(database.db);
      const base = { summary: {}, description: {}, images: [], tags: [], certifications: [], harvestWindows: [] };
      await createProduct(database.db, {
        ...base,
        cooperativeId: demo.cooperativeId,
        slug: 'no-variant-draft',
        category: 'craft',
        title: { 'zh-CN': '草稿' },
        status: 'draft',
        variants: [],
      });
      await createProduct(database.db, {
        ...base,
        cooperativeId: demo.cooperativeId,
        slug: 'no-variant-active',
        category: 'experience',
        title: { 'zh-CN': '采梨体验', en: 'Pear picking' },
        variants: [],
      });
      const exported = await exportProductsCsv(database.db, demo.cooperativeId);
      expect(exported).toContain('no-variant-active');

      // Into the same cooperative: valid, and every row unchanged.
      const before = await snapshot(database);
      const plan = await planProductImport(database.db, demo.cooperativeId, utf8(exported));
      expect(plan.errors).toEqual([]);
      expect(plan.summary.create + plan.summary.update).toBe(0);
      expect(plan.summary.unchanged).toBe(exported.trim().split(/\r?\n/).length - 1);
      const imported = await importProducts(database.db, demo.cooperativeId, utf8(exported));
      expect(imported.summary.unchanged).toBe(plan.summary.unchanged);
      expect(await snapshot(database)).toBe(before);

      // Into an empty cooperative: the same catalog comes back out.
      const copy = await createCooperative(database.db, {
        slug: 'copy',
        name: { 'zh-CN': '副本' },
        description: {},
        place: { name: {} },
        contact: {},
        allowedOrigins: [],
      });
      const created = await importProducts(database.db, copy.id, utf8(exported));
      expect(created.errors).toEqual([]);
      expect(await exportProductsCsv(database.db, copy.id)).toBe(exported);
    });

    it('dry-runs without writing, then imports; re-importing changes nothing', async () => {
      const before = await snapshot(database);
      const plan = await planProductImport(database.db, coopId, withBom(PRICE_LIST));
      expect(plan.valid).toBe(true);
      expect(plan.encoding).toBe('utf-8-bom');
      expect(plan.summary).toEqual({ create: 4, update: 0, unchanged: 0 });
      expect(plan.rows[0]).toMatchObject({ row: 2, productSlug: 'laiyang-pear', variant: '5斤装', action: 'create' });
      expect(await snapshot(database)).toBe(before);

      const actor = { kind: 'system', name: 'test' } as const;
      expect((await importProducts(database.db, coopId, withBom(PRICE_LIST), { actor })).summary).toEqual({ create: 4, update: 0, unchanged: 0 });
      const variants = await database.db.selectFrom('variants').selectAll().orderBy('price_minor').execute();
      expect(variants.map((v) => [JSON.parse(v.label)['zh-CN'], Number(v.price_minor), v.unit, Number(v.unit_quantity), Number(v.stock_on_hand)])).toEqual([
        ['=HYPERLINK("http://x")', 4550, 'box', 1, 0],
        ['5斤装', 6800, 'jin', 5, 40],
        ['大号', 12000, 'piece', 1, 3],
        ['10斤装', 12800, 'jin', 10, 12],
      ]);
      const pear = await database.db.selectFrom('products').selectAll().where('slug', '=', 'laiyang-pear').executeTakeFirstOrThrow();
      expect(JSON.parse(pear.tags)).toEqual(['梨', '秋']);
      expect(Number(pear.price_from_minor)).toBe(6800);

      const afterFirst = await snapshot(database);
      const again = await importProducts(database.db, coopId, withBom(PRICE_LIST), { actor });
      expect(again.summary).toEqual({ create: 0, update: 0, unchanged: 4 });
      expect(await snapshot(database)).toBe(afterFirst);
    });

    it('reports every bad row with its column and writes nothing', async () => {
      await createProduct(database.db, {
        cooperativeId: coopId,
        slug: 'laiyang-pear',
        category: 'fresh',
        title: { 'zh-CN': '梨' },
        summary: {},
        description: {},
        images: [],
        tags: [],
        certifications: [],
        harvestWindows: [],
        variants: [],
      });
      const before = await snapshot(database);
      const bad = [
        'product_slug,category,title_zh,variant_zh,price,unit,stock',
        'laiyang-pear,fresh,梨,5斤,68,斤,4',
        'new-thing,fresh,新,一个,12.345,个,1',
        '../etc/passwd,fresh,坏,x,1,个,1',
        'honey,fresh,蜂蜜,瓶,30,吨,1',
        'honey2,,蜂蜜,瓶,30,个,-1',
        'laiyang-pear,craft,梨,10斤,99,斤,1',
        'laiyang-pear,fresh,梨,5斤,70,斤,1',
        'tea,fresh,<script>alert(1)</script>,罐,1,个,1',
      ].join('\n');
      const plan = await planProductImport(database.db, coopId, utf8(bad));
      expect(plan.valid).toBe(false);
      expect(plan.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
        [3, 'price', 'invalid_price'],
        [4, 'product_slug', 'invalid_slug'],
        [5, 'unit', 'unknown_unit'],
        [6, 'stock', 'invalid_number'],
        [7, 'category', 'inconsistent_product'],
        [8, 'variant_zh', 'duplicate_variant'],
      ]);
      const result = await importProducts(database.db, coopId, utf8(bad));
      expect(result.valid).toBe(false);
      expect(await snapshot(database)).toBe(before);
    });

    it('imports GB18030 files from Chinese spreadsheet software', async () => {
      // "商品标识,类别,名称,价格,单位\r\npear,生鲜,莱阳梨,12.5,斤" encoded as GB18030 by hand.
      const gb = Buffer.concat([
        Buffer.from([0xc9, 0xcc, 0xc6, 0xb7, 0xb1, 0xea, 0xca, 0xb6]),
        Buffer.from(','),
        Buffer.from([0xc0, 0xe0, 0xb1, 0xf0]),
        Buffer.from(','),
        Buffer.from([0xc3, 0xfb, 0xb3, 0xc6]),
        Buffer.from(','),
        Buffer.from([0xbc, 0xdb, 0xb8, 0xf1]),
        Buffer.from(','),
        Buffer.from([0xb5, 0xa5, 0xce, 0xbb]),
        Buffer.from('\r\npear,'),
        Buffer.from([0xc9, 0xfa, 0xcf, 0xca]),
        Buffer.from(','),
        Buffer.from([0xc0, 0xb3, 0xd1, 0xf4, 0xc0, 0xe6]),
        Buffer.from(',12.5,'),
        Buffer.from([0xbd, 0xef]),
        Buffer.from('\r\n'),
      ]);
      const plan = await importProducts(database.db, coopId, gb);
      expect(plan.encoding).toBe('gb18030');
      expect(plan.errors).toEqual([]);
      const product = await database.db.selectFrom('products').selectAll().executeTakeFirstOrThrow();
      expect(JSON.parse(product.title)).toEqual({ 'zh-CN': '莱阳梨' });
      expect(product.category).toBe('fresh');
    });

    it('updates prices and stock from a new price list, recording stock corrections', async () => {
      await importProducts(database.db, coopId, utf8(PRICE_LIST));
      const next = PRICE_LIST.replace('¥68.00,5斤,40', '¥72.00,5斤,35');
      const plan = await planProductImport(database.db, coopId, utf8(next));
      expect(plan.summary).toEqual({ create: 0, update: 1, unchanged: 3 });
      expect(plan.rows.find((r) => r.action === 'update')).toMatchObject({ row: 2, changes: ['price', 'stock'] });
      await importProducts(database.db, coopId, utf8(next));
      const variant = await database.db.selectFrom('variants').selectAll().where('price_minor', '=', 7200).executeTakeFirstOrThrow();
      expect(Number(variant.stock_on_hand)).toBe(35);
      const adjustments = await database.db.selectFrom('stock_adjustments').selectAll().execute();
      expect(adjustments.map((a) => [Number(a.delta), Number(a.stock_after), a.reason])).toEqual([[-5, 35, 'count-correction']]);
    });

    it('exports with a BOM and formula guard, and the export re-imports unchanged', async () => {
      await importProducts(database.db, coopId, utf8(PRICE_LIST));
      const csv = await exportProductsCsv(database.db, coopId);
      expect(csv.startsWith('\uFEFFproduct_slug,category,status,title_zh')).toBe(true);
      expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
      expect(csv).toContain('"Straw basket, large"');
      expect(csv).toContain('68.00,jin,5');
      const before = await snapshot(database);
      const plan = await importProducts(database.db, coopId, utf8(csv));
      expect(plan.errors).toEqual([]);
      expect(plan.summary).toEqual({ create: 0, update: 0, unchanged: 4 });
      expect(await snapshot(database)).toBe(before);
    });

    it('refuses malformed CSV, unknown columns and empty files', async () => {
      expect((await planProductImport(database.db, coopId, utf8('product_slug,price,unit,title_zh\n"pear,1,个,梨\n'))).errors[0]?.reason).toBe('malformed_csv');
      // A column no field fits is not an error any more: it is shown unmapped (ignored) for the user to choose.
      const colour = await planProductImport(database.db, coopId, utf8('product_slug,price,unit,title_zh,colour\npear,1,个,梨,red\n'));
      expect(colour.columns[4]).toMatchObject({ header: 'colour', field: null, samples: ['red'] });
      expect(colour.errors.map((e) => e.reason)).toEqual(['required']);
      expect((await planProductImport(database.db, coopId, utf8('product_slug,price,unit,title_zh,名称\npear,1,个,梨,梨\n'))).errors[0]).toMatchObject({
        row: 1,
        column: 'title_zh',
        reason: 'duplicate_column',
      });
      expect((await planProductImport(database.db, coopId, utf8('product_slug,price,unit,title_zh\n'))).errors[0]?.reason).toBe('empty_file');
      expect((await planProductImport(database.db, coopId, utf8('name\nx\n'))).errors.map((e) => e.reason)).toContain('missing_column');
    });
  });
}
