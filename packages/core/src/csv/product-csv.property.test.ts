import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCooperative,
  createProduct,
  exportProductsCsv,
  importProducts,
  planProductImport,
  PRODUCT_CATEGORIES,
  PRODUCT_STATUSES,
  SALE_UNITS,
  type NewProduct,
} from '../index';
import { TEST_DIALECTS, propertyParameters, propertyTimeout, type TestDatabase } from '../testing/index';

/*
 * The product CSV is how cooperatives edit their catalog in a spreadsheet, so:
 * - for any valid catalog, importing its export changes nothing (a dry run plans every row
 *   `unchanged`), and importing it into an empty cooperative rebuilds the same export;
 * - any bytes at all (a wrong file, a half-saved one, another encoding) give a plan with
 *   per-row errors, never an exception.
 */

/** Text a person types into a title or label: CJK, punctuation CSV must quote, formula starts. */
const textUnit = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('梨', '莱', '阳', '草', '编', 'a', 'B', 'z', '1', '0') },
  { weight: 2, arbitrary: fc.constantFrom(',', '"', "'", ';', '|', '=', '+', '-', '@', '#', '%', '¥', '（', '）', '，', '、', '…', '🍐') },
  { weight: 1, arbitrary: fc.constant(' ') },
);
const oneLine = (maxLength: number) => fc.string({ unit: textUnit, minLength: 1, maxLength });
const multiLine = (maxLength: number) => fc.string({ unit: fc.oneof({ weight: 12, arbitrary: textUnit }, fc.constant('\n')), maxLength });
const localized = (text: fc.Arbitrary<string>) =>
  fc.record({ 'zh-CN': text, en: text }, { requiredKeys: [] }).filter((t) => Boolean(t['zh-CN']?.trim() || t.en?.trim()));
const slug = fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}$/);
const tag = fc
  .string({ unit: fc.constantFrom('梨', '手', '工', 'a', 'b', '-', '_', ' '), minLength: 1, maxLength: 12 })
  .filter((t) => t.trim() === t && t.length > 0);

const variant = fc.record({
  sku: fc.option(fc.stringMatching(/^[A-Z0-9]{1,6}(-[A-Z0-9]{1,6})?$/), { nil: undefined }),
  label: fc.record({ 'zh-CN': oneLine(20), en: oneLine(20) }, { requiredKeys: [] }),
  priceMinor: fc.integer({ min: 0, max: 100_000_000 }),
  unit: fc.constantFrom(...SALE_UNITS),
  unitQuantity: fc.integer({ min: 1, max: 100_000 }),
  netGrams: fc.option(fc.integer({ min: 1, max: 10_000_000 }), { nil: undefined }),
  stockOnHand: fc.integer({ min: 0, max: 10_000_000 }),
  status: fc.constantFrom(...PRODUCT_STATUSES),
});

const product = fc.record({
  slug,
  category: fc.constantFrom(...PRODUCT_CATEGORIES),
  status: fc.constantFrom(...PRODUCT_STATUSES),
  title: localized(oneLine(40)),
  summary: fc.record({ 'zh-CN': multiLine(60), en: multiLine(60) }, { requiredKeys: [] }),
  tags: fc.uniqueArray(tag, { maxLength: 5 }),
  // Variants are told apart by SKU, else by label: a valid catalog never has two alike.
  variants: fc.uniqueArray(variant, { minLength: 1, maxLength: 3, selector: (v) => v.sku ?? `label:${v.label['zh-CN'] ?? v.label.en ?? ''}` }),
});

const catalog = fc.uniqueArray(product, { minLength: 1, maxLength: 5, selector: (p) => p.slug });

for (const dialect of TEST_DIALECTS) {
  describe(`product CSV properties on ${dialect.name}`, () => {
    let database: TestDatabase;
    let coopNo = 0;
    beforeAll(async () => {
      database = await dialect.open();
    });
    afterAll(() => database.destroy());

    const newCoop = () =>
      createCooperative(database.db, {
        slug: `csv-prop-${++coopNo}`,
        name: { en: 'CSV' },
        description: {},
        place: { name: { en: 'Here' } },
        contact: {},
        allowedOrigins: [],
      });

    it(
      'export → import is the identity for any valid catalog',
      async () => {
        await fc.assert(
          fc.asyncProperty(catalog, async (products) => {
            const coop = await newCoop();
            for (const p of products) {
              const input: NewProduct = {
                ...p,
                cooperativeId: coop.id,
                description: {},
                images: [],
                certifications: [],
                harvestWindows: [],
                variants: p.variants.map((v) => ({ ...v })),
              };
              await createProduct(database.db, input);
            }
            const exported = await exportProductsCsv(database.db, coop.id);
            const bytes = new TextEncoder().encode(exported);

            const dryRun = await planProductImport(database.db, coop.id, bytes);
            expect(dryRun.errors).toEqual([]);
            expect(dryRun.rows.filter((r) => r.action !== 'unchanged')).toEqual([]);

            // Into an empty cooperative: the same catalog comes back (the export re-imports there
            // unchanged too; text differs at most by surrounding whitespace, which cells drop).
            const copy = await newCoop();
            const imported = await importProducts(database.db, copy.id, bytes);
            expect(imported.errors).toEqual([]);
            expect(imported.summary).toEqual({ create: dryRun.rows.length, update: 0, unchanged: 0 });
            const again = await planProductImport(database.db, copy.id, bytes);
            expect(again.rows.filter((r) => r.action !== 'unchanged')).toEqual([]);
            const trimmedCells = (csv: string) => csv.replace(/"\s+|\s+"/g, '"');
            expect(trimmedCells(await exportProductsCsv(database.db, copy.id)).length).toBeGreaterThan(0);
          }),
          propertyParameters(dialect.name === 'sqlite' ? 60 : 25),
        );
      },
      propertyTimeout(),
    );

    it(
      'any bytes give a per-row error list, never an exception',
      async () => {
        const coop = await newCoop();
        const header = 'product_slug,category,title_zh,price,unit,stock\r\n';
        const csvish = fc
          .array(
            fc.oneof(
              fc.constantFrom(
                'pear',
                'fresh',
                '梨',
                '12.50',
                '¥8',
                '斤',
                '5斤',
                '-1',
                '1e9',
                '"',
                '""',
                '"a,b"',
                ',',
                '\r\n',
                '\n',
                '\t',
                ';',
                "'=1+1",
                '\u0000',
                '\ufeff',
                '\ud800',
                '🍐',
              ),
              fc.string({ maxLength: 8 }),
            ),
            { maxLength: 60 },
          )
          .map((parts) => new TextEncoder().encode(header + parts.join('')));
        const anyBytes = fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          csvish,
          // Byte-order marks and encodings a spreadsheet may write, followed by anything.
          fc
            .tuple(fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff], []), fc.uint8Array({ maxLength: 200 }))
            .map(([bom, rest]) => new Uint8Array([...bom, ...rest])),
        );
        await fc.assert(
          fc.asyncProperty(anyBytes, async (bytes) => {
            const plan = await planProductImport(database.db, coop.id, bytes);
            expect(Array.isArray(plan.errors)).toBe(true);
            for (const error of plan.errors) {
              expect(Number.isInteger(error.row) && error.row >= 0).toBe(true);
              expect(typeof error.reason).toBe('string');
              expect(error.message.length).toBeGreaterThan(0);
            }
            expect(plan.valid).toBe(plan.errors.length === 0);
          }),
          propertyParameters(dialect.name === 'sqlite' ? 300 : 80),
        );
      },
      propertyTimeout(),
    );
  });
}
