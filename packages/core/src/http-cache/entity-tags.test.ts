import { describe, expect, it } from 'vitest';
import { etagOf, ifNoneMatchHits } from './entity-tags';

describe('entity tags', () => {
  it('makes a weak tag that changes with the bytes', () => {
    expect(etagOf('{"a":1}')).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(etagOf('{"a":1}')).not.toBe(etagOf('{"a":2}'));
    expect(etagOf(new TextEncoder().encode('{"a":1}'))).toBe(etagOf('{"a":1}'));
  });

  it('compares weakly, in lists, and with *', () => {
    const cases: Array<[string | undefined, string, boolean]> = [
      ['W/"abc"', 'W/"abc"', true],
      ['"abc"', 'W/"abc"', true],
      ['W/"abc"', '"abc"', true],
      ['"x", W/"abc"', '"abc"', true],
      ['"x",W/"abc" ', '"abc"', true],
      ['*', '"abc"', true],
      ['"abcd"', '"abc"', false],
      ['"x", "y"', '"abc"', false],
      ['', '"abc"', false],
      [undefined, '"abc"', false],
    ];
    for (const [header, etag, hit] of cases) expect(ifNoneMatchHits(header, etag), `${header} vs ${etag}`).toBe(hit);
  });
});
