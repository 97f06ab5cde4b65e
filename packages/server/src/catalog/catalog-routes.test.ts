import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { createProduct, createProductCardCache, encodeCursor, PRODUCT_SORTS } from '@terroir/core';
import { FIXTURE_NOW, TEST_DIALECTS, seedStorefrontFixture, type StorefrontFixture, type TestDatabase } from '@terroir/core/testing';
import { createStorefront } from '../storefront';
import type { StorefrontEnv } from '../storefront-env';

type Json = any; // response bodies are checked field by field below

const ALLOWED = 'https://village.example.cn';

for (const dialect of TEST_DIALECTS) {
  describe(`storefront read API on ${dialect.name}`, () => {
    let database: TestDatabase;
    let fixture: StorefrontFixture;
    let app: ReturnType<typeof createStorefront>;

    beforeAll(async () => {
      database = await dialect.open();
      fixture = await seedStorefrontFixture(database.db);
      // A bigger catalog in the second cooperative for pagination, with ties and unpriced rows.
      for (let i = 0; i < 30; i++) {
        await createProduct(database.db, {
          cooperativeId: fixture.other.id,
          slug: `bulk-${i}`,
          category: i % 2 ? 'fresh' : 'craft',
          title: { en: `Bulk pear ${i}`, 'zh-CN': `批量梨 ${i}` },
          summary: {},
          description: {},
          images: [],
          tags: [],
          certifications: [],
          harvestWindows: [],
          position: i % 4,
          createdAt: `2026-07-0${(i % 5) + 1}T00:00:00.000Z`,
          variants: i % 6 === 0 ? [] : [{ label: { en: 'x' }, priceMinor: (i % 3) * 250, unit: 'kg', unitQuantity: 1, stockOnHand: 10 }],
        });
      }
      app = createStorefront({ db: database.db, now: () => FIXTURE_NOW });
    });
    afterAll(() => database.destroy());

    const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
    const getJson = async (path: string, headers: Record<string, string> = {}) => {
      const res = await get(path, headers);
      return { res, body: (await res.json()) as Json };
    };
    const P = '/v1/coops/laiyang-pear';

    describe('happy paths', () => {
      it('serves the cooperative profile', async () => {
        const { res, body } = await getJson(`${P}?lang=en`);
        expect(res.status).toBe(200);
        expect(body.cooperative).toMatchObject({
          slug: 'laiyang-pear',
          name: 'Laiyang Pear Cooperative',
          place: { name: 'Zhaowangzhuang', region: 'Laiyang, Shandong', latitude: 36.98, longitude: 120.71 },
          defaultLocale: 'zh-CN',
          currency: 'CNY',
          contact: { phone: '+86 535 000 0000', email: 'coop@example.cn', wechat: null, address: null },
          locale: 'en',
        });
        expect(body.cooperative).not.toHaveProperty('allowedOrigins');
        expect(body.cooperative).not.toHaveProperty('fallbacks');
      });

      it('lists products with the summary shape of the contract', async () => {
        const { res, body } = await getJson(`${P}/products?lang=en`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect(body.locale).toBe('en');
        expect(body.nextCursor).toBeNull();
        expect(body.items.map((p: Json) => p.slug)).toEqual(['pear-5jin', 'pear-paste', 'straw-basket', 'harvest-day', 'fuji-apple']);
        expect(body.items[0]).toEqual({
          id: fixture.products.pear.id,
          slug: 'pear-5jin',
          title: 'Laiyang pears, 5 jin box',
          summary: 'Crisp and juicy.',
          category: 'fresh',
          image: { url: '/media/pear.svg', alt: 'A box of pears', width: 400, height: 300 },
          priceFrom: { priceMinor: 6800, currency: 'CNY' },
          unitPrice: { perKgMinor: 2720, perJinMinor: 1360 },
          season: 'in-season',
          harvestWindows: [{ fromMonth: 9, toMonth: 10 }],
          stock: 'in-stock',
          storyCount: 2,
          producer: { slug: 'wang-orchard', name: 'Wang family orchard' },
          tags: ['pear', 'gift'],
          locale: 'en',
        });
        const bySlug = Object.fromEntries(body.items.map((p: Json) => [p.slug, p]));
        expect(bySlug['pear-paste'].unitPrice).toEqual({ perKgMinor: 15600, perJinMinor: 7800 }); // 39.00 for 250 g
        expect(bySlug['pear-paste'].stock).toBe('low');
        expect(bySlug['straw-basket'].stock).toBe('sold-out');
        expect(bySlug['harvest-day']).toMatchObject({ priceFrom: null, unitPrice: null, producer: null, image: null });
        expect(bySlug['fuji-apple'].season).toBe('out-of-season');
      });

      it('serves a product with variants, certifications, producer and public stories', async () => {
        const { res, body } = await getJson(`${P}/products/pear-5jin?lang=en`);
        expect(res.status).toBe(200);
        const product = body.product;
        expect(product).toMatchObject({ slug: 'pear-5jin', description: 'Picked in autumn.', locale: 'en' });
        expect(product.certifications).toEqual([{ kind: 'geographical-indication', registryId: 'AGI00001', issuer: 'Ministry of Agriculture' }]);
        expect(product.variants).toEqual([
          expect.objectContaining({
            sku: 'PEAR-5',
            label: '5 jin',
            priceMinor: 6800,
            currency: 'CNY',
            unit: 'jin',
            unitQuantity: 5,
            netGrams: null,
            unitPrice: { perKgMinor: 2720, perJinMinor: 1360 },
            stock: { state: 'in-stock', available: 40 },
          }),
          expect.objectContaining({ sku: 'PEAR-10', priceMinor: 12800, stock: { state: 'low', available: 3 } }),
        ]);
        expect(product.producer).toEqual({
          slug: 'wang-orchard',
          name: 'Wang family orchard',
          profile: 'Three generations of pear growers.',
          portrait: { url: '/media/wang.svg', alt: 'Grandpa Wang', width: 120, height: 120 },
        });
        expect(product.stories).toEqual([
          {
            slug: 'pear-grafting',
            kind: 'craft-technique',
            title: 'Grafting pear trees',
            summary: 'A spring craft.',
            relation: 'made-with-technique',
            image: { url: '/media/graft.svg', alt: 'Grafting' },
            hasAudio: true,
          },
          {
            slug: 'orchard-history',
            kind: 'history',
            title: 'Four hundred years of orchards',
            summary: 'The old trees.',
            relation: 'grown-in-place',
            image: null,
            hasAudio: false,
          },
        ]);
        // Ids work as well as slugs.
        expect((await get(`${P}/products/${fixture.products.pear.id}`)).status).toBe(200);
      });

      it('lists stories and serves a story with its graph and sanitized body', async () => {
        const list = await getJson(`${P}/stories?lang=en`);
        expect(list.body.items.map((s: Json) => s.slug)).toEqual(['pear-grafting', 'orchard-history', 'weaving-tradition']);
        expect(list.body.items[0]).toMatchObject({
          kind: 'craft-technique',
          hasAudio: true,
          hasVideo: false,
          era: 'Qing dynasty to today',
          date: null,
          dateText: null,
          place: { name: 'Zhaowangzhuang' },
        });
        expect(list.body.items[1]).toMatchObject({
          hasVideo: true,
          era: null,
          place: null,
          date: { precision: 'period', period: 'ming', circa: true },
          dateText: 'c. Ming dynasty (1368–1644)',
        });
        const zh = await getJson(`${P}/stories/orchard-history?lang=zh-CN`);
        expect(zh.body.story).toMatchObject({ dateText: '约明（1368–1644年）', places: [] });

        const { res, body } = await getJson(`${P}/stories/pear-grafting?lang=zh-CN`);
        expect(res.status).toBe(200);
        const story = body.story;
        expect(story.bodyHtml).toBe('<h2>嫁接</h2>\n<p>春天<strong>嫁接</strong>。&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
        expect(story.media[1]).toEqual({
          kind: 'audio',
          url: '/media/graft.mp3',
          mimeType: 'audio/mpeg',
          caption: '王大爷讲嫁接',
          credit: '合作社录音',
          transcript: '先削接穗……',
          alt: null,
          durationSeconds: 95,
          width: null,
          height: null,
        });
        expect(story.attribution).toBe('王大爷口述');
        expect(story.products).toEqual([
          {
            slug: 'pear-5jin',
            title: '莱阳梨 5斤装',
            image: { url: '/media/pear.svg', alt: '一箱梨', width: 400, height: 300 },
            priceFrom: { priceMinor: 6800, currency: 'CNY' },
            relation: 'made-with-technique',
          },
          { slug: 'pear-paste', title: '秋月梨膏', image: null, priceFrom: { priceMinor: 3900, currency: 'CNY' }, relation: 'made-with-technique' },
        ]);
        expect(story.producers).toEqual([
          { slug: 'wang-orchard', name: '王家果园', relation: 'told-by', portrait: { url: '/media/wang.svg', alt: '王大爷', width: 120, height: 120 } },
        ]);
        expect(story.seeAlso.map((s: Json) => [s.slug, s.relation])).toEqual([
          ['orchard-history', 'see-also'],
          ['weaving-tradition', 'see-also'],
        ]);
        // The linked museum places (public ones only: the draft kiln is left out).
        expect(story.places).toEqual([{ slug: 'zhaowangzhuang', kind: 'other', name: '照旺庄', coordinates: { latitude: 36.98, longitude: 120.71 } }]);
        const en = await getJson(`${P}/stories/pear-grafting?lang=en`);
        expect(en.body.story.places.map((p: Json) => p.name)).toEqual(['Zhaowangzhuang']);
        expect(en.body.story.bodyHtml).not.toMatch(/href|javascript:alert\(1\)"/);
      });

      it('serves a producer with their products and stories', async () => {
        const { res, body } = await getJson(`${P}/producers/wang-orchard?lang=en`);
        expect(res.status).toBe(200);
        expect(body.producer).toMatchObject({ slug: 'wang-orchard', kind: 'farmer', name: 'Wang family orchard', place: null, locale: 'en' });
        expect(body.producer.products.map((p: Json) => p.slug)).toEqual(['pear-5jin', 'pear-paste']);
        expect(body.producer.stories.map((s: Json) => s.slug)).toEqual(['pear-grafting']);
      });

      it('serves the OpenAPI document', async () => {
        const { res, body } = await getJson('/openapi.json');
        expect(res.status).toBe(200);
        expect(body.openapi).toBe('3.1.0');
        expect(Object.keys(body.paths)).toEqual(
          expect.arrayContaining([
            '/v1/coops/{coop}',
            '/v1/coops/{coop}/products',
            '/v1/coops/{coop}/products/{product}',
            '/v1/coops/{coop}/stories',
            '/v1/coops/{coop}/stories/{story}',
            '/v1/coops/{coop}/producers/{producer}',
          ]),
        );
        const limit = body.paths['/v1/coops/{coop}/products'].get.parameters.find((p: Json) => p.name === 'limit');
        expect(limit.schema).toMatchObject({ minimum: 1, maximum: 100, default: 24 });
      });

      it('mounts inside another Hono app, errors included', async () => {
        const site = new Hono();
        site.route('/api', app);
        const ok = await site.request('/api/v1/coops/laiyang-pear/products?limit=1');
        expect(ok.status).toBe(200);
        expect(((await ok.json()) as Json).items).toHaveLength(1);
        const bad = await site.request('/api/v1/coops/laiyang-pear/products?limit=0');
        expect(bad.status).toBe(400);
        expect(((await bad.json()) as Json).error.field).toBe('limit');
        const missing = await site.request('/api/v1/no-such-thing');
        expect(missing.status).toBe(404);
        expect(((await missing.json()) as Json).error.code).toBe('not_found');
        expect((await app.request('/v1/no-such-thing')).headers.get('content-type')).toMatch(/json/);
      });

      it('lets routes be added after creation, with the same cooperative loading and CORS', async () => {
        const { OpenAPIHono } = await import('@hono/zod-openapi');
        const storefront = createStorefront({ db: database.db, now: () => FIXTURE_NOW });
        const extra = new OpenAPIHono<StorefrontEnv>();
        extra.get('/v1/coops/:coop/ping', (c) => c.json({ coop: c.get('cooperative').slug }));
        storefront.route('/', extra);
        const res = await storefront.request(`${P}/ping`, { headers: { origin: ALLOWED } });
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ coop: 'laiyang-pear' });
        expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
        expect((await storefront.request('/v1/coops/nope/ping')).status).toBe(404);
      });
    });

    describe('locale', () => {
      it('takes ?lang first, then Accept-Language, then the cooperative default', async () => {
        const cases: Array<[string, Record<string, string>, string]> = [
          [`${P}/products/pear-5jin?lang=en`, { 'accept-language': 'zh-CN' }, 'en'],
          [`${P}/products/pear-5jin?lang=zh-CN`, { 'accept-language': 'en' }, 'zh-CN'],
          [`${P}/products/pear-5jin`, { 'accept-language': 'fr-FR, en-GB;q=0.8, zh;q=0.5' }, 'en'],
          [`${P}/products/pear-5jin`, { 'accept-language': 'zh-Hans-CN' }, 'zh-CN'],
          [`${P}/products/pear-5jin`, { 'accept-language': 'de, fr' }, 'zh-CN'],
          [`${P}/products/pear-5jin`, {}, 'zh-CN'],
        ];
        for (const [path, headers, locale] of cases) {
          const { res, body } = await getJson(path, headers);
          expect(body.product.locale, `${path} ${JSON.stringify(headers)}`).toBe(locale);
          expect(res.headers.get('content-language')).toBe(locale);
          expect(body.product.title).toBe(locale === 'en' ? 'Laiyang pears, 5 jin box' : '莱阳梨 5斤装');
        }
        for (let i = 0; i < 2; i++) {
          // Miss, then hit: the same headers either way.
          const { res } = await getJson(`${P}/products/pear-5jin?lang=en`, { 'accept-language': 'en' });
          expect(res.headers.get('vary')).toBe('Origin, Accept-Language');
          expect(res.headers.get('content-language')).toBe('en');
        }
      });

      it('falls back per field to the default locale and says which fields did', async () => {
        const { body } = await getJson(`${P}/products/straw-basket?lang=en`);
        expect(body.product.title).toBe('草编篮');
        expect(body.product.summary).toBe('Woven from wheat straw.');
        expect(body.product.fallbacks).toMatchObject({ title: 'zh-CN', description: 'zh-CN', 'producer.name': 'zh-CN' });
        expect(body.product.fallbacks).not.toHaveProperty('summary');
        const list = await getJson(`${P}/products?lang=en&category=craft`);
        expect(list.body.items[0].fallbacks).toEqual({ title: 'zh-CN', 'producer.name': 'zh-CN' });
        const story = await getJson(`${P}/stories/weaving-tradition?lang=en`);
        expect(story.body.story.fallbacks).toMatchObject({ title: 'zh-CN', summary: 'zh-CN', body: 'zh-CN' });
        const zh = await getJson(`${P}/products/pear-5jin?lang=zh-CN`);
        expect(zh.body.product).not.toHaveProperty('fallbacks');
      });
    });

    describe('filters, search, sort and pagination', () => {
      const slugsOf = async (query: string) => {
        const { res, body } = await getJson(`${P}/products?${query}`);
        expect(res.status, query).toBe(200);
        return body.items.map((p: Json) => p.slug);
      };

      it('filters by category, producer, tag and season', async () => {
        expect(await slugsOf('category=fresh')).toEqual(['pear-5jin', 'fuji-apple']);
        expect(await slugsOf('category=experience')).toEqual(['harvest-day']);
        expect(await slugsOf('producer=li-weaver')).toEqual(['straw-basket']);
        expect(await slugsOf('tag=gift')).toEqual(['pear-5jin']);
        expect(await slugsOf('season=in-season')).toEqual(['pear-5jin', 'pear-paste', 'straw-basket', 'harvest-day']);
        expect(await slugsOf('season=in-season&category=fresh&producer=wang-orchard')).toEqual(['pear-5jin']);
      });

      it('searches titles in Chinese and English; % and _ match literally; SQL-ish text is just text', async () => {
        expect(await slugsOf(`q=${encodeURIComponent('梨')}`)).toEqual(['pear-5jin', 'pear-paste', 'harvest-day']);
        expect(await slugsOf('q=pear')).toEqual(['pear-5jin', 'pear-paste', 'harvest-day']);
        expect(await slugsOf('q=Pear%20Paste')).toEqual(['pear-paste']);
        expect(await slugsOf(`q=${encodeURIComponent('苹果')}`)).toEqual(['fuji-apple']);
        expect(await slugsOf('q=%25')).toEqual(['straw-basket']); // '%' only in the tag 100%_handmade
        expect(await slugsOf('q=_')).toEqual(['straw-basket']);
        expect(await slugsOf(`q=${encodeURIComponent("' OR 1=1; DROP TABLE products; --")}`)).toEqual([]);
        expect(await slugsOf(`q=${encodeURIComponent('"; select * from stories --')}`)).toEqual([]);
        expect(await slugsOf('q=')).toHaveLength(5);
        const stories = await getJson(`${P}/stories?q=${encodeURIComponent('嫁接')}`);
        expect(stories.body.items.map((s: Json) => s.slug)).toEqual(['pear-grafting']);
        const storiesEn = await getJson(`${P}/stories?q=orchards&lang=en`);
        expect(storiesEn.body.items.map((s: Json) => s.slug)).toEqual(['orchard-history']);
        // The community story's summary says "pear": never found.
        expect((await getJson(`${P}/stories?q=pear`)).body.items.map((s: Json) => s.slug)).toEqual(['pear-grafting']);
      });

      it('sorts featured, newest and by price (unpriced last)', async () => {
        expect(await slugsOf('sort=featured')).toEqual(['pear-5jin', 'pear-paste', 'straw-basket', 'harvest-day', 'fuji-apple']);
        expect(await slugsOf('sort=newest')).toEqual(['fuji-apple', 'harvest-day', 'straw-basket', 'pear-paste', 'pear-5jin']);
        expect(await slugsOf('sort=price-asc')).toEqual(['pear-paste', 'fuji-apple', 'pear-5jin', 'straw-basket', 'harvest-day']);
        expect(await slugsOf('sort=price-desc')).toEqual(['straw-basket', 'pear-5jin', 'fuji-apple', 'pear-paste', 'harvest-day']);
      });

      it('walks every page of every sort without duplicates or gaps', async () => {
        for (const sort of PRODUCT_SORTS) {
          const everything = (await getJson(`/v1/coops/other-coop/products?sort=${sort}&limit=100`)).body.items.map((p: Json) => p.id);
          expect(everything).toHaveLength(31);
          for (const extra of ['', '&category=fresh', '&q=bulk']) {
            const expected = (await getJson(`/v1/coops/other-coop/products?sort=${sort}&limit=100${extra}`)).body.items.map((p: Json) => p.id);
            const seen: string[] = [];
            let url = `/v1/coops/other-coop/products?sort=${sort}&limit=7${extra}`;
            for (let pages = 0; pages < 20; pages++) {
              const { res, body } = await getJson(url);
              expect(res.status).toBe(200);
              seen.push(...body.items.map((p: Json) => p.id));
              if (!body.nextCursor) break;
              url = `/v1/coops/other-coop/products?sort=${sort}&limit=7${extra}&cursor=${body.nextCursor}`;
            }
            expect(seen, `${sort}${extra}`).toEqual(expected);
            expect(new Set(seen).size).toBe(seen.length);
          }
        }
      });

      it('pages stories with a cursor', async () => {
        const first = await getJson(`${P}/stories?limit=2`);
        expect(first.body.items).toHaveLength(2);
        const second = await getJson(`${P}/stories?limit=2&cursor=${first.body.nextCursor}`);
        expect(second.body.items.map((s: Json) => s.slug)).toEqual(['weaving-tradition']);
        expect(second.body.nextCursor).toBeNull();
        expect((await getJson(`${P}/stories?product=straw-basket`)).body.items.map((s: Json) => s.slug)).toEqual(['weaving-tradition']);
        expect((await getJson(`${P}/stories?kind=history`)).body.items.map((s: Json) => s.slug)).toEqual(['orchard-history']);
      });
    });

    describe('what is not public never comes out', () => {
      it('404s unknown cooperatives, products, stories and producers with a JSON error', async () => {
        const cases: Array<[string, string]> = [
          ['/v1/coops/nope', 'coop'],
          ['/v1/coops/nope/products', 'coop'],
          [`${P}/products/nope`, 'product'],
          [`${P}/products/pear-cider`, 'product'], // draft
          [`${P}/products/pear-jam`, 'product'], // archived
          [`${P}/products/other-pear`, 'product'], // another cooperative's
          [`${P}/products/${fixture.products.draftProduct.id}`, 'product'],
          [`${P}/stories/secret-rite`, 'story'], // community only
          [`${P}/stories/${fixture.stories.secret.id}`, 'story'],
          [`${P}/stories/draft-legend`, 'story'], // draft
          [`${P}/stories/other-story`, 'story'],
          [`${P}/producers/nope`, 'producer'],
        ];
        for (const [path, field] of cases) {
          const { res, body } = await getJson(path);
          expect(res.status, path).toBe(404);
          expect(body.error, path).toMatchObject({ code: 'not_found', field });
          expect(body.error.message).toEqual(expect.any(String));
        }
      });

      it('never lists or links draft/archived products or community/draft stories', async () => {
        const hidden = ['pear-cider', 'pear-jam', 'other-pear', 'secret-rite', 'draft-legend', 'other-story'];
        const paths = [
          `${P}/products?limit=100`,
          `${P}/products?limit=100&q=pear`,
          `${P}/products?limit=100&tag=pear`,
          `${P}/stories?limit=100`,
          `${P}/stories?limit=100&kind=festival`,
          `${P}/stories?product=pear-cider`,
          `${P}/products/pear-5jin`,
          `${P}/stories/pear-grafting`,
          `${P}/stories/orchard-history`,
          `${P}/producers/wang-orchard`,
        ];
        for (const path of paths) {
          const text = await (await get(path)).text();
          for (const slug of hidden) expect(text, `${path} leaks ${slug}`).not.toContain(`"${slug}"`);
        }
        expect((await getJson(`${P}/stories?kind=festival`)).body.items).toEqual([]);
      });
    });

    describe('malformed parameters are 400 with the field, never 500', () => {
      const cases: Array<[string, string]> = [
        ['limit=0', 'limit'],
        ['limit=abc', 'limit'],
        ['limit=101', 'limit'],
        ['limit=-1', 'limit'],
        ['limit=2.5', 'limit'],
        ['limit=', 'limit'],
        ['limit=1&limit=2', 'limit'],
        ['sort=cheapest', 'sort'],
        ['sort=', 'sort'],
        ['category=vegetables', 'category'],
        ['category=FRESH', 'category'],
        ['lang=fr', 'lang'],
        ['lang=zh', 'lang'],
        ['season=winter', 'season'],
        ['cursor=garbage!', 'cursor'],
        ['cursor=abc', 'cursor'],
        ['cursor=' + 'a'.repeat(600), 'cursor'],
        [`cursor=${encodeCursor({ sort: 'newest', key: ['2026-01-01T00:00:00.000Z', 'x'] })}`, 'cursor'], // cursor of another sort
        [`cursor=${Buffer.from('{"s":"featured","k":["1 OR 1=1","x"]}').toString('base64url')}`, 'cursor'],
        [`cursor=${Buffer.from('{"s":"featured","k":[1e400,"x"]}').toString('base64url')}`, 'cursor'],
        [`q=${'梨'.repeat(101)}`, 'q'],
        ['q=%00', 'q'],
        ['q=a%0Ab', 'q'],
        ['q=%1B%5B31m', 'q'],
        ['tag=%00', 'tag'],
        [`tag=${'x'.repeat(65)}`, 'tag'],
        [`producer=${'p'.repeat(121)}`, 'producer'],
      ];
      for (const [query, field] of cases) {
        it(`?${query.slice(0, 60)} → 400 ${field}`, async () => {
          const { res, body } = await getJson(`${P}/products?${query}`);
          expect(res.status).toBe(400);
          expect(body.error.code).toBe('invalid_parameter');
          expect(body.error.field).toBe(field);
          expect(body.error.message).toEqual(expect.any(String));
        });
      }

      it('reports every bad parameter in issues', async () => {
        const { res, body } = await getJson(`${P}/products?limit=0&sort=x&lang=fr`);
        expect(res.status).toBe(400);
        expect(body.error.issues.map((i: Json) => i.field).sort()).toEqual(['lang', 'limit', 'sort']);
      });

      it('takes odd but valid text as plain text: unicode junk, emoji, SQL, path tricks', async () => {
        for (const q of [
          '🍐🍐',
          '\u202Egnp.exe',
          '%ED%A0%80',
          '..%2F..%2Fetc%2Fpasswd',
          '%27%3B--',
          'Robert%27)%3B%20DROP%20TABLE%20products%3B--',
          '%E2%80%8B',
          '%F0%9F%8D%90%CC%81',
        ]) {
          const res = await get(`${P}/products?q=${q}`);
          expect(res.status, q).toBe(200);
        }
        for (const path of [`${P}/products/%27%20OR%201=1`, `${P}/stories/..%2F..%2Fx`, `${P}/producers/%F0%9F%8D%90`, '/v1/coops/%27%3B--']) {
          const res = await get(path);
          expect(res.status, path).toBe(404);
        }
        for (const path of [`${P}/products/a%00b`, '/v1/coops/a%00b/products', `${P}/stories/${'s'.repeat(200)}`]) {
          const { res, body } = await getJson(path);
          expect(res.status, path).toBe(400);
          expect(body.error.code).toBe('invalid_parameter');
        }
      });

      it('ignores unknown parameters', async () => {
        expect((await get(`${P}/products?foo=bar&limit=1`)).status).toBe(200);
      });
    });

    describe('caching', () => {
      it('sends ETag and Cache-Control, and 304 on a matching If-None-Match', async () => {
        const first = await get(`${P}/products?lang=en`);
        const etag = first.headers.get('etag');
        expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
        expect(first.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
        const again = await get(`${P}/products?lang=en`, { 'if-none-match': etag! });
        expect(again.status).toBe(304);
        expect(await again.text()).toBe('');
        expect(again.headers.get('etag')).toBe(etag);
        expect(again.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
        const listed = await get(`${P}/products?lang=en`, { 'if-none-match': `"nope", ${etag}` });
        expect(listed.status).toBe(304);
        const other = await get(`${P}/products?lang=zh-CN`, { 'if-none-match': etag! });
        expect(other.status).toBe(200);
        expect(other.headers.get('etag')).not.toBe(etag);
        const stale = await get(`${P}/products?lang=en`, { 'if-none-match': 'W/"stale"' });
        expect(stale.status).toBe(200);
        for (const path of [P, `${P}/products/pear-5jin`, `${P}/stories`, `${P}/stories/pear-grafting`, `${P}/producers/wang-orchard`]) {
          const res = await get(path);
          expect(res.headers.get('etag'), path).toBeTruthy();
          expect((await get(path, { 'if-none-match': res.headers.get('etag')! })).status, path).toBe(304);
        }
      });

      it('takes the max-age from the options', async () => {
        const custom = createStorefront({ db: database.db, now: () => FIXTURE_NOW, cacheMaxAge: 5, staleWhileRevalidate: 30 });
        const res = await custom.request(`${P}/products`);
        expect(res.headers.get('cache-control')).toBe('public, max-age=5, stale-while-revalidate=30');
      });

      it('does not mark errors cacheable', async () => {
        const res = await get(`${P}/products/nope`);
        expect(res.headers.get('cache-control')).toBeNull();
        expect(res.headers.get('etag')).toBeNull();
      });
    });

    describe('response cache', () => {
      it('serves a write on the very next request', async () => {
        const path = `${P}/products/fuji-apple?lang=en`;
        expect((await get(path)).status).toBe(200);
        expect((await get(path)).status).toBe(200);
        const before = await get(`${P}/products?lang=en`);
        await database.db.updateTable('products').set({ status: 'archived' }).where('slug', '=', 'fuji-apple').execute();
        try {
          expect((await get(path)).status).toBe(404);
          const after = await getJson(`${P}/products?lang=en`);
          expect(after.body.items.map((p: Json) => p.slug)).not.toContain('fuji-apple');
          expect(after.res.headers.get('etag')).not.toBe(before.headers.get('etag'));
        } finally {
          await database.db.updateTable('products').set({ status: 'active' }).where('slug', '=', 'fuji-apple').execute();
        }
        expect((await get(path)).status).toBe(200);
      });

      it('sees an edited cooperative on the next request', async () => {
        const quick = createStorefront({ db: database.db, now: () => FIXTURE_NOW, cooperativeCacheMs: 0 });
        for (const storefront of [app, quick]) {
          const origin = 'https://new.example.cn';
          expect((await storefront.request(`${P}?lang=en`, { headers: { origin } })).headers.get('access-control-allow-origin')).toBeNull();
          await database.db
            .updateTable('cooperatives')
            .set({ allowed_origins: JSON.stringify([ALLOWED, origin]), name: JSON.stringify({ en: 'Renamed' }) })
            .where('slug', '=', 'laiyang-pear')
            .execute();
          try {
            const res = await storefront.request(`${P}?lang=en`, { headers: { origin } });
            expect(res.headers.get('access-control-allow-origin')).toBe(origin);
            expect(((await res.json()) as Json).cooperative.name).toBe('Renamed');
          } finally {
            await database.db
              .updateTable('cooperatives')
              .set({ allowed_origins: JSON.stringify(fixture.coop.allowedOrigins), name: JSON.stringify(fixture.coop.name) })
              .where('slug', '=', 'laiyang-pear')
              .execute();
          }
        }
      });

      it('never serves another process’s committed write stale (two app processes on one database)', async () => {
        // A second connection pool stands for a second app process (or a CLI import).
        const { openDatabase } = await import('@terroir/core');
        const other = await openDatabase({ url: database.url, ...(database.schema ? { schema: database.schema } : {}) });
        const path = `${P}/products/fuji-apple?lang=en`;
        try {
          expect((await get(path)).status).toBe(200);
          expect((await get(path)).status).toBe(200); // cached now
          await other.db.updateTable('products').set({ status: 'archived' }).where('slug', '=', 'fuji-apple').execute();
          expect((await get(path)).status).toBe(404);
          await other.db.updateTable('products').set({ status: 'active' }).where('slug', '=', 'fuji-apple').execute();
          expect((await get(path)).status).toBe(200);
          // The same under load: reads keep the version query busy (PostgreSQL batches them);
          // a request that starts after the write returned must still see it.
          let loading = true;
          const load = Promise.all(
            Array.from({ length: 8 }, async () => {
              while (loading) await (await get(path)).arrayBuffer();
            }),
          );
          try {
            for (let round = 0; round < 5; round++) {
              const archived = round % 2 === 0;
              await other.db
                .updateTable('products')
                .set({ status: archived ? 'archived' : 'active' })
                .where('slug', '=', 'fuji-apple')
                .execute();
              expect((await get(path)).status, `round ${round}`).toBe(archived ? 404 : 200);
            }
          } finally {
            loading = false;
            await load;
          }
        } finally {
          await other.db.updateTable('products').set({ status: 'active' }).where('slug', '=', 'fuji-apple').execute();
          await other.close();
        }
      });

      it('serves the same bytes and ETag from the cache as from the database', async () => {
        const uncached = createStorefront({ db: database.db, now: () => FIXTURE_NOW, responseCache: false });
        for (const path of [`${P}/products?lang=en&sort=price-asc`, `${P}/stories/pear-grafting`, `${P}/producers/wang-orchard?lang=en`]) {
          await get(path);
          const cachedRes = await get(path);
          const freshRes = await uncached.request(path);
          expect(cachedRes.headers.get('etag')).toBe(freshRes.headers.get('etag'));
          expect(await cachedRes.text()).toBe(await freshRes.text());
        }
      });

      it('never answers a list miss with a stale card: a write shows in a list never requested before (issue 12)', async () => {
        const cards = createProductCardCache();
        const storefront = createStorefront({ db: database.db, now: () => FIXTURE_NOW, productCardCache: cards });
        const list = async (path: string) => (await (await storefront.request(path)).json()) as Json;
        const row = await database.db.selectFrom('products').select(['id', 'title']).where('slug', '=', 'pear-5jin').executeTakeFirstOrThrow();
        expect((await list(`${P}/products?lang=en`)).items[0].title).toBe('Laiyang pears, 5 jin box');
        expect((await list(`${P}/products?lang=en&limit=3`)).items[0].title).toBe('Laiyang pears, 5 jin box');
        expect(cards.size).toBeGreaterThan(0); // the second list was built from kept cards
        await database.db
          .updateTable('products')
          .set({ title: JSON.stringify({ en: 'Pears, renamed', 'zh-CN': '改名的梨' }) })
          .where('id', '=', row.id)
          .execute();
        try {
          // Never requested before, so a response-cache miss: its cards must be read anew.
          expect((await list(`${P}/products?lang=en&limit=2`)).items[0].title).toBe('Pears, renamed');
          expect((await list(`${P}/products?lang=zh-CN&limit=4`)).items[0].title).toBe('改名的梨');
          expect((await list(`${P}/products?lang=en&limit=3`)).items[0].title).toBe('Pears, renamed');
        } finally {
          await database.db.updateTable('products').set({ title: row.title }).where('id', '=', row.id).execute();
        }
        expect((await list(`${P}/products?lang=en&limit=5`)).items[0].title).toBe('Laiyang pears, 5 jin box');
      });

      it('answers lists with the same bytes and ETag whether cards are kept, partly kept, read whole or not cached at all', async () => {
        const ways = [
          createStorefront({ db: database.db, now: () => FIXTURE_NOW }),
          createStorefront({ db: database.db, now: () => FIXTURE_NOW, productCardCache: { maxEntries: 0 } }),
          createStorefront({ db: database.db, now: () => FIXTURE_NOW, productCardCache: { maxEntries: 2 } }),
          createStorefront({ db: database.db, now: () => FIXTURE_NOW, productCardCache: false }),
        ];
        const uncached = createStorefront({ db: database.db, now: () => FIXTURE_NOW, responseCache: false });
        const O = '/v1/coops/other-coop';
        const paths = [
          `${P}/products`,
          `${P}/products?category=fresh&lang=zh-CN`,
          `${P}/products?season=in-season&sort=newest`,
          `${P}/products?q=pear&lang=en`,
        ];
        for (const sort of PRODUCT_SORTS) for (const lang of ['en', 'zh-CN']) paths.push(`${O}/products?sort=${sort}&limit=7&lang=${lang}`);
        for (const path of paths) {
          // Every page of the path, twice round, through each way.
          let page: string | null = path;
          while (page) {
            const want = await uncached.request(page);
            const wantBody = await want.text();
            for (const [i, storefront] of ways.entries()) {
              for (let round = 0; round < 2; round++) {
                const res = await storefront.request(page);
                expect(res.headers.get('etag'), `${page} way ${i}`).toBe(want.headers.get('etag'));
                expect(await res.text(), `${page} way ${i}`).toBe(wantBody);
              }
            }
            const next = (JSON.parse(wantBody) as Json).nextCursor as string | null;
            page = next ? `${path}${path.includes('?') ? '&' : '?'}cursor=${next}` : null;
          }
        }
      });

      it('keeps the card cache bounded by the products that exist while a client cycles junk URLs', async () => {
        const cards = createProductCardCache();
        const small = createProductCardCache({ maxEntries: 3 });
        const storefront = createStorefront({ db: database.db, now: () => FIXTURE_NOW, productCardCache: cards });
        const tight = createStorefront({ db: database.db, now: () => FIXTURE_NOW, productCardCache: small });
        const active = await database.db
          .selectFrom('products')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('status', '=', 'active')
          .executeTakeFirstOrThrow();
        for (let i = 0; i < 400; i++) {
          const path = `${i % 2 ? P : '/v1/coops/other-coop'}/products?limit=${(i % 50) + 1}&sort=${PRODUCT_SORTS[i % 4]}&junk${i}=${'x'.repeat(i % 7)}&utm_source=${i}`;
          for (const app of [storefront, tight]) expect((await app.request(path)).status, path).toBe(200);
        }
        expect(cards.size).toBeGreaterThan(10);
        expect(cards.size).toBeLessThanOrEqual(Number(active.n));
        expect(small.size).toBeLessThanOrEqual(3);
      });

      it('keeps locales and months apart', async () => {
        const zh = await getJson(`${P}/products/pear-5jin`, { 'accept-language': 'zh-CN' });
        const en = await getJson(`${P}/products/pear-5jin`, { 'accept-language': 'en' });
        expect(zh.body.product.title).toBe('莱阳梨 5斤装');
        expect(en.body.product.title).toBe('Laiyang pears, 5 jin box');
        let now = FIXTURE_NOW;
        const clocked = createStorefront({ db: database.db, now: () => now });
        const september = (await (await clocked.request(`${P}/products/fuji-apple`)).json()) as Json;
        now = new Date('2026-10-15T04:00:00Z');
        const october = (await (await clocked.request(`${P}/products/fuji-apple`)).json()) as Json;
        expect([september.product.season, october.product.season]).toEqual(['out-of-season', 'in-season']);
      });
    });

    describe('CORS', () => {
      it('answers the cooperative’s allowed origin only', async () => {
        const allowed = await get(`${P}/products`, { origin: ALLOWED });
        expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
        expect(allowed.headers.get('access-control-expose-headers')).toMatch(/ETag/);
        expect(allowed.headers.get('vary')).toMatch(/Origin/);
        for (const origin of [
          'https://evil.example',
          'https://other.example.cn',
          'http://village.example.cn',
          'https://village.example.cn.evil.example',
          'null',
        ]) {
          const res = await get(`${P}/products`, { origin });
          expect(res.status).toBe(200);
          expect(res.headers.get('access-control-allow-origin'), origin).toBeNull();
          expect(res.headers.get('vary')).toMatch(/Origin/);
        }
        // Each cooperative has its own list.
        const other = await get('/v1/coops/other-coop/products', { origin: ALLOWED });
        expect(other.headers.get('access-control-allow-origin')).toBeNull();
        const otherOwn = await get('/v1/coops/other-coop/products', { origin: 'https://other.example.cn' });
        expect(otherOwn.headers.get('access-control-allow-origin')).toBe('https://other.example.cn');
      });

      it('answers preflight for allowed origins only', async () => {
        const preflight = (origin: string) =>
          app.request(`${P}/products`, {
            method: 'OPTIONS',
            headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'accept-language' },
          });
        const ok = await preflight(ALLOWED);
        expect(ok.status).toBe(204);
        expect(ok.headers.get('access-control-allow-origin')).toBe(ALLOWED);
        expect(ok.headers.get('access-control-allow-methods')).toMatch(/GET/);
        expect(ok.headers.get('access-control-allow-headers')).toMatch(/Accept-Language/);
        expect(ok.headers.get('vary')).toMatch(/Origin/);
        const denied = await preflight('https://evil.example');
        expect(denied.headers.get('access-control-allow-origin')).toBeNull();
        expect(denied.headers.get('access-control-allow-methods')).toBeNull();
      });

      it('keeps CORS headers on error responses for allowed origins, so the page can read the error', async () => {
        const res = await get(`${P}/products?limit=0`, { origin: ALLOWED });
        expect(res.status).toBe(400);
        expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
        const missing = await get(`${P}/products/nope`, { origin: ALLOWED });
        expect(missing.status).toBe(404);
        expect(missing.headers.get('access-control-allow-origin')).toBe(ALLOWED);
      });
    });
  });
}
