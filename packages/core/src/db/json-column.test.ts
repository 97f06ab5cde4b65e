import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { createCooperative } from '../cooperatives/cooperatives';
import { loadCooperativeBySlug } from '../cooperatives/cooperatives';
import { createProduct } from '../catalog/catalog-writer';
import { loadProduct } from '../catalog/catalog-editor';
import { createCatalogReader } from '../catalog/catalog-reader';
import { createStory } from '../stories/story-writer';
import { loadStory } from '../stories/story-editor';
import { CorruptRowError } from './json-column';

async function seed(database: TestDatabase) {
  const coop = await createCooperative(database.db, {
    slug: 'c',
    name: { 'zh-CN': '社', en: 'Co-op' },
    description: {},
    place: { name: {} },
    contact: {},
    allowedOrigins: [],
  });
  const product = await createProduct(database.db, {
    cooperativeId: coop.id,
    slug: 'pear',
    category: 'fresh',
    title: { 'zh-CN': '梨', en: 'Pear' },
    summary: {},
    description: {},
    images: [],
    tags: [],
    certifications: [],
    harvestWindows: [{ fromMonth: 9, toMonth: 10 }],
    variants: [{ label: { 'zh-CN': '5斤' }, priceMinor: 6800, unit: 'jin', unitQuantity: 5, stockOnHand: 10 }],
  });
  const story = await createStory(database.db, {
    cooperativeId: coop.id,
    slug: 's',
    kind: 'history',
    title: { 'zh-CN': '史' },
    summary: {},
    body: {},
    media: [],
  });
  return { coop, product, story };
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  return undefined;
}

for (const dialect of TEST_DIALECTS) {
  describe(`JSON columns on ${dialect.name}`, () => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await dialect.open();
    });
    afterEach(() => database.destroy());

    it('a product row whose JSON column is not JSON fails with CorruptRowError naming table, id and column', async () => {
      const { coop, product } = await seed(database);
      await sql`update products set title = ${'{"zh-CN": "梨"'} where id = ${product.id}`.execute(database.db);
      const error = await caught(loadProduct(database.db, coop.id, product.id));
      expect(error).toBeInstanceOf(CorruptRowError);
      expect(error).toMatchObject({ table: 'products', rowId: product.id, column: 'title' });
      expect((error as Error).message).toContain(`products ${product.id}, column title`);
      // The storefront reader goes through the same mapper.
      const reader = createCatalogReader(database.db);
      expect(await caught(reader.getProduct(coop, 'pear'))).toBeInstanceOf(CorruptRowError);
    });

    it('JSON of the wrong shape is refused too (a list where a localized text belongs, a month 13)', async () => {
      const { coop, product, story } = await seed(database);
      await sql`update stories set title = ${'["not", "a", "text"]'} where id = ${story.id}`.execute(database.db);
      expect(await caught(loadStory(database.db, coop.id, story.id))).toMatchObject({
        name: 'CorruptRowError',
        table: 'stories',
        rowId: story.id,
        column: 'title',
      });
      await sql`update products set harvest_windows = ${'[{"fromMonth": 13, "toMonth": 2}]'} where id = ${product.id}`.execute(database.db);
      expect(await caught(loadProduct(database.db, coop.id, product.id))).toMatchObject({ table: 'products', rowId: product.id, column: 'harvest_windows' });
    });

    it('an unknown default_locale reads as zh-CN in the editor and the storefront alike (one mapper)', async () => {
      const { coop } = await seed(database);
      await sql`update cooperatives set default_locale = ${'fr'} where id = ${coop.id}`.execute(database.db);
      expect((await loadCooperativeBySlug(database.db, 'c'))?.defaultLocale).toBe('zh-CN');
      expect((await createCatalogReader(database.db).getCooperative('c'))?.defaultLocale).toBe('zh-CN');
    });
  });
}
