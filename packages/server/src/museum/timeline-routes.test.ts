import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChronicleEntry, createCooperative, createStory } from '@terroir/core';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { createStorefront } from '../storefront';

type Json = any;

for (const dialect of TEST_DIALECTS) {
  describe(`GET /v1/coops/:coop/timeline on ${dialect.name} (issue 11)`, () => {
    let database: TestDatabase;
    let app: ReturnType<typeof createStorefront>;
    beforeEach(async () => {
      database = await dialect.open();
      const coop = await createCooperative(database.db, {
        slug: 'pear',
        name: { 'zh-CN': '梨乡' },
        description: {},
        place: { name: {} },
        contact: {},
        allowedOrigins: [],
      });
      const add = (slug: string, date: Json, extra: Json = {}) =>
        createChronicleEntry(database.db, {
          cooperativeId: coop.id,
          slug,
          date,
          title: { 'zh-CN': `标题${slug}`, en: `Title ${slug}` },
          body: { 'zh-CN': '<script>x()</script>正文' },
          ...extra,
        });
      await add('bridge', { precision: 'year', year: 1935 });
      await add('qing', { precision: 'period', period: 'qing' }, { source: { 'zh-CN': '《莱阳县志》' } });
      await add('graft', { precision: 'year', year: 1900, circa: true });
      await add('elders', { precision: 'year', year: 1920 }, { visibility: 'community' });
      // A story that carries a date joins the timeline; one without stays off it.
      const story = (slug: string, date?: Json) =>
        createStory(database.db, {
          cooperativeId: coop.id,
          slug,
          kind: 'history',
          title: { 'zh-CN': `故事${slug}`, en: `Story ${slug}` },
          summary: { en: 'A *summary*' },
          body: {},
          media: [],
          ...(date ? { date } : {}),
        });
      await story('weaving-1910', { precision: 'year', year: 1910 });
      await story('undated');
      app = createStorefront({ db: database.db });
    });
    afterEach(() => database.destroy());

    const getJson = async (path: string, headers: Record<string, string> = {}) => {
      const res = await app.request(path, { headers });
      return { res, body: (await res.json()) as Json };
    };

    it('lists public entries oldest first, localized, with the date in words and safe HTML', async () => {
      const { res, body } = await getJson('/v1/coops/pear/timeline?lang=en');
      expect(res.status).toBe(200);
      expect(body.items.map((i: Json) => `${i.kind}:${i.slug}`)).toEqual(['chronicle:qing', 'chronicle:graft', 'story:weaving-1910', 'chronicle:bridge']);
      expect(body.items[2]).toMatchObject({
        title: 'Story weaving-1910',
        dateText: '1910',
        bodyHtml: '<p>A <em>summary</em></p>\n',
        source: null,
        products: [],
      });
      expect(body.items[0]).toMatchObject({ title: 'Title qing', dateText: 'Qing dynasty (1644–1912)', source: '《莱阳县志》', locale: 'en' });
      const zh = await getJson('/v1/coops/pear/timeline?lang=zh-CN');
      expect(zh.body.items[1]).toMatchObject({ dateText: '约1900年', title: '标题graft' });
      expect(zh.body.items[1].bodyHtml).not.toContain('<script>');
      // ETag and 304 like every read.
      const again = await app.request('/v1/coops/pear/timeline?lang=zh-CN', { headers: { 'if-none-match': zh.res.headers.get('etag')! } });
      expect(again.status).toBe(304);
    });

    it('filters by period and pages by cursor', async () => {
      const republic = await getJson('/v1/coops/pear/timeline?period=republic');
      expect(republic.body.items.map((i: Json) => i.slug)).toEqual(['qing', 'bridge']);
      const qing = await getJson('/v1/coops/pear/timeline?period=qing');
      expect(qing.body.items.map((i: Json) => i.slug)).toEqual(['qing', 'graft', 'weaving-1910']);
      const stories = await getJson('/v1/coops/pear/timeline?kind=story');
      expect(stories.body.items.map((i: Json) => i.slug)).toEqual(['weaving-1910']);
      const chronicle = await getJson('/v1/coops/pear/timeline?kind=chronicle');
      expect(chronicle.body.items.map((i: Json) => i.slug)).toEqual(['qing', 'graft', 'bridge']);
      const first = await getJson('/v1/coops/pear/timeline?limit=3');
      expect(first.body.items).toHaveLength(3);
      const second = await getJson(`/v1/coops/pear/timeline?limit=3&cursor=${first.body.nextCursor}`);
      expect(second.body.items.map((i: Json) => i.slug)).toEqual(['bridge']);
      expect(second.body.nextCursor).toBeNull();
    });

    it('answers bad parameters with 400 naming the field, never a 500', async () => {
      for (const [query, field] of [
        ['period=atlantis', 'period'],
        ['kind=memory', 'kind'],
        ['limit=0', 'limit'],
        ['limit=abc', 'limit'],
        ['cursor=%22%3Bdrop', 'cursor'],
        ['cursor=bm90LWEtY3Vyc29y', 'cursor'],
      ] as const) {
        const { res, body } = await getJson(`/v1/coops/pear/timeline?${query}`);
        expect(res.status, query).toBe(400);
        expect(body.error.field, query).toBe(field);
      }
      expect((await getJson('/v1/coops/nowhere/timeline')).res.status).toBe(404);
    });
  });
}
