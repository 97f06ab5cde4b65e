import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCooperative, createProduct } from '../catalog/catalog-writer';
import { likeSearchBaseline, searchIndexBytes } from '../search/search-measures';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { openDatabase } from './database';
import { describeDurability, dropPostgresSchema } from './database-settings';

for (const dialect of TEST_DIALECTS) {
  describe(`benchmark helpers on ${dialect.name}`, () => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await dialect.open();
    });
    afterEach(() => database.destroy());

    it('states the engine and its durability settings', async () => {
      const text = await describeDurability(database.db);
      if (dialect.name === 'sqlite') expect(text).toBe('SQLite (journal_mode=wal, synchronous=FULL)');
      else expect(text).toMatch(/^PostgreSQL \d+\.\d+.* \(fsync=(on|off), full_page_writes=(on|off), synchronous_commit=\w+\)$/);
    });

    it('runs the old LIKE search as a baseline and measures the search index', async () => {
      const coop = await createCooperative(database.db, {
        slug: 'pears',
        name: { 'zh-CN': '梨' },
        description: {},
        place: { name: { 'zh-CN': '莱阳' } },
        contact: {},
        allowedOrigins: [],
      });
      for (const [slug, title] of [
        ['pear', 'Laiyang pear 100%'],
        ['apple', 'Fuji apple'],
      ] as const) {
        await createProduct(database.db, {
          cooperativeId: coop.id,
          slug,
          category: 'fresh',
          title: { en: title },
          summary: {},
          description: {},
          images: [],
          tags: [],
          certifications: [],
          harvestWindows: [],
          variants: [{ label: { en: '1 kg' }, priceMinor: 1000, unit: 'kg', unitQuantity: 1, stockOnHand: 5 }],
        });
      }
      expect(await likeSearchBaseline(database.db, coop.id, 'PEAR')).toBe(1);
      expect(await likeSearchBaseline(database.db, coop.id, '100%')).toBe(1);
      expect(await likeSearchBaseline(database.db, coop.id, '_')).toBe(0);
      const bytes = await searchIndexBytes(database.db);
      if (bytes !== null) expect(bytes).toBeGreaterThan(0);
      if (dialect.name === 'postgres') expect(bytes).not.toBeNull();
    });

    if (dialect.name === 'postgres')
      it('drops a throwaway schema and everything in it, and a missing one quietly', async () => {
        const schema = `t_drop_${process.pid}`;
        const other = await openDatabase({ url: database.url, schema });
        try {
          await dropPostgresSchema(other.db, schema);
          const left = await database.db
            .selectFrom('information_schema.schemata' as never)
            .select('schema_name' as never)
            .where('schema_name' as never, '=', schema as never)
            .execute();
          expect(left).toEqual([]);
          await dropPostgresSchema(other.db, schema);
        } finally {
          await other.close();
        }
      });
  });
}
