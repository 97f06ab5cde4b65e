import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { getMuseumOverview, getPublicHall, getPublicPerson, getPublicPlace, storyInMuseum } from '../museum/museum-reads';
import { listTimeline } from '../museum/chronicle';
import { DEMO_PEOPLE } from './demo-museum';
import { listMemoriesForModeration, listPublicMemories } from '../museum/memories';
import { LocalDiskStorage } from '../media/media-storage';
import { seedDemoVillage } from './seed';

for (const dialect of TEST_DIALECTS) {
  describe(`demo museum on ${dialect.name} (issue 11)`, () => {
    let database: TestDatabase;
    let coopId: string;
    beforeEach(async () => {
      database = await dialect.open();
      coopId = (await seedDemoVillage(database.db)).cooperativeId;
    });
    afterEach(() => database.destroy());

    it('has at least 15 chronicle entries from the earliest record to today, 5 places, 4 people and 3 halls', async () => {
      const o = { locale: 'zh-CN', fallback: 'zh-CN' } as const;
      const overview = await getMuseumOverview(database.db, coopId, o);
      expect(overview.counts.chronicle).toBeGreaterThanOrEqual(15);
      expect(overview.counts.places).toBeGreaterThanOrEqual(5);
      expect(overview.counts.people).toBeGreaterThanOrEqual(4);
      expect(overview.counts.halls).toBeGreaterThanOrEqual(3);
      expect(overview.map.pins.length).toBe(overview.counts.places);
      const timeline = (await listTimeline(database.db, coopId, { ...o, limit: 100 })).items;
      expect(timeline[0]!.slug).toBe('kong-rong-tale');
      expect(timeline.at(-1)!.slug).toBe('museum-opens');
      // Community-only records of the demo stay out of public reads.
      expect(JSON.stringify(overview)).not.toMatch(/family-graves|elders-only-rites|祖茔/);
      expect(await getPublicPlace(database.db, coopId, 'family-graves', o)).toBeUndefined();
      const history = (await getPublicHall(database.db, coopId, 'village-history-hall', o))!;
      expect(history.exhibits.map((e) => e.slug)).not.toContain('family-graves');
      // Exhibits lead to the goods they explain.
      const orchard = (await getPublicPlace(database.db, coopId, 'old-pear-orchard', o))!;
      expect(orchard.products.map((p) => p.slug)).toContain('laiyang-pear');
      expect((await getPublicPerson(database.db, coopId, 'liu-guifang', o))!.products.map((p) => p.slug)).toContain('straw-basket');
      // And a story leads back to the museum.
      const weaving = await database.db.selectFrom('stories').select('id').where('slug', '=', 'liu-guifang-weaving').executeTakeFirstOrThrow();
      const where = await storyInMuseum(database.db, coopId, weaving.id, o);
      expect(where.places.map((p) => p.slug)).toEqual(['straw-workshop']);
      expect(where.halls.map((h) => h.slug)).toEqual(['craft-hall']);
    });

    it('puts 2 memories in the moderation queue and shows 1 approved, each marked demo', async () => {
      const storage = new LocalDiskStorage({ folder: '/nonexistent-terroir-demo' });
      const { items, counts } = await listMemoriesForModeration(database.db, storage, coopId);
      expect(counts).toEqual({ pending: 2, approved: 1, rejected: 0 });
      expect(items.every((m) => m.demo && /示例|Demo content/.test(m.text))).toBe(true);
      const shown = await listPublicMemories(database.db, storage, coopId, { locale: 'zh-CN', fallback: 'zh-CN' });
      expect(shown.items).toHaveLength(1);
      expect(shown.items[0]).toMatchObject({ demo: true, contributorName: '王奶奶（示例）' });
      expect(shown.items[0]!.places.map((p) => p.slug)).toEqual(['old-well']);
      expect(JSON.stringify(shown)).not.toContain('example.invalid');
      // The seed is no sender: it used no place of the rate limits.
      expect(await database.db.selectFrom('museum_memory_limits').selectAll().execute()).toEqual([]);
    });

    it('marks every fictional person as a demo person, in both languages', () => {
      for (const person of DEMO_PEOPLE.filter((p) => p.slug !== 'kong-rong')) {
        expect(person.name['zh-CN'], person.slug).toContain('示例');
        expect(person.name.en, person.slug).toContain('demo');
      }
    });
  });
}
