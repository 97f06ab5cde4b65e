import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { createCooperative } from '../cooperatives/cooperatives';
import { createQueryShapes } from './query-shapes';

for (const dialect of TEST_DIALECTS) {
  describe(`query shapes on ${dialect.name}`, () => {
    let database: TestDatabase;
    const slugs = ['apple', 'pear', 'walnut'];
    beforeAll(async () => {
      database = await dialect.open();
      for (const slug of slugs) {
        await createCooperative(database.db, { slug, name: { en: slug }, description: {}, place: { name: {} }, contact: {}, allowedOrigins: [] });
      }
    });
    afterAll(() => database.destroy());

    const bySlugs = (shapes: ReturnType<typeof createQueryShapes>, key: string | undefined, wanted: string[], limit: number) =>
      shapes.run(key, [...wanted, limit], (value) =>
        database.db
          .selectFrom('cooperatives')
          .select('slug')
          .where(
            'slug',
            'in',
            wanted.map((_, i) => value<string>(i)),
          )
          .where('default_locale', '=', 'zh-CN')
          .orderBy('slug')
          .limit(value<number>(wanted.length)),
      );

    it('compiles a shape once and runs it with each call’s values, as the built query would', async () => {
      const shapes = createQueryShapes(database.db);
      for (const [wanted, limit] of [
        [['apple', 'pear'], 5],
        [['pear', 'walnut'], 1],
        [['walnut', 'nope'], 5],
      ] as const) {
        const expected = await bySlugs(shapes, undefined, [...wanted], limit);
        expect(await bySlugs(shapes, `two:${wanted.length}`, [...wanted], limit)).toEqual(expected);
      }
      expect(shapes.size).toBe(1);
      expect((await bySlugs(shapes, 'two:2', ['pear', 'walnut'], 1)).map((r) => r.slug)).toEqual(['pear']);
    });

    it('keeps at most its capacity of shapes', async () => {
      const shapes = createQueryShapes(database.db, 2);
      for (let n = 1; n <= 3; n++) expect(await bySlugs(shapes, `n:${n}`, slugs.slice(0, n), 10)).toHaveLength(n);
      expect(shapes.size).toBe(2);
      // An evicted shape compiles again and still answers.
      expect((await bySlugs(shapes, 'n:1', ['walnut'], 10)).map((r) => r.slug)).toEqual(['walnut']);
    });

    it('refuses a shape that took a value directly instead of through value(i)', async () => {
      const shapes = createQueryShapes(database.db);
      await expect(shapes.run('frozen', ['pear'], () => database.db.selectFrom('cooperatives').select('slug').where('slug', '=', 'pear'))).rejects.toThrow(
        /not taken through value/,
      );
    });
  });
}
