import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import type { Hono } from 'hono';
import { BASE_URL, openPagesTestSite } from '../../test/pages-test-site';

for (const dialect of TEST_DIALECTS) {
  describe(`search page on ${dialect.name} (issue 10)`, () => {
    let database: TestDatabase;
    let app: Hono;
    beforeAll(async () => {
      ({ database, app } = await openPagesTestSite(dialect));
    });
    afterAll(async () => {
      await database?.destroy();
    });
    const html = async (path: string) => {
      const res = await app.request(path);
      return { res, body: await res.text() };
    };

    it('renders results grouped by type, with counts, marks and an announced total, without JS', async () => {
      const { res, body } = await html(`/zh-CN/search?q=${encodeURIComponent('lyl')}`);
      expect(res.status).toBe(200);
      expect(body).toContain('<form role="search" method="get" action="/zh-CN/search">');
      expect(body).toMatch(/<label for="search-q">搜索物产、故事和村史<\/label>/);
      expect(body).toMatch(/<p role="status" aria-live="polite">找到 \d+ 条结果<\/p>/);
      expect(body).toContain('href="/zh-CN/products/laiyang-pear"');
      expect(body).toContain('<h2 id="results-product">物产');
      expect(body).toContain('<meta name="robots" content="noindex"');
      expect(body).toContain(`hreflang="en" href="${BASE_URL}/en/search"`);
      expect(res.headers.get('content-security-policy')).toBeTruthy();
      const en = await html(`/en/search?q=${encodeURIComponent('梨')}`);
      expect(en.body).toMatch(/\d+ results? found/);
      expect(en.body).toContain('<mark>');
    });

    it('escapes a hostile query and never shows drafts', async () => {
      const { res, body } = await html(`/en/search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
      expect(res.status).toBe(200);
      expect(body).not.toContain('<script>alert(1)');
      expect(body).toContain('Nothing found');
      const draft = await html(`/zh-CN/search?q=${encodeURIComponent('未完成的草稿')}`);
      expect(draft.body).not.toContain('未完成的草稿</a>');
      expect(draft.body).toContain('没有找到结果');
    });

    it('answers an over-long query with 400 and a message in the page language', async () => {
      const { res, body } = await html(`/en/search?q=${'x'.repeat(300)}`);
      expect(res.status).toBe(400);
      expect(body).toContain('The search is too long');
      expect((await html('/en/search')).res.status).toBe(200);
    });
  });
}
