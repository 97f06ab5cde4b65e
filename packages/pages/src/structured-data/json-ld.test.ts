import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import type { Hono } from 'hono';
import { openPagesTestSite, SAMPLE_PAGES } from '../../test/pages-test-site';
import { isoDuration, serializeJsonLd } from './json-ld';
import { SCHEMA_ENUMERATION_MEMBERS, SCHEMA_PROPERTIES, SCHEMA_TYPES } from './schema-vocabulary';

type Node = Record<string, unknown>;

/** The type and all its ancestors. */
function lineage(type: string): string[] {
  const out: string[] = [];
  for (let t: string | null | undefined = type; t; t = SCHEMA_TYPES[t]) out.push(t);
  return out;
}

/** Every problem in a JSON-LD tree: unknown types, unknown properties, properties on a type that does not take them. */
function vocabularyProblems(value: unknown, path = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => vocabularyProblems(v, `${path}[${i}]`));
  if (typeof value === 'string') {
    return value.startsWith('https://schema.org/') && !SCHEMA_ENUMERATION_MEMBERS.has(value) && path.endsWith('.availability')
      ? [`${path}: unknown enumeration member ${value}`]
      : [];
  }
  if (typeof value !== 'object' || value === null) return [];
  const node = value as Node;
  const problems: string[] = [];
  const type = node['@type'];
  if (type !== undefined && (typeof type !== 'string' || !(type in SCHEMA_TYPES))) problems.push(`${path}: unknown type ${String(type)}`);
  const types = typeof type === 'string' ? lineage(type) : [];
  for (const [key, child] of Object.entries(node)) {
    if (key.startsWith('@')) {
      if (!['@context', '@type', '@id'].includes(key)) problems.push(`${path}: unexpected keyword ${key}`);
      if (key === '@context' && child !== 'https://schema.org') problems.push(`${path}: context ${String(child)}`);
      continue;
    }
    const domain = SCHEMA_PROPERTIES[key];
    if (!domain) problems.push(`${path}.${key}: unknown property`);
    // A node with only an @id (a reference) has no type to check against.
    else if (type !== undefined && !domain.some((d) => types.includes(d))) problems.push(`${path}.${key}: not a property of ${String(type)}`);
    problems.push(...vocabularyProblems(child, `${path}.${key}`));
  }
  return problems;
}

describe('serializeJsonLd', () => {
  it('escapes what could end or confuse a script element, and stays valid JSON', () => {
    const hostile = { name: '</script><script>alert(1)</script><!-- & \u2028' };
    const text = serializeJsonLd(hostile);
    expect(text).not.toMatch(/<|>|&|\u2028/);
    expect(JSON.parse(text)).toEqual(hostile);
  });
  it('writes ISO 8601 durations', () => {
    expect(isoDuration(5)).toBe('PT5S');
    expect(isoDuration(0)).toBe('PT0S');
    expect(isoDuration(3725)).toBe('PT1H2M5S');
    expect(isoDuration(120)).toBe('PT2M');
  });
});

describe('vocabularyProblems', () => {
  it('catches unknown types, unknown properties and properties on the wrong type', () => {
    expect(vocabularyProblems({ '@type': 'Product', name: 'x' })).toEqual([]);
    expect(vocabularyProblems({ '@type': 'Produkt' })).toEqual(['$: unknown type Produkt']);
    expect(vocabularyProblems({ '@type': 'Product', colour: 'red' })).toEqual(['$.colour: unknown property']);
    expect(vocabularyProblems({ '@type': 'Place', transcript: 'x' })).toEqual(['$.transcript: not a property of Place']);
    expect(vocabularyProblems({ '@type': 'Offer', availability: 'https://schema.org/Available' })).toEqual([
      '$.availability: unknown enumeration member https://schema.org/Available',
    ]);
  });
});

for (const dialect of TEST_DIALECTS) {
  describe(`JSON-LD of every page kind on ${dialect.name}`, () => {
    let database: TestDatabase;
    let app: Hono;
    beforeAll(async () => {
      ({ database, app } = await openPagesTestSite(dialect));
    });
    afterAll(async () => {
      await database?.destroy();
    });

    it('parses and uses only schema.org terms that exist, where they belong', async () => {
      const paths = [
        ...Object.entries(SAMPLE_PAGES)
          .filter(([name]) => name !== 'notFound')
          .flatMap(([, p]) => [`/zh-CN${p}`, `/en${p}`]),
        '/en/fragments/product/laiyang-pear',
        '/zh-CN/fragments/story/liu-guifang-weaving',
      ];
      let blocks = 0;
      for (const path of paths) {
        const html = await (await app.request(path)).text();
        const scripts = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)];
        expect(scripts.length, path).toBeGreaterThan(0);
        for (const [, body] of scripts) {
          blocks++;
          const data: unknown = JSON.parse(body!);
          expect(vocabularyProblems(data), path).toEqual([]);
        }
      }
      expect(blocks).toBeGreaterThanOrEqual(paths.length);
    });
  });
}
