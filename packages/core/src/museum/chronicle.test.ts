import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { createCooperative } from '../cooperatives/cooperatives';
import { InvalidCursorError } from '../catalog/catalog-cursor';
import { createStory } from '../stories/story-writer';
import { createChronicleEntry, deleteChronicleEntry, listChronicleForEditing, listTimeline } from './chronicle';
import type { HistoricalDate } from './historical-date';

for (const dialect of TEST_DIALECTS) {
  describe(`village chronicle on ${dialect.name} (issue 11)`, () => {
    let database: TestDatabase;
    let coopId: string;
    beforeEach(async () => {
      database = await dialect.open();
      coopId = (
        await createCooperative(database.db, { slug: 'c', name: { 'zh-CN': '社' }, description: {}, place: { name: {} }, contact: {}, allowedOrigins: [] })
      ).id;
    });
    afterEach(() => database.destroy());

    const add = (slug: string, date: HistoricalDate, extra: Record<string, unknown> = {}) =>
      createChronicleEntry(database.db, {
        cooperativeId: coopId,
        slug,
        date,
        title: { 'zh-CN': slug, en: `EN ${slug}` },
        body: { 'zh-CN': `**${slug}**` },
        ...extra,
      });

    it('orders the timeline across precisions and periods, public and published only', async () => {
      await add('bridge-1935', { precision: 'year', year: 1935 });
      await add('pear-planted', { precision: 'period', period: 'qing' });
      await add('graft-1900', { precision: 'year', year: 1900, circa: true });
      await add('photo-1935', { precision: 'day', year: 1935, month: 6, day: 1 });
      await add('han-tomb', { precision: 'period', period: 'eastern-han' });
      await add('thirties', { precision: 'decade', decade: 1930 });
      await add('draft', { precision: 'year', year: 1950 }, { status: 'draft' });
      await add('elders-only', { precision: 'year', year: 1960 }, { visibility: 'community' });
      const { items, nextCursor } = await listTimeline(database.db, coopId, { locale: 'zh-CN', fallback: 'zh-CN' });
      expect(items.map((i) => i.slug)).toEqual(['han-tomb', 'pear-planted', 'graft-1900', 'thirties', 'bridge-1935', 'photo-1935']);
      expect(nextCursor).toBeNull();
      expect(items[1]).toMatchObject({
        dateText: '清（1644–1912年）',
        title: 'pear-planted',
        bodyHtml: '<p><strong>pear-planted</strong></p>\n',
        locale: 'zh-CN',
      });
      expect(items[2]!.dateText).toBe('约1900年');
      const english = await listTimeline(database.db, coopId, { locale: 'en', fallback: 'zh-CN' });
      expect(english.items[0]).toMatchObject({ title: 'EN han-tomb', dateText: 'Eastern Han (25–220)' });
      // The editor sees everything.
      expect((await listChronicleForEditing(database.db, coopId)).map((e) => e.slug)).toContain('elders-only');
    });

    it('filters by period (years overlapping it) and pages with a cursor', async () => {
      for (let y = 1890; y < 1920; y += 2) await add(`y${y}`, { precision: 'year', year: y });
      await add('qing', { precision: 'period', period: 'qing' });
      const inRepublic = await listTimeline(database.db, coopId, { locale: 'zh-CN', fallback: 'zh-CN', period: 'republic' });
      expect(inRepublic.items.map((i) => i.slug)).toEqual(['qing', 'y1912', 'y1914', 'y1916', 'y1918']);
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listTimeline(database.db, coopId, { locale: 'zh-CN', fallback: 'zh-CN', limit: 4, ...(cursor ? { cursor } : {}) });
        seen.push(...page.items.map((i) => i.slug));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toHaveLength(16);
      expect(new Set(seen).size).toBe(16);
      expect(seen[0]).toBe('qing');
      await expect(listTimeline(database.db, coopId, { locale: 'zh-CN', fallback: 'zh-CN', cursor: 'bm90LWEtY3Vyc29y' })).rejects.toBeInstanceOf(
        InvalidCursorError,
      );
    });

    it('puts stories that carry a date on the timeline among the chronicle, filters by kind and pages across both', async () => {
      await add('han-tomb', { precision: 'period', period: 'eastern-han' });
      await add('bridge-1935', { precision: 'year', year: 1935 });
      await add('thirties', { precision: 'decade', decade: 1930 });
      const story = (slug: string, date: HistoricalDate | undefined, extra: Record<string, unknown> = {}) =>
        createStory(database.db, {
          cooperativeId: coopId,
          slug,
          kind: 'history',
          title: { 'zh-CN': `故事 ${slug}`, en: `Story ${slug}` },
          summary: { 'zh-CN': `*${slug}* 的摘要` },
          body: {},
          media: [],
          ...(date ? { date } : {}),
          ...extra,
        });
      await story('kong-rong', { precision: 'period', period: 'eastern-han', label: { 'zh-CN': '东汉末年' } });
      await story('weaving-1935', { precision: 'year', year: 1935 });
      await story('undated', undefined);
      await story('draft-story', { precision: 'year', year: 1936 }, { status: 'draft' });
      await story('elders-story', { precision: 'year', year: 1937 }, { visibility: 'community' });

      const both = await listTimeline(database.db, coopId, { locale: 'zh-CN', fallback: 'zh-CN' });
      // Same date: the chronicle entry first, then the story.
      expect(both.items.map((i) => `${i.kind}:${i.slug}`)).toEqual([
        'chronicle:han-tomb',
        'story:kong-rong',
        'chronicle:thirties',
        'chronicle:bridge-1935',
        'story:weaving-1935',
      ]);
      expect(both.items[1]).toMatchObject({
        dateText: '东汉末年',
        title: '故事 kong-rong',
        bodyHtml: '<p><em>kong-rong</em> 的摘要</p>\n',
        source: null,
        media: [],
      });
      const stories = await listTimeline(database.db, coopId, { locale: 'zh-CN', fallback: 'zh-CN', kind: 'story' });
      expect(stories.items.map((i) => i.slug)).toEqual(['kong-rong', 'weaving-1935']);
      const chronicle = await listTimeline(database.db, coopId, { locale: 'zh-CN', fallback: 'zh-CN', kind: 'chronicle' });
      expect(chronicle.items.every((i) => i.kind === 'chronicle')).toBe(true);
      const han = await listTimeline(database.db, coopId, { locale: 'en', fallback: 'zh-CN', period: 'eastern-han' });
      expect(han.items.map((i) => `${i.kind}:${i.slug}`)).toEqual(['chronicle:han-tomb', 'story:kong-rong']);

      // Pages of one and two entries walk both kinds in the same order, each entry once.
      for (const limit of [1, 2]) {
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await listTimeline(database.db, coopId, { locale: 'zh-CN', fallback: 'zh-CN', limit, ...(cursor ? { cursor } : {}) });
          seen.push(...page.items.map((i) => `${i.kind}:${i.slug}`));
          cursor = page.nextCursor ?? undefined;
        } while (cursor);
        expect(seen, `limit ${limit}`).toEqual(both.items.map((i) => `${i.kind}:${i.slug}`));
      }
    });

    it('refuses a date that does not exist and writes nothing; deletes only within the cooperative', async () => {
      await expect(add('bad', { precision: 'day', year: 1935, month: 2, day: 30 })).rejects.toThrow(/28 days/);
      expect(await listChronicleForEditing(database.db, coopId)).toEqual([]);
      const entry = await add('ok', { precision: 'year', year: 1935 });
      expect(await deleteChronicleEntry(database.db, 'coop_other', entry.id)).toBe(false);
      expect(await deleteChronicleEntry(database.db, coopId, entry.id)).toBe(true);
      expect(await listChronicleForEditing(database.db, coopId)).toEqual([]);
    });
  });
}
