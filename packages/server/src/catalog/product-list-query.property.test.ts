import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyParameters, propertyTimeout } from '@terroir/core/testing';
import { ProductListQuery } from './catalog-schemas';
import { plainProductListQuery } from './product-list-query';

/*
 * The plain-JavaScript check of the product list's query must never disagree with zod: when it
 * answers, zod accepts the query and parses it to the very same value; every query zod refuses,
 * it leaves to zod (which then answers the 400).
 */

const NAMES = ['lang', 'category', 'producer', 'tag', 'season', 'q', 'sort', 'limit', 'cursor', 'zz', '__proto__', 'constructor'];
// Values near every boundary: allowed and refused enum values, limits zod coerces, control
// characters, lone surrogates, lengths on both sides of each maximum, cursor alphabets.
const value = fc.oneof(
  fc.constantFrom('en', 'zh-CN', 'fr', 'EN', 'fresh', 'craft', 'FRESH', 'in-season', 'winter', 'featured', 'newest', 'price-asc', 'cheapest'),
  fc.constantFrom('', '0', '1', '9', '10', '24', '99', '100', '101', '010', '1.0', '2.5', '-1', ' 5', '0x10', '1e1', 'abc'),
  fc.constantFrom('a\u0000b', 'a\nb', 'x\u001b[31m', '\ud800', '梨', '🍐🍐', 'eyJzIjoiZmVhdHVyZWQifQ', 'abc!', 'a-b_c'),
  fc.constantFrom(63, 64, 65, 99, 100, 101, 119, 120, 121, 511, 512, 513).map((n) => 'p'.repeat(n)),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
// A name given twice arrives as an array, as Hono's validator reads `?limit=1&limit=2`.
const query = fc.dictionary(fc.constantFrom(...NAMES), fc.oneof(value, fc.array(value, { minLength: 2, maxLength: 3 })), { maxKeys: 6 });

describe('plainProductListQuery (issue 12)', () => {
  it(
    'answers only for queries zod accepts, with exactly zod’s value',
    () => {
      let answered = 0;
      fc.assert(
        fc.property(query, (values) => {
          const plain = plainProductListQuery(values);
          const parsed = ProductListQuery.safeParse(values);
          if (plain === undefined) return;
          answered += 1;
          expect(parsed.success, JSON.stringify(values)).toBe(true);
          expect(plain).toStrictEqual(parsed.data);
        }),
        propertyParameters(2000),
      );
      // The property is not vacuous: a good share of the generated queries took the plain path.
      expect(answered).toBeGreaterThan(50);
    },
    propertyTimeout(),
  );

  it('takes the plainly valid query, ignores unknown parameters, and leaves the rest to zod', () => {
    expect(plainProductListQuery({})).toStrictEqual({ sort: 'featured', limit: 24 });
    expect(plainProductListQuery({ lang: 'zh-CN', limit: '12', category: 'fresh', sort: 'price-asc', zz: ['1', '2'] })).toStrictEqual({
      sort: 'price-asc',
      limit: 12,
      lang: 'zh-CN',
      category: 'fresh',
    });
    expect(
      plainProductListQuery({ q: '', tag: '100%_handmade', producer: 'wang-orchard', season: 'in-season', cursor: 'eyJzIjoiZmVhdHVyZWQifQ' }),
    ).toStrictEqual({
      sort: 'featured',
      limit: 24,
      q: '',
      tag: '100%_handmade',
      producer: 'wang-orchard',
      season: 'in-season',
      cursor: 'eyJzIjoiZmVhdHVyZWQifQ',
    });
    // Refused, or accepted by zod only after coercion: zod decides.
    const refused: Array<Record<string, string | string[]>> = [
      { limit: '0' },
      { limit: '010' },
      { limit: ['1', '2'] },
      { lang: 'fr' },
      { q: 'a\u0000b' },
      { cursor: 'abc!' },
      { sort: '' },
    ];
    for (const values of refused) {
      expect(plainProductListQuery(values), JSON.stringify(values)).toBeUndefined();
    }
  });
});
