import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, TEST_DIALECTS, seedStorefrontFixture, type StorefrontFixture, type TestDatabase } from '@terroir/core/testing';
import { listSearchMisses } from '@terroir/core';
import { createStorefront } from '../storefront';

type Json = any; // response bodies are checked field by field below

const HOSTILE = [
  '"',
  '""',
  '"莱阳',
  '*',
  'NEAR',
  'NEAR(a b)',
  'a AND OR NOT b',
  "'; drop table products; --",
  '1 OR 1=1',
  '🍐🍐',
  '%_\\',
  '!!!???',
  '<script>alert(1)</script>',
  '梨'.repeat(200),
];

for (const dialect of TEST_DIALECTS) {
  describe(`search API on ${dialect.name} (issue 10)`, () => {
    let database: TestDatabase;
    let fixture: StorefrontFixture;
    let app: ReturnType<typeof createStorefront>;
    beforeAll(async () => {
      database = await dialect.open();
      fixture = await seedStorefrontFixture(database.db);
      app = createStorefront({ db: database.db, now: () => FIXTURE_NOW });
    });
    afterAll(() => database.destroy());
    const getJson = async (path: string) => {
      const res = await app.request(path);
      return { res, body: (await res.json()) as Json };
    };
    const P = '/v1/coops/laiyang-pear';

    it('finds by Chinese, pinyin and initials, with facets, price, stock and marked snippets', async () => {
      for (const q of ['莱阳梨', 'laiyangli', 'lyl', '萊陽梨', 'Laiyang']) {
        const { res, body } = await getJson(`${P}/search?q=${encodeURIComponent(q)}`);
        expect(res.status, q).toBe(200);
        expect(body.items[0], q).toMatchObject({ type: 'product', slug: 'pear-5jin', priceFromMinor: 6800, inStock: true });
      }
      const { res, body } = await getJson(`${P}/search?q=${encodeURIComponent('梨')}&lang=en`);
      expect(res.headers.get('etag')).toBeTruthy();
      expect(body.locale).toBe('en');
      expect(body.facets.product).toBeGreaterThanOrEqual(2);
      expect(body.items.find((i: Json) => i.slug === 'pear-5jin').titleHtml).toBe('Laiyang pears, 5 jin box');
      const zh = await getJson(`${P}/search?q=${encodeURIComponent('梨膏')}`);
      expect(zh.body.items[0].titleHtml).toBe('秋月<mark>梨膏</mark>');
      expect(fixture.coop.id).toBeTruthy();
    });

    it('lets the product and story lists find by pinyin and initials through the same index', async () => {
      const products = await getJson(`${P}/products?q=lyl`);
      expect(products.body.items.map((i: Json) => i.slug)).toEqual(['pear-5jin']);
      const stories = await getJson(`${P}/stories?q=jiajie`);
      expect(stories.body.items.map((i: Json) => i.slug)).toEqual(['pear-grafting']);
    });

    it('suggests titles from one character', async () => {
      const { res, body } = await getJson(`${P}/search/suggest?q=${encodeURIComponent('秋')}`);
      expect(res.status).toBe(200);
      expect(body.items.map((i: Json) => i.slug)).toEqual(['pear-paste']);
      expect((await getJson(`${P}/search/suggest?q=lai`)).body.items.map((i: Json) => i.slug)).toContain('pear-5jin');
    });

    it('answers hostile queries with 200 and a list, never 5xx', async () => {
      for (const q of HOSTILE) {
        for (const path of ['search', 'search/suggest']) {
          const { res, body } = await getJson(`${P}/${path}?q=${encodeURIComponent(q)}`);
          expect(res.status, `${path} ${q}`).toBe(200);
          expect(Array.isArray(body.items)).toBe(true);
        }
      }
    });

    it('answers bad parameters with 400 naming the field', async () => {
      for (const [query, field] of [
        [`q=${'梨'.repeat(1000)}`, 'q'],
        ['', 'q'],
        ['q=a&types=orders', 'types'],
        ['q=a&limit=0', 'limit'],
        ['q=a&cursor=abc', 'cursor'],
      ] as const) {
        const { res, body } = await getJson(`${P}/search?${query}`);
        expect(res.status, query).toBe(400);
        expect(body.error.field, query).toBe(field);
        expect(body.error.code, query).toBe('invalid_parameter');
      }
      expect((await getJson(`${P}/search/suggest?q=${'x'.repeat(1000)}`)).res.status).toBe(400);
      expect((await getJson('/v1/coops/nowhere/search?q=a')).res.status).toBe(404);
    });

    it('counts queries that found nothing, normalized', async () => {
      await getJson(`${P}/search?q=${encodeURIComponent('罐頭')}`);
      const misses = await listSearchMisses(database.db, fixture.coop.id);
      expect(misses.map((m) => m.query)).toContain('罐头');
    });
  });
}
