import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CorruptRowError, parseJsonColumn } from '../db/json-column';
import {
  certificationListSchema,
  harvestWindowListSchema,
  imageListSchema,
  imageRefSchema,
  localizedTextSchema,
  placeSchema,
  stringListSchema,
} from './catalog-column-schemas';

// Values near the edges of each schema: the fast checks must agree with zod on every one of them
// (accept exactly what zod accepts, return what zod returns, and refuse with zod's message).
const text = [{}, { 'zh-CN': '梨' }, { 'zh-CN': '梨', en: 'Pear' }, { en: 1 }, { fr: 'poire' }, { __proto__: 'x' }, [], ['梨'], null, 'Pear', 3];
const image = [
  { url: '/a.jpg', alt: {} },
  { url: '/a.jpg', alt: { en: 'A' }, width: 320, height: 240, extra: true },
  { url: '/a.jpg', alt: { en: 'A' }, width: '320' },
  { url: '/a.jpg', alt: { en: 'A' }, height: null },
  { url: 1, alt: {} },
  { url: '/a.jpg' },
  { url: '/a.jpg', alt: { de: 'B' } },
  [],
  null,
];
const windows = [
  { fromMonth: 9, toMonth: 10 },
  { fromMonth: 12, toMonth: 1, note: 'winter' },
  { fromMonth: 0, toMonth: 3 },
  { fromMonth: 1, toMonth: 13 },
  { fromMonth: 1.5, toMonth: 3 },
  { fromMonth: '1', toMonth: 3 },
  { fromMonth: 1 },
];
const certifications = [
  { kind: 'organic' },
  { kind: 'green-food', registryId: 'GF-1', issuer: { en: 'Board' } },
  { kind: 'geographical-indication', registryId: 7 },
  { kind: 'fair-trade' },
  { kind: 'organic', issuer: 'Board' },
];
const places = [
  { name: { en: 'Laiyang' } },
  { name: { en: 'Laiyang' }, region: { en: 'Shandong' }, latitude: 36.9, longitude: 120.7 },
  { name: { en: 'Laiyang' }, latitude: '36.9' },
  { name: 'Laiyang' },
  { region: { en: 'Shandong' } },
];
const lists = (items: unknown[]) => [[], ...items.map((item) => [item]), items, 'not a list', null, {}];

const cases: [string, z.ZodType, unknown[]][] = [
  ['localized text', localizedTextSchema, text],
  ['image', imageRefSchema, image],
  ['image list', imageListSchema, lists(image)],
  ['harvest windows', harvestWindowListSchema, lists(windows)],
  ['certifications', certificationListSchema, lists(certifications)],
  ['place', placeSchema, places],
  ['string list', stringListSchema, [[], ['a', 'b'], ['a', 1], [null], 'a', {}]],
];

describe('JSON column fast checks agree with the schemas', () => {
  for (const [name, schema, values] of cases) {
    it(name, () => {
      let accepted = 0;
      for (const value of values) {
        const stored = JSON.stringify(value);
        const expected = schema.safeParse(JSON.parse(stored));
        const ref = { table: 't', id: 'r1', column: name };
        if (expected.success) {
          accepted++;
          expect(parseJsonColumn(schema, stored, ref), stored).toEqual(expected.data);
        } else {
          expect(() => parseJsonColumn(schema, stored, ref), stored).toThrow(CorruptRowError);
          expect(() => parseJsonColumn(schema, stored, ref), stored).toThrow(expected.error.issues[0]!.message);
        }
      }
      // Each corpus holds both kinds, so both branches above ran.
      expect(accepted).toBeGreaterThan(0);
      expect(accepted).toBeLessThan(values.length);
    });
  }
});
