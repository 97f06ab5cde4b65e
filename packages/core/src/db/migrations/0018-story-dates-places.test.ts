import { Migrator, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCooperative } from '../../catalog/catalog-writer';
import { placesLinkedTo } from '../../museum/linked-places';
import { getMuseumLinks } from '../../museum/museum-links';
import { createPlace, listPlacesForEditing } from '../../museum/places';
import { loadStory } from '../../stories/story-editor';
import { TEST_DIALECTS, type TestDatabase } from '../../testing/index';
import { migrateToLatest } from '../database';
import { dateFromEra } from './0018-story-dates-places';
import { MIGRATIONS } from './index';

const NAME = '0018-story-dates-places';
const at = '2026-01-05T08:00:00.000Z';
const json = (value: unknown) => JSON.stringify(value);

/** Rolls the database back to just before this migration (the shape older releases wrote). */
async function migrateToBefore(database: TestDatabase): Promise<void> {
  const names = Object.keys(MIGRATIONS);
  const previous = names[names.indexOf(NAME) - 1]!;
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => MIGRATIONS },
    ...(database.schema ? { migrationTableSchema: database.schema } : {}),
  });
  const { error } = await migrator.migrateTo(previous);
  if (error) throw error;
}

describe('dateFromEra', () => {
  it('reads zh-CN first, then English, keeping the text as the label', () => {
    expect(dateFromEra(json({ 'zh-CN': '东汉末年', en: 'Late Eastern Han' }))).toEqual({
      precision: 'period',
      period: 'eastern-han',
      label: { 'zh-CN': '东汉末年', en: 'Late Eastern Han' },
    });
    expect(dateFromEra(json({ 'zh-CN': '世代相传', en: 'around 1900' }))).toEqual({
      precision: 'year',
      year: 1900,
      circa: true,
      label: { 'zh-CN': '世代相传', en: 'around 1900' },
    });
    expect(dateFromEra(json({ 'zh-CN': '春节前后', en: 'Around Spring Festival' }))).toBeNull();
    expect(dateFromEra('not json')).toBeNull();
    expect(dateFromEra(null)).toBeNull();
  });
});

for (const dialect of TEST_DIALECTS) {
  describe(`migration ${NAME} on ${dialect.name}`, () => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await dialect.open();
    });
    afterEach(() => database.destroy());

    it('reads eras as dates and links copied places to place records, creating the missing ones', async () => {
      const coop = await createCooperative(database.db, {
        slug: 'village',
        name: { 'zh-CN': '梨乡' },
        description: {},
        place: { name: { 'zh-CN': '莱阳' } },
        contact: {},
        allowedOrigins: [],
      });
      const other = await createCooperative(database.db, {
        slug: 'other',
        name: { en: 'Other' },
        description: {},
        place: { name: { en: 'Elsewhere' } },
        contact: {},
        allowedOrigins: [],
      });
      const orchard = await createPlace(database.db, coop.id, {
        slug: 'old-orchard',
        kind: 'orchard',
        name: { 'zh-CN': '河滩老梨园', en: 'The old riverside orchard' },
      });
      // Takes the slug the old well's English name would get.
      await createPlace(database.db, coop.id, { slug: 'old-well', kind: 'other', name: { 'zh-CN': '井台', en: 'Well platform' }, position: 4 });

      await migrateToBefore(database);
      const db = database.db as Kysely<any>;
      const story = (
        id: string,
        coopId: string,
        fields: { era?: unknown; place?: unknown; visibility?: string; status?: string; raw?: Record<string, string> },
      ) =>
        db
          .insertInto('stories')
          .values({
            id,
            cooperative_id: coopId,
            slug: id,
            kind: 'history',
            title: json({ 'zh-CN': id }),
            summary: '{}',
            body: '{}',
            media: '[]',
            place: fields.place === undefined ? null : json(fields.place),
            era: fields.era === undefined ? null : json(fields.era),
            attribution: null,
            visibility: fields.visibility ?? 'public',
            status: fields.status ?? 'published',
            position: 0,
            search_text: id,
            created_at: at,
            updated_at: at,
            ...fields.raw,
          })
          .execute();
      await story('sty_reign', coop.id, {
        era: { 'zh-CN': '光绪年间', en: 'Guangxu reign' },
        place: { name: { 'zh-CN': '河滩老梨园', en: 'Riverside orchard' } },
      });
      await story('sty_handed', coop.id, {
        era: { 'zh-CN': '世代相传', en: 'Handed down over generations' },
        place: { name: { 'zh-CN': '村口老井', en: 'Old well' }, region: { 'zh-CN': '山东省烟台市' }, latitude: 36.984, longitude: 120.712 },
      });
      await story('sty_han', coop.id, { era: { en: 'Late Eastern Han' }, place: { name: { en: 'OLD WELL' } } });
      await story('sty_rite', coop.id, { era: { 'zh-CN': '约1900年' }, place: { name: { 'zh-CN': '祖坟' } }, visibility: 'community' });
      await story('sty_damaged', coop.id, { raw: { era: 'not json', place: '{"name":5}' } });
      await story('sty_elsewhere', other.id, { place: { name: { 'zh-CN': '河滩老梨园' }, latitude: 200, longitude: 1 } });
      await db
        .insertInto('producers')
        .values({
          id: 'pro_wang',
          cooperative_id: coop.id,
          slug: 'wang',
          kind: 'farmer',
          name: json({ 'zh-CN': '王家果园' }),
          profile: '{}',
          portrait: null,
          place: json({ name: { 'zh-CN': '河滩老梨园' } }),
          search_text: 'wang',
          created_at: at,
          updated_at: at,
        })
        .execute();

      await migrateToLatest(database.db, database.schema ? { schema: database.schema } : {});

      // Dates: read and labelled with the era text, or left null with the era kept.
      const reign = await loadStory(database.db, coop.id, 'sty_reign');
      expect(reign?.date).toEqual({ precision: 'range', fromYear: 1875, toYear: 1908, label: { 'zh-CN': '光绪年间', en: 'Guangxu reign' } });
      expect(reign?.era).toEqual({ 'zh-CN': '光绪年间', en: 'Guangxu reign' });
      const handed = await loadStory(database.db, coop.id, 'sty_handed');
      expect(handed?.date).toBeUndefined();
      expect(handed?.era).toEqual({ 'zh-CN': '世代相传', en: 'Handed down over generations' });
      expect((await loadStory(database.db, coop.id, 'sty_han'))?.date).toEqual({
        precision: 'period',
        period: 'eastern-han',
        label: { en: 'Late Eastern Han' },
      });
      expect((await loadStory(database.db, coop.id, 'sty_rite'))?.date).toEqual({ precision: 'year', year: 1900, circa: true, label: { 'zh-CN': '约1900年' } });
      const columns = await database.db
        .selectFrom('stories')
        .select(['id', 'date_sort_key', 'date_from_year', 'date_to_year'])
        .where('cooperative_id', '=', coop.id)
        .orderBy('id')
        .execute();
      expect(columns.map((r) => [r.id, r.date_sort_key, r.date_from_year, r.date_to_year])).toEqual([
        ['sty_damaged', null, null, null],
        ['sty_han', 250_000, 25, 220],
        ['sty_handed', null, null, null],
        ['sty_reign', 18_750_000, 1875, 1908],
        ['sty_rite', 19_000_000, 1900, 1900],
      ]);
      // The damaged row keeps what it had.
      const damaged = await database.db.selectFrom('stories').select(['era', 'place', 'date']).where('id', '=', 'sty_damaged').executeTakeFirstOrThrow();
      expect(damaged).toEqual({ era: 'not json', place: '{"name":5}', date: null });

      // Places: the orchard matched by its zh-CN name; one new well for both spellings; the
      // community-only story's place is created as a draft.
      const places = await listPlacesForEditing(database.db, coop.id);
      expect(places.map((p) => [p.slug, p.kind, p.status, p.visibility])).toEqual([
        ['old-orchard', 'orchard', 'published', 'public'],
        ['old-well', 'other', 'published', 'public'],
        ['old-well-2', 'well', 'published', 'public'],
        ['zu-fen', 'other', 'draft', 'public'],
      ]);
      const well = places.find((p) => p.slug === 'old-well-2')!;
      // The first copy read (sty_han) named it; the second added the Chinese name, region and coordinates.
      expect(well.name).toEqual({ 'zh-CN': '村口老井', en: 'OLD WELL' });
      expect(well.coordinates).toEqual({ latitude: 36.984, longitude: 120.712 });
      expect(well.description).toEqual({ 'zh-CN': '山东省烟台市' });
      expect(well.position).toBe(5);
      expect(await getMuseumLinks(database.db, coop.id, { kind: 'place', id: orchard.id })).toMatchObject({
        stories: ['sty_reign'],
        producers: ['pro_wang'],
      });
      expect((await getMuseumLinks(database.db, coop.id, { kind: 'place', id: well.id })).stories.sort()).toEqual(['sty_han', 'sty_handed']);
      const linked = (kind: 'story' | 'producer', id: string, publicOnly = false) =>
        placesLinkedTo(database.db, coop.id, { kind, id }, { publicOnly }).then((list) => list.map((p) => p.slug));
      expect(await linked('story', 'sty_rite')).toEqual(['zu-fen']);
      expect(await linked('story', 'sty_rite', true)).toEqual([]);
      expect(await linked('story', 'sty_damaged')).toEqual([]);

      // Another cooperative's copy of the same name gets its own place (out-of-range coordinates dropped).
      const theirs = await listPlacesForEditing(database.db, other.id);
      expect(theirs.map((p) => [p.slug, p.kind, p.coordinates])).toEqual([['he-tan-lao-li-yuan', 'orchard', null]]);
      expect((await getMuseumLinks(database.db, other.id, { kind: 'place', id: theirs[0]!.id })).stories).toEqual(['sty_elsewhere']);
    });
  });
}
