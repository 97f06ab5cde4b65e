import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { FIXTURE_NOW, seedStorefrontFixture, type StorefrontFixture } from './storefront-fixture';
import { createCatalogReader, stockState, type CatalogReader, type Page, type ProductCard } from './catalog-reader';
import { createProductCardCache } from './product-card-cache';
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

    describe('product card cache (issue 12)', () => {
      const queriesOf = (priceDescCursor: string) => [
        {},
        { limit: 2 },
        { category: 'fresh' as const },
        { producer: 'wang-orchard' },
        { tag: 'pear' },
        { inSeason: true },
        { q: '梨' },
        ...PRODUCT_SORTS.map((sort) => ({ sort, limit: 3 })),
        { sort: 'price-desc' as const, limit: 4, cursor: priceDescCursor },
      ];

      it('gives the same pages with a catalog version as without, reusing frozen cards while it holds', async () => {
        const cards = createProductCardCache();
        const cached = createCatalogReader(database.db, { now: () => FIXTURE_NOW, productCards: cards });
        const version = (await cached.catalogVersion())!;
        const cursor = (await reader.listProducts(fixture.coop, { sort: 'price-desc', limit: 2 })).nextCursor!;
        for (const query of queriesOf(cursor)) {
          const want = await reader.listProducts(fixture.coop, query);
          const first = await cached.listProducts(fixture.coop, query, { catalogVersion: version });
          const again = await cached.listProducts(fixture.coop, query, { catalogVersion: version });
          expect(first, JSON.stringify(query)).toEqual(want);
          expect(again, JSON.stringify(query)).toEqual(want);
          // The same objects: the second read took them from the cache.
          for (const [i, card] of again.items.entries()) expect(card).toBe(first.items[i]);
        }
        expect(cards.size).toBe(5); // one card per active product of the cooperative, however many lists
        const pear = (await cached.listProducts(fixture.coop, {}, { catalogVersion: version })).items[0]!;
        expect(Object.isFrozen(pear) && Object.isFrozen(pear.title) && Object.isFrozen(pear.images[0]) && Object.isFrozen(pear.producer)).toBe(true);
        expect(() => {
          (pear.tags as string[]).push('x');
        }).toThrow(TypeError);
        // Without a version (or with null) nothing is reused.
        const plain = await cached.listProducts(fixture.coop, {}, { catalogVersion: null });
        expect(plain.items[0]).not.toBe(pear);
        expect(Object.isFrozen(plain.items[0])).toBe(false);
      });

      it('reads a page as ids when its cards are kept, whole right after a write', async () => {
        let queries = 0;
        const counted = database.db.withPlugin({
          transformQuery: (args) => {
            queries += 1;
            return args.node;
          },
          transformResult: async (args) => args.result,
        });
        const cards = createProductCardCache();
        const r = createCatalogReader(counted, { now: () => FIXTURE_NOW, productCards: cards });
        const version = (await reader.catalogVersion())!;
        const countFor = async (read: () => Promise<unknown>) => {
          queries = 0;
          await read();
          return queries;
        };
        // Nothing kept for this version yet: the page whole (with producers and story counts), variants.
        expect(await countFor(() => r.listProducts(fixture.coop, { limit: 2 }, { catalogVersion: version }))).toBe(2);
        // Its cards are kept now: ids only.
        expect(await countFor(() => r.listProducts(fixture.coop, { limit: 2 }, { catalogVersion: version }))).toBe(1);
        // Some cards kept, not these: ids, then the missing cards and their variants.
        expect(await countFor(() => r.listProducts(fixture.coop, { sort: 'newest', limit: 3 }, { catalogVersion: version }))).toBe(3);
        expect(await countFor(() => r.listProducts(fixture.coop, { sort: 'newest', limit: 3 }, { catalogVersion: version }))).toBe(1);
      });

      it('never serves a card stale: every kind of write a card shows moves the version and is read anew', async () => {
        const cards = createProductCardCache();
        const cached = createCatalogReader(database.db, { now: () => FIXTURE_NOW, productCards: cards });
        const { openDatabase } = await import('../db/database');
        const other = await openDatabase({ url: database.url, ...(database.schema ? { schema: database.schema } : {}) });
        const db = database.db;
        const pear = fixture.products.pear.id;
        const grafting = await db.selectFrom('stories').select(['id', 'status']).where('slug', '=', 'pear-grafting').executeTakeFirstOrThrow();
        const pearRow = await db.selectFrom('products').select(['title']).where('id', '=', pear).executeTakeFirstOrThrow();
        const wang = await db.selectFrom('producers').select(['name']).where('id', '=', fixture.producers.wang.id).executeTakeFirstOrThrow();
        const stock = await db.selectFrom('variants').select(['id', 'stock_on_hand']).where('product_id', '=', pear).execute();
        const pearKey = `${fixture.coop.id}|${cached.currentMonth(fixture.coop)}|${pear}`;
        const writes: Array<{ name: string; write: () => Promise<unknown>; undo: () => Promise<unknown>; check: (page: Page<ProductCard>) => void }> = [
          {
            name: 'product title',
            write: () =>
              db
                .updateTable('products')
                .set({ title: JSON.stringify({ en: 'Renamed pear' }) })
                .where('id', '=', pear)
                .execute(),
            undo: () => db.updateTable('products').set({ title: pearRow.title }).where('id', '=', pear).execute(),
            check: (page) => expect(page.items[0]!.title).toEqual({ en: 'Renamed pear' }),
          },
          {
            name: 'stock (sold out), by another connection',
            write: () => other.db.updateTable('variants').set({ stock_on_hand: 0 }).where('product_id', '=', pear).execute(),
            undo: () =>
              Promise.all(stock.map((v) => other.db.updateTable('variants').set({ stock_on_hand: v.stock_on_hand }).where('id', '=', v.id).execute())),
            check: (page) => expect(page.items[0]!.stock).toBe('sold-out'),
          },
          {
            name: 'producer name',
            write: () =>
              db
                .updateTable('producers')
                .set({ name: JSON.stringify({ en: 'Wang & daughters' }) })
                .where('id', '=', fixture.producers.wang.id)
                .execute(),
            undo: () => db.updateTable('producers').set({ name: wang.name }).where('id', '=', fixture.producers.wang.id).execute(),
            check: (page) => expect(page.items[0]!.producer?.name).toEqual({ en: 'Wang & daughters' }),
          },
          {
            name: 'a linked story unpublished',
            write: () => db.updateTable('stories').set({ status: 'draft' }).where('id', '=', grafting.id).execute(),
            undo: () => db.updateTable('stories').set({ status: grafting.status }).where('id', '=', grafting.id).execute(),
            check: (page) => expect(page.items[0]!.storyCount).toBe(1),
          },
          {
            name: 'product archived, by another connection',
            write: () => other.db.updateTable('products').set({ status: 'archived' }).where('id', '=', pear).execute(),
            undo: () => other.db.updateTable('products').set({ status: 'active' }).where('id', '=', pear).execute(),
            check: (page) => expect(page.items.map((p) => p.slug)).not.toContain('pear-5jin'),
          },
        ];
        try {
          for (const { name, write, undo, check } of writes) {
            const before = (await cached.catalogVersion())!;
            await cached.listProducts(fixture.coop, {}, { catalogVersion: before });
            const warm = await cached.listProducts(fixture.coop, {}, { catalogVersion: before });
            expect(cards.get(before, pearKey), name).toBe(warm.items[0]);
            await write();
            try {
              const after = (await cached.catalogVersion())!;
              expect(after, name).not.toBe(before);
              const page = await cached.listProducts(fixture.coop, {}, { catalogVersion: after });
              expect(page, name).toEqual(await reader.listProducts(fixture.coop));
              check(page);
              expect(page.items[0], name).not.toBe(warm.items[0]);
              // A request still holding the old version (read before the write) finds no card either.
              expect(cards.get(before, pearKey), name).toBeUndefined();
            } finally {
              await undo();
            }
          }
        } finally {
          await other.close();
        }
        const now = (await cached.catalogVersion())!;
        expect(await cached.listProducts(fixture.coop, {}, { catalogVersion: now })).toEqual(await reader.listProducts(fixture.coop));
      });

      it('keeps months apart under one version ("in season" moves with the month)', async () => {
        let now = FIXTURE_NOW;
        const clocked = createCatalogReader(database.db, { now: () => now });
        const version = (await clocked.catalogVersion())!;
        const september = await clocked.listProducts(fixture.coop, { category: 'fresh' }, { catalogVersion: version });
        now = new Date('2026-10-15T04:00:00Z');
        const october = await clocked.listProducts(fixture.coop, { category: 'fresh' }, { catalogVersion: version });
        expect(september.items.map((p) => [p.slug, p.season])).toEqual([
          ['pear-5jin', 'in-season'],
          ['fuji-apple', 'out-of-season'],
        ]);
        expect(october.items.map((p) => [p.slug, p.season])).toEqual([
          ['pear-5jin', 'in-season'],
          ['fuji-apple', 'in-season'],
        ]);
      });
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
