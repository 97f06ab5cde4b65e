import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { FIXTURE_NOW, seedStorefrontFixture, type StorefrontFixture } from './storefront-fixture';
import { createCatalogReader, stockState, type CatalogReader, type ProductCard } from './catalog-reader';
import { InvalidCursorError, decodeCursor, encodeCursor, PRODUCT_SORTS } from './catalog-cursor';
import { createProduct } from './catalog-writer';

for (const dialect of TEST_DIALECTS) {
  describe(`catalog reader on ${dialect.name}`, () => {
    let database: TestDatabase;
    let fixture: StorefrontFixture;
    let reader: CatalogReader;
    beforeAll(async () => {
      database = await dialect.open();
      fixture = await seedStorefrontFixture(database.db);
      reader = createCatalogReader(database.db, { now: () => FIXTURE_NOW });
    });
    afterAll(() => database.destroy());

    const slugs = (items: ProductCard[]) => items.map((p) => p.slug);

    it('reads a cooperative by slug, and nothing for an unknown slug', async () => {
      const coop = await reader.getCooperative('laiyang-pear');
      expect(coop?.name.en).toBe('Laiyang Pear Cooperative');
      expect(coop?.allowedOrigins).toEqual(['https://village.example.cn']);
      expect(await reader.getCooperative('nope')).toBeUndefined();
    });

    it('lists only active products of this cooperative, by position, with batched card data', async () => {
      const page = await reader.listProducts(fixture.coop);
      expect(slugs(page.items)).toEqual(['pear-5jin', 'pear-paste', 'straw-basket', 'harvest-day', 'fuji-apple']);
      expect(page.nextCursor).toBeNull();
      const pear = page.items[0]!;
      expect(pear.priceFrom).toEqual({ priceMinor: 6800, currency: 'CNY' });
      expect(pear.cheapestVariant).toEqual({ priceMinor: 6800, currency: 'CNY', unit: 'jin', unitQuantity: 5 });
      expect(pear.storyCount).toBe(2); // grafting + history; not the community or draft story
      expect(pear.stock).toBe('in-stock'); // 43 on hand over active variants (archived variant ignored)
      expect(pear.season).toBe('in-season');
      expect(pear.producer).toEqual({ id: fixture.producers.wang.id, slug: 'wang-orchard', name: fixture.producers.wang.name });
      const bySlug = new Map(page.items.map((p) => [p.slug, p]));
      expect(bySlug.get('pear-paste')!.stock).toBe('low');
      expect(bySlug.get('straw-basket')!.stock).toBe('sold-out');
      expect(bySlug.get('harvest-day')!.priceFrom).toBeNull();
      expect(bySlug.get('fuji-apple')!.season).toBe('out-of-season');
      expect(bySlug.get('pear-paste')!.season).toBe('year-round');
    });

    it('filters by category, producer, tag and season', async () => {
      expect(slugs((await reader.listProducts(fixture.coop, { category: 'fresh' })).items)).toEqual(['pear-5jin', 'fuji-apple']);
      expect(slugs((await reader.listProducts(fixture.coop, { producer: 'wang-orchard' })).items)).toEqual(['pear-5jin', 'pear-paste']);
      expect(slugs((await reader.listProducts(fixture.coop, { producer: 'nobody' })).items)).toEqual([]);
      expect(slugs((await reader.listProducts(fixture.coop, { tag: 'pear' })).items)).toEqual(['pear-5jin', 'pear-paste']);
      expect(slugs((await reader.listProducts(fixture.coop, { tag: 'pea' })).items)).toEqual([]);
      expect(slugs((await reader.listProducts(fixture.coop, { tag: '100%_handmade' })).items)).toEqual(['straw-basket']);
      // September: pears and the picking day are in season; year-round products too; apples are not.
      expect(slugs((await reader.listProducts(fixture.coop, { inSeason: true })).items)).toEqual(['pear-5jin', 'pear-paste', 'straw-basket', 'harvest-day']);
    });

    it('decides "in season" in the cooperative time zone', async () => {
      // 2026-09-30T20:00Z is already October 1st in Shanghai: the picking day (September only) is over.
      const late = createCatalogReader(database.db, { now: () => new Date('2026-09-30T20:00:00Z') });
      const items = (await late.listProducts(fixture.coop, { inSeason: true })).items;
      expect(slugs(items)).toContain('fuji-apple');
      expect(slugs(items)).not.toContain('harvest-day');
    });

    it('searches titles in both languages, case-insensitively, with % and _ taken literally', async () => {
      expect(slugs((await reader.listProducts(fixture.coop, { q: '梨' })).items)).toEqual(['pear-5jin', 'pear-paste', 'harvest-day']);
      expect(slugs((await reader.listProducts(fixture.coop, { q: 'PEAR' })).items)).toEqual(['pear-5jin', 'pear-paste', 'harvest-day']);
      expect(slugs((await reader.listProducts(fixture.coop, { q: '100%_hand' })).items)).toEqual(['straw-basket']);
      expect(slugs((await reader.listProducts(fixture.coop, { q: '%' })).items)).toEqual(['straw-basket']);
      expect(slugs((await reader.listProducts(fixture.coop, { q: '_' })).items)).toEqual(['straw-basket']);
      expect(slugs((await reader.listProducts(fixture.coop, { q: "' or 1=1 --" })).items)).toEqual([]);
      expect(slugs((await reader.listProducts(fixture.coop, { q: '\\' })).items)).toEqual([]);
    });

    it('sorts by newest and by price with unpriced products last', async () => {
      expect(slugs((await reader.listProducts(fixture.coop, { sort: 'newest' })).items)).toEqual([
        'fuji-apple',
        'harvest-day',
        'straw-basket',
        'pear-paste',
        'pear-5jin',
      ]);
      expect(slugs((await reader.listProducts(fixture.coop, { sort: 'price-asc' })).items)).toEqual([
        'pear-paste',
        'fuji-apple',
        'pear-5jin',
        'straw-basket',
        'harvest-day',
      ]);
      expect(slugs((await reader.listProducts(fixture.coop, { sort: 'price-desc' })).items)).toEqual([
        'straw-basket',
        'pear-5jin',
        'fuji-apple',
        'pear-paste',
        'harvest-day',
      ]);
    });

    it('walks every page of every sort without duplicates or gaps, through ties and nulls', async () => {
      // Bulk rows go to the second cooperative so the shared fixture's answers stay as they are.
      // (One database per test file: a second PostgreSQL schema opened at once trips Kysely's
      // migrator, which looks for its lock table in every schema.)
      const coop = fixture.other;
      for (let i = 0; i < 23; i++) {
        await createProduct(database.db, {
          cooperativeId: coop.id,
          slug: `bulk-${i}`,
          category: 'fresh',
          title: { en: `Bulk ${i}` },
          summary: {},
          description: {},
          images: [],
          tags: [],
          certifications: [],
          harvestWindows: [],
          position: i % 3, // ties on position
          createdAt: `2026-06-0${(i % 4) + 1}T00:00:00.000Z`, // ties on created_at
          variants: i % 5 === 0 ? [] : [{ label: { en: 'x' }, priceMinor: (i % 4) * 100, unit: 'kg', unitQuantity: 1, stockOnHand: 1 }],
        });
      }
      for (const sort of PRODUCT_SORTS) {
        const all = (await reader.listProducts(coop, { sort, limit: 100 })).items.map((p) => p.id);
        expect(all).toHaveLength(24);
        expect(new Set(all).size).toBe(24);
        for (const limit of [1, 4, 7]) {
          const seen: string[] = [];
          let cursor: string | undefined;
          for (let guard = 0; guard < 40; guard++) {
            const page = await reader.listProducts(coop, { sort, limit, ...(cursor ? { cursor } : {}) });
            expect(page.items.length).toBeLessThanOrEqual(limit);
            seen.push(...page.items.map((p) => p.id));
            if (!page.nextCursor) break;
            cursor = page.nextCursor;
          }
          expect(seen, `${sort} limit ${limit}`).toEqual(all);
        }
      }
    });

    it('reads a page in a fixed number of queries, however many rows it holds (no N+1)', async () => {
      let queries = 0;
      const counted = database.db.withPlugin({
        transformQuery: (args) => {
          queries += 1;
          return args.node;
        },
        transformResult: async (args) => args.result,
      });
      const r = createCatalogReader(counted, { now: () => FIXTURE_NOW });
      const countFor = async (read: () => Promise<unknown>) => {
        queries = 0;
        await read();
        return queries;
      };
      const small = await countFor(() => r.listProducts(fixture.coop, { limit: 1 }));
      const large = await countFor(() => r.listProducts(fixture.coop, { limit: 100 }));
      expect(small).toBe(2); // the page (with producers and story counts), variants
      expect(large).toBe(small);
      expect(await countFor(() => r.listProducts(fixture.other, { limit: 100 }))).toBeLessThanOrEqual(2);
      expect(await countFor(() => r.getProduct(fixture.coop, 'pear-5jin'))).toBeLessThanOrEqual(7);
      expect(await countFor(() => r.getStory(fixture.coop, 'pear-grafting'))).toBe(8); // story, its product and producer links, see-also both ways, places, then products and producers by id
      expect(await countFor(() => r.getProducer(fixture.coop, 'wang-orchard'))).toBeLessThanOrEqual(6);
    });

    it('refuses forged cursors and cursors of another sort', async () => {
      const page = await reader.listProducts(fixture.coop, { limit: 2 });
      expect(page.nextCursor).toBeTypeOf('string');
      await expect(reader.listProducts(fixture.coop, { sort: 'newest', cursor: page.nextCursor! })).rejects.toBeInstanceOf(InvalidCursorError);
      for (const cursor of [
        'garbage!',
        'e30',
        encodeCursor({ sort: 'featured', key: ['1; drop table products', 'x'] }),
        Buffer.from('{"s":"featured","k":[1.5,"a"]}').toString('base64url'),
      ]) {
        await expect(reader.listProducts(fixture.coop, { cursor }), cursor).rejects.toBeInstanceOf(InvalidCursorError);
      }
      expect(decodeCursor(encodeCursor({ sort: 'price-asc', key: [null, 'a'] }), 'price-asc').key).toEqual([null, 'a']);
    });

    it('reads a product with active variants, producer and only public published stories', async () => {
      const product = await reader.getProduct(fixture.coop, 'pear-5jin');
      expect(product?.variants.map((v) => v.sku)).toEqual(['PEAR-5', 'PEAR-10']);
      expect(product?.variants[1]?.stock).toBe('low');
      expect(product?.producer?.slug).toBe('wang-orchard');
      expect(product?.stories.map((s) => [s.slug, s.relation])).toEqual([
        ['pear-grafting', 'made-with-technique'],
        ['orchard-history', 'grown-in-place'],
      ]);
      expect(product?.certifications[0]?.registryId).toBe('AGI00001');
      expect((await reader.getProduct(fixture.coop, fixture.products.pear.id))?.slug).toBe('pear-5jin');
    });

    it('never serves draft, archived or foreign products', async () => {
      for (const slug of ['pear-cider', 'pear-jam', 'other-pear', fixture.products.otherProduct.id, 'nope']) {
        expect(await reader.getProduct(fixture.coop, slug), slug).toBeUndefined();
      }
    });

    it('lists public published stories, filtered by kind, product and text', async () => {
      const all = await reader.listStories(fixture.coop);
      expect(all.items.map((s) => s.slug)).toEqual(['pear-grafting', 'orchard-history', 'weaving-tradition']);
      expect(all.items.map((s) => s.date ?? null)).toEqual([null, { precision: 'period', period: 'ming', circa: true }, null]);
      expect((await reader.listStories(fixture.coop, { kind: 'craft-technique' })).items.map((s) => s.slug)).toEqual(['pear-grafting', 'weaving-tradition']);
      expect((await reader.listStories(fixture.coop, { product: 'pear-5jin' })).items.map((s) => s.slug)).toEqual(['pear-grafting', 'orchard-history']);
      expect((await reader.listStories(fixture.coop, { product: 'pear-cider' })).items).toEqual([]);
      expect((await reader.listStories(fixture.coop, { q: '嫁接' })).items.map((s) => s.slug)).toEqual(['pear-grafting']);
      expect((await reader.listStories(fixture.coop, { q: 'Grafting' })).items.map((s) => s.slug)).toEqual(['pear-grafting']);
      const first = await reader.listStories(fixture.coop, { limit: 2 });
      const second = await reader.listStories(fixture.coop, { limit: 2, cursor: first.nextCursor! });
      expect([...first.items, ...second.items].map((s) => s.slug)).toEqual(all.items.map((s) => s.slug));
      expect(second.nextCursor).toBeNull();
    });

    it('reads a story with its graph from both link directions, hiding what is not public', async () => {
      const story = await reader.getStory(fixture.coop, 'pear-grafting');
      expect(story?.products.map((p) => [p.slug, p.relation])).toEqual([
        ['pear-5jin', 'made-with-technique'],
        ['pear-paste', 'made-with-technique'],
      ]);
      expect(story?.producers.map((p) => [p.slug, p.relation])).toEqual([['wang-orchard', 'told-by']]);
      // Places are museum records linked to the story; the draft one is left out.
      expect(story?.places).toEqual([
        {
          id: fixture.places.village.id,
          slug: 'zhaowangzhuang',
          kind: 'other',
          name: { 'zh-CN': '照旺庄', en: 'Zhaowangzhuang' },
          coordinates: { latitude: 36.98, longitude: 120.71 },
        },
      ]);
      expect(story?.date).toBeUndefined();
      expect(story?.era).toEqual({ 'zh-CN': '清代至今', en: 'Qing dynasty to today' });
      // orchard-history links *to* grafting (incoming); weaving is linked *from* grafting (outgoing).
      expect(story?.seeAlso.map((s) => s.slug)).toEqual(['orchard-history', 'weaving-tradition']);
      const history = await reader.getStory(fixture.coop, 'orchard-history');
      expect(history?.seeAlso.map((s) => s.slug)).toEqual(['pear-grafting']);
      expect(history?.date).toEqual({ precision: 'period', period: 'ming', circa: true });
      expect(history?.places).toEqual([]);
      for (const slug of ['secret-rite', 'draft-legend', 'other-story', 'nope']) {
        expect(await reader.getStory(fixture.coop, slug), slug).toBeUndefined();
      }
    });

    it('gives a catalog version that changes with every write, its own or another process’s', async () => {
      const before = await reader.catalogVersion();
      expect(before).toMatch(dialect.name === 'postgres' ? /^pg:\d+:\d+:[\d,]*$/ : /^\d+\.\d+$/);
      // Nothing committed in between: the same token (PostgreSQL: tests of other files share
      // the cluster, so only assert stability where the engine's token is per database).
      if (dialect.name === 'sqlite') expect(await reader.catalogVersion()).toBe(before);
      await database.db.updateTable('products').set({ position: 1 }).where('slug', '=', 'pear-5jin').execute();
      const afterOwnWrite = await reader.catalogVersion();
      expect(afterOwnWrite).not.toBe(before);
      // A write through another connection (another process, a CLI import) changes it too.
      const { openDatabase } = await import('../db/database');
      const second = await openDatabase({ url: database.url, ...(database.schema ? { schema: database.schema } : {}) });
      try {
        await second.db.updateTable('products').set({ position: 1 }).where('slug', '=', 'pear-5jin').execute();
      } finally {
        await second.close();
      }
      expect(await reader.catalogVersion()).not.toBe(afterOwnWrite);
    });

    it('reads a producer with active products and public stories', async () => {
      const producer = await reader.getProducer(fixture.coop, 'wang-orchard');
      expect(producer?.products.map((p) => p.slug)).toEqual(['pear-5jin', 'pear-paste']);
      expect(producer?.stories.map((s) => s.slug)).toEqual(['pear-grafting']);
      expect(await reader.getProducer(fixture.coop, 'nope')).toBeUndefined();
    });
  });
}

describe('stockState', () => {
  it('maps amounts on hand to sold-out, low and in-stock', () => {
    expect([0, 1, 5, 6].map(stockState)).toEqual(['sold-out', 'low', 'low', 'in-stock']);
  });
});
