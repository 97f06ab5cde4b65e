import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { adminFixture, snapshotTables, type Caller } from '../../test/support/admin-test-fixture';

type Json = any;

for (const dialect of TEST_DIALECTS) {
  describe(`admin story dates and places on ${dialect.name} (issue 11)`, () => {
    let database: TestDatabase;
    let f: Awaited<ReturnType<typeof adminFixture>>;
    let editor: Caller;
    const S = '/admin/api/coops/coop-a/stories';
    beforeEach(async () => {
      database = await dialect.open();
      f = await adminFixture(database);
      editor = await f.sessionOf('editorA');
    });
    afterEach(() => database.destroy());

    const send = async (method: string, path: string, body?: unknown) => {
      const res = await f.call(method, path, { as: editor, ...(body === undefined ? {} : { body }) });
      return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as Json) };
    };
    const base = { slug: 'old-rite', kind: 'festival', title: { 'zh-CN': '祭井' } };

    it('stores a story date with circa and its label, patches it, and removes it with null', async () => {
      const qing = { precision: 'period', period: 'qing', circa: true, label: { 'zh-CN': '清末' } };
      const created = await send('POST', S, { ...base, date: qing });
      expect(created.status).toBe(201);
      expect(created.body.story.date).toEqual(qing);
      const id = created.body.story.id;
      const row = await database.db
        .selectFrom('stories')
        .select(['date', 'date_sort_key', 'date_from_year', 'date_to_year'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect({ ...row, date: JSON.parse(row.date!) }).toEqual({ date: qing, date_sort_key: 16_440_000, date_from_year: 1644, date_to_year: 1912 });
      expect((await send('GET', `${S}/${id}`)).body.story.date).toEqual(qing);

      const patched = await send('PATCH', `${S}/${id}`, { date: { precision: 'decade', decade: 1930 } });
      expect(patched.status).toBe(200);
      expect(patched.body.story.date).toEqual({ precision: 'decade', decade: 1930 });
      const removed = await send('PATCH', `${S}/${id}`, { date: null });
      expect(removed.body.story.date).toBeUndefined();
      expect((await send('GET', `${S}/${id}`)).body.story.date).toBeUndefined();
    });

    it('answers a date that is not one with 400 naming the field, and writes nothing', async () => {
      const before = await snapshotTables(database);
      for (const [date, field] of [
        [{ precision: 'year', year: 0 }, 'date.year'],
        [{ precision: 'day', year: 1935, month: 2, day: 30 }, 'date.day'],
        [{ precision: 'period', period: 'atlantis' }, 'date.period'],
        [{ precision: 'decade', decade: 1935 }, 'date.decade'],
        [{ precision: 'year', year: 1900, label: { fr: 'vers 1900' } }, 'date.label'],
      ] as const) {
        const res = await send('POST', S, { ...base, date });
        expect(res.status, JSON.stringify(date)).toBe(400);
        expect(res.body.error.field, JSON.stringify(date)).toBe(field);
      }
      const patched = await send('PATCH', `${S}/${f.coops.a.story.id}`, { date: { precision: 'range', fromYear: 1958, toYear: 1950 } });
      expect(patched.status).toBe(400);
      expect(patched.body.error.field).toBe('date.toYear');
      expect(await snapshotTables(database)).toBe(before);
    });

    it('shows the museum places linking a story, linked from the place (the museum’s link editing)', async () => {
      const story = f.coops.a.story.id;
      expect((await send('GET', `${S}/${story}`)).body.links.places).toEqual([]);
      const place = f.coops.a.place;
      expect((await send('PUT', `/admin/api/coops/coop-a/museum/places/${place.id}/links`, { stories: [story] })).status).toBe(200);
      expect((await send('GET', `${S}/${story}`)).body.links.places).toEqual([
        { placeId: place.id, slug: 'old-well', name: { 'zh-CN': '老井' }, status: 'published' },
      ]);
      // Another cooperative's story cannot be linked from this place.
      const refused = await send('PUT', `/admin/api/coops/coop-a/museum/places/${place.id}/links`, { stories: [story, f.coops.b.story.id] });
      expect(refused.status).toBe(422);
      expect(refused.body.error.field).toBe('stories.1');
    });
  });
}
