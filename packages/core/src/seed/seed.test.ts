import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { LOCALES } from '../locale/locale';
import { PRODUCT_CATEGORIES, SALE_UNITS, STORY_KINDS } from '../catalog/types';
import type { TerroirTables } from '../db/schema';
import { DEMO_COOP_SLUG, DEMO_VILLAGE } from './demo-village';
import { DEMO_PLACES } from './demo-museum';
import { placesLinkedTo } from '../museum/linked-places';
import { seedDemoVillage } from './seed';

const TABLES: Array<keyof TerroirTables> = [
  'cooperatives',
  'producers',
  'products',
  'variants',
  'stories',
  'story_products',
  'story_producers',
  'story_links',
  'fulfilment_options',
  'checkout_settings',
  'chronicle_entries',
  'museum_places',
  'museum_people',
  'museum_halls',
  'museum_hall_exhibits',
  'museum_links',
  'museum_memories',
];

/** Every row of every table, in a stable order, to compare before and after a second seed. */
async function dumpAll(database: TestDatabase): Promise<Record<string, unknown[]>> {
  const dump: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const rows = await database.db.selectFrom(table).selectAll().execute();
    dump[table] = rows.map((row) => JSON.stringify(row, Object.keys(row).sort())).sort();
  }
  return dump;
}

const isLocalizedText = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).some((k) => (LOCALES as readonly string[]).includes(k));

/** Walks parsed JSON and reports every localized text found, with the locales it lacks. */
function collectLocalized(value: unknown, path: string, out: Array<{ path: string; missing: string[] }>): void {
  if (isLocalizedText(value)) {
    const missing = LOCALES.filter((locale) => typeof value[locale] !== 'string' || (value[locale] as string).trim() === '');
    out.push({ path, missing });
    return;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) collectLocalized(item, `${path}[${i}]`, out);
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) collectLocalized(child, `${path}.${key}`, out);
  }
}

const parseColumns = (row: Record<string, unknown>, columns: string[]) =>
  Object.fromEntries(columns.map((c) => [c, typeof row[c] === 'string' ? JSON.parse(row[c] as string) : row[c]]));

for (const dialect of TEST_DIALECTS) {
  describe(`seedDemoVillage on ${dialect.name}`, () => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await dialect.open();
    });
    afterEach(() => database.destroy());

    it('seeds one Laiyang cooperative with its producers, products, stories and links', async () => {
      const seeded = await seedDemoVillage(database.db);
      expect(seeded.created).toBe(true);
      const { db } = database;

      const coops = await db.selectFrom('cooperatives').selectAll().execute();
      expect(coops).toHaveLength(1);
      expect(coops[0]!.slug).toBe(DEMO_COOP_SLUG);
      expect(JSON.parse(coops[0]!.allowed_origins)).toEqual(
        expect.arrayContaining(['http://localhost:8787', 'http://127.0.0.1:8787', 'http://localhost:8788', 'http://127.0.0.1:8788']),
      );

      const producers = await db.selectFrom('producers').selectAll().execute();
      expect(producers.length).toBeGreaterThanOrEqual(3);
      expect(new Set(producers.map((p) => p.kind))).toEqual(new Set(['farm', 'artisan', 'workshop']));
      for (const p of producers) expect(JSON.parse(p.portrait ?? 'null')).toMatchObject({ url: expect.stringMatching(/^\/media\/.+\.svg$/) });

      const products = await db.selectFrom('products').selectAll().execute();
      expect(products.length).toBeGreaterThanOrEqual(12);
      expect(new Set(products.map((p) => p.category))).toEqual(new Set(PRODUCT_CATEGORIES));
      for (const p of products) {
        expect(p.status).toBe('active');
        expect(p.price_from_minor).toBeGreaterThan(0);
        expect(JSON.parse(p.images)).not.toHaveLength(0);
      }
      const pear = products.find((p) => p.slug === 'laiyang-pear')!;
      expect(pear.preorder).toBe(1);
      expect(JSON.parse(pear.harvest_windows)).toEqual([{ fromMonth: 9, toMonth: 10 }]);
      expect(JSON.parse(pear.certifications)).toEqual([expect.objectContaining({ kind: 'geographical-indication' })]);

      const variants = await db.selectFrom('variants').selectAll().execute();
      expect(new Set(variants.map((v) => v.unit))).toEqual(new Set(SALE_UNITS));
      for (const v of variants) {
        expect(Number.isInteger(Number(v.price_minor))).toBe(true);
        expect(v.currency).toBe('CNY');
      }
      expect(variants.filter((v) => v.unit === 'box').every((v) => Number(v.net_grams) > 0)).toBe(true);
      expect(variants.filter((v) => Number(v.stock_on_hand) === 0)).toHaveLength(1);
      expect(variants.some((v) => Number(v.stock_on_hand) > 0 && Number(v.stock_on_hand) <= 3)).toBe(true);
      expect(Object.keys(seeded.variants)).toHaveLength(variants.length);

      const stories = await db.selectFrom('stories').selectAll().execute();
      expect(stories.length).toBeGreaterThanOrEqual(8);
      expect(new Set(stories.map((s) => s.kind))).toEqual(new Set(STORY_KINDS));
      expect(stories.filter((s) => s.visibility === 'community')).toHaveLength(1);
      expect(stories.filter((s) => s.status === 'draft')).toHaveLength(1);
      const audioStories = stories.filter((s) => s.visibility === 'public' && s.status === 'published' && s.media.includes('"audio"'));
      // The weaver's account, and Zhang Yumei's short one with timed cues (the craft hall's audio guide plays both).
      expect(audioStories.map((s) => s.slug).sort()).toEqual(['liu-guifang-weaving', 'window-flowers']);
      const audio = (JSON.parse(audioStories.find((s) => s.slug === 'liu-guifang-weaving')!.media) as Array<Record<string, any>>).find(
        (m) => m.kind === 'audio',
      )!;
      expect(audio.url).toMatch(/^\/media\/.+\.wav$/);
      expect(audio.transcript['zh-CN'].length).toBeGreaterThan(100);
      expect(audio.transcript.en.length).toBeGreaterThan(200);
      for (const s of stories) {
        for (const m of JSON.parse(s.media) as Array<Record<string, unknown>>) {
          expect(m.caption).toBeDefined();
          expect(m.credit).toBeDefined();
        }
      }

      const storyProducts = await db.selectFrom('story_products').selectAll().execute();
      const storyProducers = await db.selectFrom('story_producers').selectAll().execute();
      const storyLinks = await db.selectFrom('story_links').selectAll().execute();
      expect(storyProducts.length).toBeGreaterThanOrEqual(12);
      expect(storyProducers.length).toBeGreaterThanOrEqual(8);
      expect(storyLinks.length).toBeGreaterThanOrEqual(8);
      // The pear is reachable from several stories: the graph is queryable from the product end.
      expect(storyProducts.filter((l) => l.product_id === seeded.products['laiyang-pear']).length).toBeGreaterThanOrEqual(4);

      // Dates where the demo can stand behind one; places as the museum's records, no copies.
      const dated = stories.filter((s) => s.date !== null);
      expect(dated.map((s) => [s.slug, JSON.parse(s.date!).period, s.date_from_year])).toEqual([['kong-rong-pears', 'eastern-han', 25]]);
      expect(stories.filter((s) => s.place !== null)).toEqual([]);
      const placesOf = async (slug: string) =>
        (await placesLinkedTo(db, seeded.cooperativeId, { kind: 'story', id: seeded.stories[slug]! }, { publicOnly: true })).map((p) => p.slug);
      expect(await placesOf('grafting-craft')).toEqual(['old-pear-orchard']);
      expect(await placesOf('wulong-river-orchards')).toEqual(['old-pear-orchard', 'wulong-river']);
      expect(await placesOf('window-flowers')).toEqual([]);
    });

    it('is idempotent: a second seed writes nothing and returns the same ids', async () => {
      const first = await seedDemoVillage(database.db);
      const before = await dumpAll(database);
      const second = await seedDemoVillage(database.db);
      expect(second.created).toBe(false);
      expect(second).toEqual({ ...first, created: false });
      expect(await dumpAll(database)).toEqual(before);
    });

    it('gives every localized field of public content both zh-CN and en, except the one documented fallback', async () => {
      await seedDemoVillage(database.db);
      const { db } = database;
      const found: Array<{ path: string; missing: string[] }> = [];
      for (const c of await db.selectFrom('cooperatives').selectAll().execute()) {
        collectLocalized(parseColumns(c, ['name', 'description', 'place', 'contact']), `cooperatives.${c.slug}`, found);
      }
      for (const p of await db.selectFrom('producers').selectAll().execute()) {
        collectLocalized(parseColumns(p, ['name', 'profile', 'portrait', 'place']), `producers.${p.slug}`, found);
      }
      const products = await db.selectFrom('products').selectAll().where('status', '=', 'active').execute();
      for (const p of products) {
        collectLocalized(parseColumns(p, ['title', 'summary', 'description', 'images', 'certifications']), `products.${p.slug}`, found);
        const variants = await db.selectFrom('variants').selectAll().where('product_id', '=', p.id).execute();
        for (const v of variants) collectLocalized(parseColumns(v, ['label']), `variants.${v.sku}`, found);
      }
      const stories = await db.selectFrom('stories').selectAll().where('visibility', '=', 'public').where('status', '=', 'published').execute();
      for (const s of stories) {
        collectLocalized(parseColumns(s, ['title', 'summary', 'body', 'media', 'place', 'era', 'attribution']), `stories.${s.slug}`, found);
      }

      // Enough fields were inspected for the check to mean something.
      expect(found.length).toBeGreaterThan(150);
      const incomplete = found.filter((f) => f.missing.length > 0);
      expect(incomplete).toEqual([{ path: 'products.paper-cut.description', missing: ['en'] }]);
    });
  });
}

describe('DEMO_VILLAGE', () => {
  it('keeps the demo data free of dangling links', () => {
    const productSlugs = new Set(DEMO_VILLAGE.products.map((p) => p.slug));
    const producerSlugs = new Set(DEMO_VILLAGE.producers.map((p) => p.slug));
    const storySlugs = new Set(DEMO_VILLAGE.stories.map((s) => s.slug));
    for (const story of DEMO_VILLAGE.stories) {
      for (const link of story.products ?? []) expect(productSlugs).toContain(link.slug);
      for (const link of story.producers ?? []) expect(producerSlugs).toContain(link.slug);
      for (const link of story.seeAlso ?? []) expect(storySlugs).toContain(link.slug);
      for (const place of story.places ?? []) expect(DEMO_PLACES.map((p) => p.slug)).toContain(place);
    }
    for (const product of DEMO_VILLAGE.products) if (product.producer) expect(producerSlugs).toContain(product.producer);
  });
});
