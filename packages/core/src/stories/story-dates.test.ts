import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createCooperative } from '../catalog/catalog-writer';
import type { HistoricalDate } from '../museum/historical-date';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { loadStory, updateStory } from './story-editor';
import { storyTimeText } from './story-time';
import { createStory } from './story-writer';

describe('storyTimeText', () => {
  it('reads the date (its label in the locale wins, circa shown), else the era text', () => {
    const qing: HistoricalDate = { precision: 'period', period: 'qing', circa: true, label: { 'zh-CN': '清末' } };
    expect(storyTimeText({ date: qing }, 'zh-CN', 'zh-CN')).toEqual({ text: '清末', locale: 'zh-CN' });
    expect(storyTimeText({ date: qing }, 'en', 'zh-CN')).toEqual({ text: 'c. Qing dynasty (1644–1912)', locale: 'en' });
    expect(storyTimeText({ date: { precision: 'year', year: 1900, circa: true }, era: { en: 'ignored' } }, 'zh-CN', 'zh-CN')).toEqual({
      text: '约1900年',
      locale: 'zh-CN',
    });
    expect(storyTimeText({ era: { 'zh-CN': '世代相传' } }, 'en', 'zh-CN')).toEqual({ text: '世代相传', locale: 'zh-CN' });
    expect(storyTimeText({}, 'en', 'zh-CN')).toBeNull();
  });
});

for (const dialect of TEST_DIALECTS) {
  describe(`story dates on ${dialect.name}`, () => {
    let database: TestDatabase;
    let coopId: string;
    beforeEach(async () => {
      database = await dialect.open();
      coopId = (
        await createCooperative(database.db, { slug: 'c', name: { en: 'C' }, description: {}, place: { name: { en: 'P' } }, contact: {}, allowedOrigins: [] })
      ).id;
    });
    afterEach(() => database.destroy());

    const base = { slug: 'tale', kind: 'legend' as const, title: { en: 'A tale' }, summary: {}, body: {}, media: [] };
    const sortColumns = (id: string) =>
      database.db.selectFrom('stories').select(['date_sort_key', 'date_from_year', 'date_to_year']).where('id', '=', id).executeTakeFirstOrThrow();

    it('stores a date with its sort columns, and clears them when the date goes', async () => {
      const story = await createStory(database.db, { ...base, cooperativeId: coopId, date: { precision: 'period', period: 'eastern-han', circa: true } });
      expect((await loadStory(database.db, coopId, story.id))?.date).toEqual({ precision: 'period', period: 'eastern-han', circa: true });
      expect(await sortColumns(story.id)).toEqual({ date_sort_key: 250_000, date_from_year: 25, date_to_year: 220 });
      await updateStory(database.db, { ...story, date: { precision: 'day', year: 1935, month: 6, day: 1 } });
      expect(await sortColumns(story.id)).toEqual({ date_sort_key: 19_350_601, date_from_year: 1935, date_to_year: 1935 });
      const { date: _date, ...undated } = story;
      await updateStory(database.db, undated);
      expect((await loadStory(database.db, coopId, story.id))?.date).toBeUndefined();
      expect(await sortColumns(story.id)).toEqual({ date_sort_key: null, date_from_year: null, date_to_year: null });
    });

    it('refuses a date that is not one, naming the field, and writes nothing', async () => {
      const bad = { precision: 'year', year: 0 } as HistoricalDate;
      const error = await createStory(database.db, { ...base, cooperativeId: coopId, date: bad }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZodError);
      expect((error as ZodError).issues.map((i) => i.path.join('.'))).toEqual(['date.year']);
      expect(await database.db.selectFrom('stories').select('id').execute()).toEqual([]);
    });
  });
}
