import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import type { Hono } from 'hono';
import { openPagesTestSite } from '../../test/pages-test-site';
import { shareCardSvg, wrapColumns } from './share-image';

describe('share card text', () => {
  it('wraps CJK anywhere and Latin between words, cutting with an ellipsis', () => {
    expect(wrapColumns('莱阳梨 5斤装 礼盒', 10, 2)).toEqual(['莱阳梨 5', '斤装 礼盒']);
    expect(wrapColumns('莱阳梨 5斤装 礼盒', 8, 2)).toEqual(['莱阳梨', '5斤…']);
    expect(wrapColumns('Laiyang pears, five jin gift box', 17, 2)).toEqual(['Laiyang pears,', 'five jin gif…']);
    expect(wrapColumns('短', 10, 3)).toEqual(['短']);
  });

  it('escapes every text: a hostile title stays text in the SVG', () => {
    const svg = shareCardSvg('poster', {
      title: '<script>alert(1)</script> & "梨"',
      line: '¥68.00 起',
      village: 'A & B <village>',
      url: 'https://pears.example.cn/zh-CN/products/x',
      scanLabel: '扫码查看',
      lang: 'zh-CN',
    });
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('A &amp; B &lt;village&gt;');
  });
});

for (const dialect of TEST_DIALECTS) {
  describe(`share images on ${dialect.name}`, () => {
    let database: TestDatabase;
    let app: Hono;
    const asked: string[] = [];
    beforeAll(async () => {
      // The "photo": a green square for any picture URL the pages ask for.
      const photo = await sharp({ create: { width: 400, height: 300, channels: 3, background: '#3a7d2c' } })
        .png()
        .toBuffer();
      ({ database, app } = await openPagesTestSite(dialect, {
        shareImages: {
          readImage: async (url) => {
            asked.push(url);
            return photo;
          },
        },
      }));
    });
    afterAll(() => database?.destroy());

    it('renders a 1200 × 630 JPEG preview of a product with its photo, and answers 304 to its ETag', async () => {
      const res = await app.request('/share/product/laiyang-pear.og.jpg?lang=zh-CN');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
      expect(res.headers.get('cache-control')).toContain('max-age=86400');
      const bytes = Buffer.from(await res.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 1200, 630]);
      expect(asked).toContain('/media/laiyang-pear.svg');
      // The photo fills the left square: its colour, not the placeholder's.
      const { data } = await sharp(bytes).extract({ left: 300, top: 300, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
      expect(data[1]).toBeGreaterThan(data[0]! + 40);
      const again = await app.request('/share/product/laiyang-pear.og.jpg?lang=zh-CN', { headers: { 'if-none-match': res.headers.get('etag')! } });
      expect(again.status).toBe(304);
    });

    it('renders a 1080 × 1920 poster for stories (the audio story too), and a card for a product with no picture', async () => {
      for (const path of [
        '/share/story/liu-guifang-weaving.poster.jpg?lang=en',
        '/share/story/harvest-film.poster.jpg',
        '/share/product/last-years-cider.og.jpg',
      ]) {
        const res = await app.request(path);
        const slug = path;
        expect(res.status, slug).toBe(200);
        const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
        expect([meta.width, meta.height], slug).toEqual(path.includes('.og.') ? [1200, 630] : [1080, 1920]);
      }
    });

    it('offers the poster on product and story pages and points og:image of every story at its card', async () => {
      const product = await (await app.request('/zh-CN/products/laiyang-pear')).text();
      expect(product).toContain('href="/share/product/laiyang-pear.poster.jpg?lang=zh-CN"');
      expect(product).toContain('分享海报');
      const story = await (await app.request('/en/stories/grafting-craft')).text();
      expect(story).toContain('<meta property="og:image" content="https://pears.example.cn/share/story/grafting-craft.og.jpg?lang=en"/>');
      expect(story).toContain('Share poster');
    });

    it('answers unknown records, drafts, bad names and bad languages with 4xx JSON', async () => {
      for (const [path, status] of [
        ['/share/product/no-such-pear.og.jpg', 404],
        ['/share/product/secret-draft-pear.og.jpg', 404],
        ['/share/story/unfinished-draft-story.poster.jpg', 404],
        ['/share/product/laiyang-pear.og.png', 404],
        ['/share/product/..%2f..%2fetc.og.jpg', 404],
        ['/share/product/laiyang-pear.og.jpg?lang=fr', 400],
      ] as const) {
        const res = await app.request(path);
        expect(res.status, path).toBe(status);
        expect(res.headers.get('content-type'), path).toContain('application/json');
      }
    });
  });
}
