import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCooperativeBySlug, loadProduct, updateCooperativeSettings, updateProduct } from '@terroir/core';
import { createPages } from './index';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import type { Hono } from 'hono';
import { BASE_URL, openPagesTestSite } from '../test/pages-test-site';
import { qrMatrix } from './qr/qr-svg';

type Json = any; // bodies are checked field by field

/** The JSON-LD blocks of a page, parsed. */
function jsonLdOf(html: string): Json[] {
  return [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}
const attr = (html: string, pattern: RegExp) => html.match(pattern)?.[1];

/** Rebuilds the module matrix from the SVG path the QR route draws (runs of dark modules). */
function matrixFromSvg(svg: string): boolean[][] {
  const size = Number(attr(svg, /viewBox="0 0 (\d+) \d+"/));
  const quiet = 4;
  const n = size - quiet * 2;
  const grid = Array.from({ length: n }, () => Array<boolean>(n).fill(false));
  for (const m of svg.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    const [x, y, w] = [Number(m[1]) - quiet, Number(m[2]) - quiet, Number(m[3])];
    for (let i = 0; i < w; i++) grid[y]![x + i] = true;
  }
  return grid;
}

for (const dialect of TEST_DIALECTS) {
  describe(`pages on ${dialect.name}`, () => {
    let database: TestDatabase;
    let app: Hono;

    beforeAll(async () => {
      ({ database, app } = await openPagesTestSite(dialect));
    });
    afterAll(async () => {
      await database?.destroy();
    });

    const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

    it('sends a Content-Security-Policy, no framing and nosniff on every HTML page (issue 14 #14)', async () => {
      for (const path of ['/zh-CN/', '/en/products/laiyang-pear', '/zh-CN/stories/grafting-craft', '/zh-CN/no-such-page']) {
        const res = await get(path);
        const csp = res.headers.get('content-security-policy') ?? '';
        expect(csp, path).toContain("frame-ancestors 'none'");
        expect(csp, path).toContain("script-src 'self'");
        expect(csp, path).toContain("object-src 'none'");
        expect(csp, path).not.toContain("'unsafe-eval'");
        expect(
          csp.split(';').find((d) => d.trim().startsWith('script-src')),
          path,
        ).not.toContain("'unsafe-inline'");
        expect(res.headers.get('x-frame-options'), path).toBe('DENY');
        expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
        expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      }
      const sitemap = await get('/sitemap.xml');
      expect(sitemap.headers.get('x-content-type-options')).toBe('nosniff');
      expect(sitemap.headers.get('x-frame-options')).toBeNull();
    });

    it('renders the product page in both languages with canonical, hreflang, previews and Product JSON-LD', async () => {
      for (const [locale, title, ogLocale] of [
        ['zh-CN', '莱阳梨', 'zh_CN'],
        ['en', 'Laiyang Pear', 'en_US'],
      ] as const) {
        const res = await get(`/${locale}/products/laiyang-pear`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
        expect(res.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
        const html = await res.text();
        expect(html.startsWith('<!doctype html><html lang="' + locale + '"')).toBe(true);
        expect(html).toContain(`<link rel="canonical" href="${BASE_URL}/${locale}/products/laiyang-pear"/>`);
        expect(html).toContain(`<link rel="alternate" hreflang="zh-CN" href="${BASE_URL}/zh-CN/products/laiyang-pear"/>`);
        expect(html).toContain(`<link rel="alternate" hreflang="en" href="${BASE_URL}/en/products/laiyang-pear"/>`);
        expect(html).toContain(`<link rel="alternate" hreflang="x-default" href="${BASE_URL}/zh-CN/products/laiyang-pear"/>`);
        expect(html).toContain(`<meta property="og:locale" content="${ogLocale}"/>`);
        // A raster card for link previews (WeChat, Facebook and X show no SVG), with its size.
        expect(html).toContain(`<meta property="og:image" content="${BASE_URL}/share/product/laiyang-pear.og.jpg?lang=${locale}"/>`);
        expect(html).toContain('<meta property="og:image:width" content="1200"/>');
        expect(html).toContain('<meta property="og:image:height" content="630"/>');
        expect(html).toContain('<meta name="twitter:card" content="summary_large_image"/>');
        expect(html).toContain('<meta property="og:type" content="product"/>');
        expect(html).toContain('<meta name="twitter:card"');
        expect(attr(html, /<h1[^>]*>([^<]*)<\/h1>/)).toBe(title);
        expect(html).toContain('¥68.00');
        // Never a render-blocking script: every external script is an async module.
        for (const tag of html.match(/<script\b[^>]*\bsrc=[^>]*>/g) ?? []) expect(tag).toMatch(/type="module" async/);
        const enhancer = attr(html, /<script type="module" async src="(\/assets\/terroir-pages\.[0-9a-f]{12}\.js)">/)!;
        const script = await get(enhancer);
        expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
        expect(await script.text()).toContain("customElements.whenDefined('terroir-cart')");
        const [product] = jsonLdOf(html);
        expect(product['@type']).toBe('Product');
        expect(product.name).toBe(title);
        expect(product.offers.map((o: Json) => o.price)).toEqual(['68.00', '128.00', '98.00']);
        expect(product.offers[0].priceCurrency).toBe('CNY');
        expect(product.offers[0].availability).toBe('https://schema.org/InStock');
        expect(product.offers[0].priceSpecification).toEqual({
          '@type': 'UnitPriceSpecification',
          price: '27.20',
          priceCurrency: 'CNY',
          referenceQuantity: { '@type': 'QuantitativeValue', value: 1, unitCode: 'KGM' },
        });
        expect(product.manufacturer.url).toBe(`${BASE_URL}/${locale}/producers/wang-family-orchard`);
        // The family orchard is a farm, not a person (issue 13).
        expect(product.manufacturer['@type']).toBe('Organization');
        expect(product.subjectOf.map((s: Json) => s.url)).toContain(`${BASE_URL}/${locale}/stories/grafting-craft`);
      }
    });

    it('renders a story with its sanitized body, audio transcript, "take this story home" and Article JSON-LD', async () => {
      const res = await get('/en/stories/liu-guifang-weaving');
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<audio controls preload="none" src="/media/liu-weaver-voice.wav">');
      expect(html).toMatch(/<div class="transcript" lang="en"><h3>Transcript<\/h3>/);
      expect(html).toContain('Take this story home');
      expect(html).toContain('href="/en/products/straw-basket"');
      const [article] = jsonLdOf(html);
      expect(article['@type']).toBe('Article');
      expect(article.about.map((p: Json) => p.url)).toContain(`${BASE_URL}/en/products/straw-basket`);
      expect(article.audio[0]).toMatchObject({
        '@type': 'AudioObject',
        contentUrl: `${BASE_URL}/media/liu-weaver-voice.wav`,
        duration: 'PT5S',
        encodingFormat: 'audio/wav',
      });
      expect(article.audio[0].transcript.length).toBeGreaterThan(20);
      expect(article.author[0]).toMatchObject({ '@type': 'Person', url: `${BASE_URL}/en/producers/liu-guifang-weaver` });
      const grafting = jsonLdOf(await (await get('/zh-CN/stories/grafting-craft')).text())[0];
      const orchard = `${BASE_URL}/zh-CN/museum/places/old-pear-orchard`;
      expect(grafting.contentLocation).toEqual([
        {
          '@type': 'Place',
          '@id': `${orchard}#place`,
          name: '河滩老梨园',
          url: orchard,
          geo: { '@type': 'GeoCoordinates', latitude: 36.982, longitude: 120.705 },
        },
      ]);
      expect(grafting.spatialCoverage).toEqual([{ '@type': 'Place', '@id': `${orchard}#place`, name: '河滩老梨园', url: orchard }]);
      expect(grafting.temporalCoverage).toBeUndefined();
    });

    it('shows a story’s date (label first, circa marked) and its places as links to their museum pages (issue 11)', async () => {
      const zh = await (await get('/zh-CN/stories/kong-rong-pears')).text();
      expect(zh).toMatch(/<p class="eyebrow">[^<]*· <span class="story-date" lang="zh-CN">东汉末年<\/span><\/p>/);
      expect(jsonLdOf(zh)[0].temporalCoverage).toBe('0025/0220');
      expect(await (await get('/en/stories/kong-rong-pears')).text()).toContain('<span class="story-date" lang="en">Late Eastern Han</span>');
      // An undated story shows its era text as written.
      expect(await (await get('/en/stories/laiyang-pear-history')).text()).toContain('<span class="story-date" lang="en">Handed down over generations</span>');
      const rivers = await (await get('/en/stories/wulong-river-orchards')).text();
      const eyebrow = rivers.match(/<p class="eyebrow">([\s\S]*?)<\/p>/)![1]!;
      expect([...eyebrow.matchAll(/<a href="([^"]+)" lang="en">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]])).toEqual([
        ['/en/museum/places/old-pear-orchard', 'The old riverside orchard'],
        ['/en/museum/places/wulong-river', 'The Wulong River'],
      ]);
    });

    it('describes films as VideoObjects with transcripts, and sold-out and pre-order offers truthfully', async () => {
      const film = await (await get('/en/stories/harvest-film')).text();
      expect(film).toContain('<video controls preload="none" src="/media/harvest.mp4" width="640" height="360">');
      expect(film).toContain('Grandpa Wang: pick slowly, do not bruise them.');
      const [article] = jsonLdOf(film);
      expect(article.video).toEqual([
        {
          '@type': 'VideoObject',
          name: 'Picking pears',
          caption: 'Picking pears',
          contentUrl: `${BASE_URL}/media/harvest.mp4`,
          encodingFormat: 'video/mp4',
          duration: 'PT1M35S',
          transcript: 'Grandpa Wang: pick slowly, do not bruise them.',
          creditText: 'The cooperative',
          description: 'A short film.',
          uploadDate: expect.any(String),
          thumbnailUrl: `${BASE_URL}/media/laiyang-pear.svg`,
          width: 640,
          height: 360,
        },
      ]);
      expect(article.contentLocation.geo).toEqual({ '@type': 'GeoCoordinates', latitude: 36.99, longitude: 120.7 });

      const soldOut = await (await get('/en/products/last-years-cider')).text();
      expect(jsonLdOf(soldOut)[0].offers[0].availability).toBe('https://schema.org/OutOfStock');
      expect(soldOut).toMatch(/<input type="radio"[^>]*disabled[^>]*data-price="4500"/);
      expect(soldOut).toContain('<button type="submit" disabled>Add to cart</button>');
      // No weight known for a bottle: no unit price is invented.
      expect(jsonLdOf(soldOut)[0].offers[0].priceSpecification).toBeUndefined();

      // In December the pears are out of season and taken as pre-orders.
      const { app: winter, database: winterDb } = await openPagesTestSite(dialect, { now: () => new Date('2026-12-10T04:00:00.000Z') });
      try {
        const pear = await (await winter.request('/en/products/laiyang-pear')).text();
        expect(jsonLdOf(pear)[0].offers.map((o: Json) => o.availability)).toEqual(Array(3).fill('https://schema.org/PreOrder'));
        expect(pear).toContain('<span class="badge">Pre-order</span>');
      } finally {
        await winterDb.destroy();
      }
    });

    it('renders the cooperative home as an Organization with its Place, and producer pages', async () => {
      const html = await (await get('/zh-CN/')).text();
      const [org] = jsonLdOf(html);
      expect(org).toMatchObject({
        '@type': 'Organization',
        name: '莱阳梨乡合作社',
        location: { '@type': 'Place', geo: { '@type': 'GeoCoordinates', latitude: 36.98, longitude: 120.71 } },
      });
      expect(html).toContain('href="/zh-CN/products/laiyang-pear"');
      expect(html).toContain('href="/zh-CN/stories/grafting-craft"');
      // A storefront, not a list (issue 13): hero with calls to action, category navigation,
      // what is in season first, products grouped by category, cards that buy.
      expect(html).toMatch(/<section class="hero"[^>]*>[\s\S]*<h1 id="village">莱阳梨乡合作社<\/h1>[\s\S]*<a class="button" href="#products">选购物产<\/a>/);
      expect(html).toMatch(/<nav class="chips" aria-label="物产分类"><a href="#featured">当季推荐<\/a><a href="#category-fresh">鲜果<\/a>/);
      for (const category of ['fresh', 'processed', 'craft']) expect(html).toContain(`<h3 id="category-${category}" class="category">`);
      const featured = html.slice(html.indexOf('<h2 id="featured">'), html.indexOf('<h2 id="products">'));
      expect(featured).toContain('href="/zh-CN/products/laiyang-pear"'); // in season in late September
      expect(featured).not.toContain('last-years-cider'); // sold out
      // One variant in stock: add from the card; several: choose on the product page.
      expect(html).toMatch(/<form class="quick-add" method="get" action="\/zh-CN\/order" data-terroir-add [^>]*data-product="straw-coasters"/);
      expect(html).toContain('aria-label="选规格：莱阳梨"');
      const producer = await get('/en/producers/liu-guifang-weaver');
      expect(producer.status).toBe(200);
      const person = jsonLdOf(await producer.text())[0];
      expect(person['@type']).toBe('Person');
      expect(person.memberOf.name).toBe('Laiyang Pear Village Cooperative');
      const root = await get('/', { 'accept-language': 'en-GB,en;q=0.9' });
      expect(root.status).toBe(302);
      expect(root.headers.get('location')).toBe('/en/');
      expect((await get('/en')).headers.get('location')).toBe('/en/');
    });

    it('puts the cooperative’s chosen hero picture on the home page, else the first product’s (issue 13)', async () => {
      const home = await (await get('/zh-CN/')).text();
      expect(home).toMatch(
        /<div class="hero-media"><img src="\/media\/blossom-walk.svg" alt="五龙河畔开满白花的老梨园" width="320" height="240" fetchpriority="high"/,
      );
      expect(home).toContain('<meta property="og:image" content="https://pears.example.cn/media/blossom-walk.svg"/>');
      // Without one (an older cooperative, or the owner removed it): the first product's picture.
      const coop = (await loadCooperativeBySlug(database.db, 'laiyang-pear'))!;
      const { id, slug: _slug, heroImage, ...settings } = coop;
      await updateCooperativeSettings(database.db, id, settings);
      try {
        const fresh = createPages({ db: database.db, baseUrl: BASE_URL, cooperativeCacheMs: 0, shareImages: false });
        const html = await (await fresh.request('/zh-CN/')).text();
        expect(html).toMatch(/<div class="hero-media"><img src="\/media\/[a-z-]+\.svg"/);
        expect(html).not.toContain('blossom-walk.svg" alt="五龙河畔');
      } finally {
        await updateCooperativeSettings(database.db, id, { ...settings, ...(heroImage ? { heroImage } : {}) });
      }
    });

    it('shows a product’s pictures as a gallery, harvest and pickup/delivery beside the price, and a phone buy bar (issue 13)', async () => {
      const html = await (await get('/zh-CN/products/laiyang-pear')).text();
      const gallery = html.slice(html.indexOf('<div class="gallery"'), html.indexOf('</ol></div>'));
      expect(gallery).toContain('<ul class="slides" tabindex="0" aria-label="物产图片">');
      const slides = [...gallery.matchAll(/<li id="photo-(\d)"><div class="media"><img ([^>]*)\/>/g)];
      expect(slides.map((m) => m[1])).toEqual(['1', '2', '3']);
      for (const [, , img] of slides) {
        expect(img).toMatch(/alt="[^"]+"/);
        expect(img).toMatch(/width="\d+" height="\d+"/);
      }
      expect(slides[0]![2]).toContain('loading="eager"');
      expect(slides[0]![2]).toContain('fetchpriority="high"');
      for (const slide of slides.slice(1)) expect(slide[2]).toContain('loading="lazy"');
      expect([...gallery.matchAll(/<a href="#photo-(\d)" aria-label="第 \d 张图片，共 3 张"/g)].map((m) => m[1])).toEqual(['1', '2', '3']);
      expect(gallery).toMatch(/<a href="#photo-1" [^>]*aria-current="true"/);
      const facts = html.slice(html.indexOf('<dl class="facts">'), html.indexOf('</dl>', html.indexOf('<dl class="facts">')));
      expect(facts).toContain('<dt>采收月份</dt><dd>9月—10月</dd>');
      expect(facts).toContain('<dt>到店自提</dt>');
      expect(facts).toContain('照旺庄合作社门市');
      expect(facts).toContain('<dt>快递到家</dt>');
      expect(facts).toContain('运费 ¥10.00 起');
      // Several variants: the bar leads to the buy form; one variant: it adds it.
      expect(html).toMatch(
        /<aside class="buy-bar" aria-label="购买"><p><strong>¥68.00<\/strong><small> 起<\/small><\/p><a class="button" href="#buy">选规格<\/a><\/aside>/,
      );
      expect(html).toMatch(/<form class="buy" [^>]*id="buy"/);
      const coasters = await (await get('/en/products/straw-coasters')).text();
      expect(coasters).not.toContain('class="gallery"'); // one picture: no thumbnails
      expect(coasters).toContain('<dt>Pickup</dt>');
      expect(coasters).toMatch(
        /<aside class="buy-bar" aria-label="Buy">[\s\S]*?<form method="get" action="\/en\/order" data-terroir-add [^>]*>[\s\S]*?<button type="submit" aria-label="Add to cart: [^"]+">Add to cart<\/button>/,
      );
      // An experience is neither picked up nor delivered.
      const workshop = await (await get('/en/products/grafting-workshop')).text();
      expect(workshop).toContain('<dt>Harvest months</dt>');
      expect(workshop).not.toContain('<dt>Pickup</dt>');
      // Sold out: no bar to buy nothing.
      expect(await (await get('/en/products/last-years-cider')).text()).not.toContain('<aside class="buy-bar"');
    });

    it('never shows drafts, archived products or community-only stories, and answers them with a bilingual 404 page', async () => {
      for (const path of [
        '/en/products/secret-draft-pear',
        '/zh-CN/products/old-archived-pear',
        '/en/stories/liu-family-weaving-rhymes',
        '/zh-CN/stories/pear-blossom-festival',
        '/en/stories/unfinished-draft-story',
        '/en/producers/nobody',
        '/en/no/such/page',
      ]) {
        const res = await get(path);
        expect(res.status, path).toBe(404);
        const html = await res.text();
        expect(html).toContain('<meta name="robots" content="noindex"/>');
        expect(html).toContain('没有找到这个页面');
        expect(html).toContain('Page not found');
      }
      const pages = await Promise.all(
        ['/en/', '/zh-CN/', '/en/products/laiyang-pear', '/en/producers/liu-guifang-weaver', '/en/stories/liu-guifang-weaving', '/sitemap.xml'].map(async (p) =>
          (await get(p)).text(),
        ),
      );
      for (const body of pages) {
        for (const hidden of ['secret-draft-pear', 'old-archived-pear', 'liu-family-weaving-rhymes', 'pear-blossom-festival', 'unfinished-draft-story']) {
          expect(body).not.toContain(hidden);
        }
      }
    });

    it('answers hostile paths with a 404 page that reflects nothing', async () => {
      for (const path of [
        '/en/products/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
        `/en/stories/${'a'.repeat(5000)}`,
        '/zh-CN/producers/..%2F..%2Fetc',
        "/en/products/x'%20or%201=1--",
      ]) {
        const res = await get(path);
        expect(res.status, path).toBe(404);
        const html = await res.text();
        expect(html).not.toContain('<script>alert');
        expect(html).not.toContain('aaaaaaaaaa');
      }
    });

    it('gzips pages for clients that accept it', async () => {
      const plain = await get('/en/products/laiyang-pear');
      const zipped = await get('/en/products/laiyang-pear', { 'accept-encoding': 'gzip' });
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(zipped.headers.get('content-encoding')).toBe('gzip');
      expect(zipped.headers.get('vary')).toContain('Accept-Encoding');
      const bytes = new Uint8Array(await zipped.arrayBuffer());
      expect(bytes.length).toBeLessThan((await plain.text()).length / 2);
    });

    it('revalidates with an ETag, and a changed title shows at once with a new ETag', async () => {
      const first = await get('/en/products/laiyang-pear');
      const etag = first.headers.get('etag')!;
      expect(etag).toMatch(/^W\/"/);
      const again = await get('/en/products/laiyang-pear', { 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');

      const row = await database.db.selectFrom('products').select(['id', 'cooperative_id']).where('slug', '=', 'laiyang-pear').executeTakeFirstOrThrow();
      const product = (await loadProduct(database.db, row.cooperative_id, row.id))!;
      await updateProduct(database.db, { ...product, title: { ...product.title, en: 'Laiyang Pear </script><!-- new crop' } });
      try {
        const changed = await get('/en/products/laiyang-pear', { 'if-none-match': etag });
        expect(changed.status).toBe(200);
        expect(changed.headers.get('etag')).not.toBe(etag);
        const html = await changed.text();
        expect(html).toContain('<h1 lang="en">Laiyang Pear &lt;/script>&lt;!-- new crop</h1>');
        // The JSON-LD still parses and the hostile title cannot close the script element.
        expect(jsonLdOf(html)[0].name).toBe('Laiyang Pear </script><!-- new crop');
        expect(html).toContain('"name":"Laiyang Pear \\u003c/script\\u003e\\u003c!-- new crop"');
      } finally {
        await updateProduct(database.db, product);
      }
    });

    it('lists every public page in both languages in sitemap.xml with lastmod, and robots.txt points at it', async () => {
      const res = await get('/sitemap.xml');
      expect(res.headers.get('content-type')).toBe('application/xml; charset=UTF-8');
      const xml = await res.text();
      const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
      const products = await database.db.selectFrom('products').select(['slug', 'status', 'updated_at']).execute();
      const stories = await database.db.selectFrom('stories').select(['slug', 'status', 'visibility']).execute();
      const producers = await database.db.selectFrom('producers').select('slug').execute();
      const expected = [
        '/',
        ...products.filter((p) => p.status === 'active').map((p) => `/products/${p.slug}`),
        ...stories.filter((s) => s.status === 'published' && s.visibility === 'public').map((s) => `/stories/${s.slug}`),
        ...producers.map((p) => `/producers/${p.slug}`),
        // The museum (issue 11): its overview, timeline and public, published places, people and halls.
        '/museum',
        '/museum/timeline',
        ...(
          await Promise.all(
            (['museum_places', 'museum_people', 'museum_halls'] as const).map(async (table) =>
              (
                await database.db.selectFrom(table).select(['slug', 'status', 'visibility']).execute()
              )
                .filter((r) => r.status === 'published' && r.visibility === 'public')
                .map((r) => `/museum/${{ museum_places: 'places', museum_people: 'people', museum_halls: 'halls' }[table]}/${r.slug}`),
            ),
          )
        ).flat(),
      ];
      const other = await database.db.selectFrom('cooperatives').select('id').where('slug', '!=', 'laiyang-pear').execute();
      expect(other).toEqual([]);
      expect(new Set(locs)).toEqual(new Set(expected.flatMap((path) => ['zh-CN', 'en'].map((l) => `${BASE_URL}/${l}${path === '/' ? '/' : path}`))));
      const pear = products.find((p) => p.slug === 'laiyang-pear')!;
      expect(xml).toMatch(new RegExp(`<loc>${BASE_URL}/en/products/laiyang-pear</loc><lastmod>[^<]+</lastmod>`));
      const lastmod = xml.match(new RegExp(`<loc>${BASE_URL}/en/products/laiyang-pear</loc><lastmod>([^<]+)</lastmod>`))![1]!;
      expect(lastmod >= pear.updated_at).toBe(true);
      expect(xml).toContain(`<xhtml:link rel="alternate" hreflang="x-default" href="${BASE_URL}/zh-CN/products/laiyang-pear"/>`);

      const robots = await (await get('/robots.txt')).text();
      expect(robots).toBe(`User-agent: *\nAllow: /\nDisallow: /admin\nDisallow: /api/\n\nSitemap: ${BASE_URL}/sitemap.xml\n`);
    });

    it('serves product and story fragments with absolute links and their JSON-LD', async () => {
      const res = await get('/en/fragments/product/laiyang-pear');
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html.startsWith('<article class="card terroir-card"')).toBe(true);
      expect(html).toContain(`href="${BASE_URL}/en/products/laiyang-pear"`);
      expect(html).toContain(`src="${BASE_URL}/media/laiyang-pear.svg"`);
      expect(jsonLdOf(html)[0]['@type']).toBe('Product');
      const story = await (await get('/zh-CN/fragments/story/grafting-craft')).text();
      expect(jsonLdOf(story)[0]['@type']).toBe('Article');
      expect(story).toContain(`href="${BASE_URL}/zh-CN/stories/grafting-craft"`);
      const missing = await get('/en/fragments/story/liu-family-weaving-rhymes');
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as Json).error.code).toBe('not_found');
    });

    it('draws QR codes of the page URL as SVG, cached, and 404s hidden items', async () => {
      const res = await get('/qr/product/laiyang-pear.svg');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/svg+xml; charset=UTF-8');
      expect(res.headers.get('cache-control')).toContain('max-age=3600');
      const svg = await res.text();
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+"[^>]*><title>QR: 莱阳梨<\/title>/);
      expect(matrixFromSvg(svg)).toEqual(qrMatrix(`${BASE_URL}/zh-CN/products/laiyang-pear`));
      const en = await (await get('/qr/story/grafting-craft.svg?lang=en')).text();
      expect(matrixFromSvg(en)).toEqual(qrMatrix(`${BASE_URL}/en/stories/grafting-craft`));
      expect((await get('/qr/product/laiyang-pear.svg', { 'if-none-match': res.headers.get('etag')! })).status).toBe(304);
      expect((await get('/qr/product/secret-draft-pear.svg')).status).toBe(404);
      expect((await get('/qr/story/liu-family-weaving-rhymes.svg')).status).toBe(404);
      expect((await get('/qr/product/laiyang-pear.png')).status).toBe(404);
      const badLang = await get('/qr/product/laiyang-pear.svg?lang=fr');
      expect(badLang.status).toBe(400);
      expect(((await badLang.json()) as Json).error.field).toBe('lang');
    });

    it('prints a sheet of labels and validates the list', async () => {
      const ok = await get('/qr/labels?products=laiyang-pear,straw-basket,laiyang-pear&lang=en');
      expect(ok.status).toBe(200);
      const html = await ok.text();
      expect(html.match(/<li class="label">/g)).toHaveLength(3);
      expect(html).toContain('@page{size:A4;margin:10mm}');
      expect(html).toContain('<p class="zh" lang="zh-CN">莱阳梨</p>');
      expect(html).toContain('<p class="en" lang="en">Laiyang Pear</p>');

      const problems: Array<[string, number, string]> = [
        ['/qr/labels', 400, 'invalid_parameter'],
        ['/qr/labels?products=,,', 400, 'invalid_parameter'],
        [`/qr/labels?products=${Array(49).fill('laiyang-pear').join(',')}`, 400, 'invalid_parameter'],
        ['/qr/labels?products=laiyang-pear,%3Cimg%20src%3Dx%3E', 400, 'invalid_parameter'],
        ['/qr/labels?products=laiyang-pear,no-such-thing,secret-draft-pear', 404, 'not_found'],
      ];
      for (const [path, status, code] of problems) {
        const res = await get(path);
        expect(res.status, path).toBe(status);
        const body = (await res.json()) as Json;
        expect(body.error.code).toBe(code);
        expect(body.error.field).toBe('products');
      }
      const unknown = (await (await get('/qr/labels?products=laiyang-pear,no-such-thing,secret-draft-pear')).json()) as Json;
      expect(unknown.error.issues.map((i: Json) => i.slug)).toEqual(['no-such-thing', 'secret-draft-pear']);
    });

    it('lets shoppers without JavaScript order: the form leads to an order note with the server total', async () => {
      const product = await (await get('/en/products/laiyang-pear')).text();
      const variant = attr(product, /name="variant" value="([^"]+)" checked/)!;
      expect(product).toContain('<form class="buy" method="get" action="/en/order"');
      const res = await get(`/en/order?product=laiyang-pear&variant=${variant}&quantity=3`);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<strong>CN¥204.00</strong>');
      expect(html).toContain(
        'mailto:hello@laiyang-pear.example?subject=Order%3A%20Laiyang%20Pear&amp;body=Laiyang%20Pear%20%C2%B7%205%20jin%20(2.5%20kg)%20(PEAR-5JIN)%20%C3%97%203',
      );
      expect((await get('/zh-CN/order')).status).toBe(200);
      for (const [query, status] of [
        [`product=laiyang-pear&variant=${variant}&quantity=0`, 400],
        [`product=laiyang-pear&variant=${variant}&quantity=100`, 400],
        [`product=laiyang-pear&variant=${variant}&quantity=1e3`, 400],
        ['product=laiyang-pear&variant=var_nope&quantity=1', 400],
        [`product=secret-draft-pear&variant=${variant}&quantity=1`, 404],
      ] as const) {
        expect((await get(`/en/order?${query}`)).status, query).toBe(status);
      }
    });
  });
}
