import { describe, expect, it } from 'vitest';
import { createResponseCache } from './response-cache';

describe('createResponseCache', () => {
  it('reuses an entry while the version holds, and rebuilds when it moves', async () => {
    let builds = 0;
    const cache = createResponseCache();
    const build = async () => ({ n: ++builds });
    expect((await cache.through('k', 'v1', build)).body).toBe('{"n":1}');
    expect((await cache.through('k', 'v1', build)).body).toBe('{"n":1}');
    expect(cache.lookup('k', 'v1')?.body).toBe('{"n":1}');
    expect(cache.lookup('k', 'v2')).toBeUndefined();
    expect((await cache.through('k', 'v2', build)).body).toBe('{"n":2}');
    // No version (PostgreSQL): never cached.
    expect((await cache.through('k', null, build)).body).toBe('{"n":3}');
    expect((await cache.through('k', null, build)).body).toBe('{"n":4}');
    expect(cache.lookup('k', null)).toBeUndefined();
  });

  it('expires entries after the TTL and keeps at most maxEntries', async () => {
    let now = 0;
    let builds = 0;
    const cache = createResponseCache({ ttlMs: 10, maxEntries: 2, clock: () => now });
    const build = async () => ({ n: ++builds });
    await cache.through('a', 'v', build);
    now = 11;
    expect((await cache.through('a', 'v', build)).body).toBe('{"n":2}');
    await cache.through('b', 'v', build);
    await cache.through('c', 'v', build);
    expect(cache.size).toBe(2);
  });

  it('does not cache a build that throws', async () => {
    const cache = createResponseCache();
    await expect(
      cache.through('k', 'v', async () => {
        throw new Error('404');
      }),
    ).rejects.toThrow('404');
    expect(cache.size).toBe(0);
  });
});

describe('createResponseCache eviction (issue 12)', () => {
  it('evicts the least recently used entry, so entries read often survive a stream of new keys', async () => {
    const cache = createResponseCache({ maxEntries: 3 });
    const build = (n: number) => async () => ({ n });
    await cache.through('hot', 'v', build(0));
    for (let i = 1; i <= 20; i++) {
      await cache.through(`junk-${i}`, 'v', build(i));
      // A visitor keeps reading the hot entry between the junk requests.
      expect(cache.lookup('hot', 'v')?.body, `after junk-${i}`).toBe('{"n":0}');
    }
    expect(cache.size).toBe(3);
    expect(cache.lookup('junk-1', 'v')).toBeUndefined();
    expect(cache.lookup('junk-20', 'v')?.body).toBe('{"n":20}');
  });

  it('keeps the bodies under maxBytes, and never stores one larger than the bound', async () => {
    const cache = createResponseCache({ maxBytes: 1000 });
    const body = (chars: number) => async () => ({ s: 'x'.repeat(chars) });
    for (let i = 0; i < 10; i++) await cache.through(`k${i}`, 'v', body(150));
    expect(cache.bytes).toBeLessThanOrEqual(1000);
    expect(cache.size).toBeGreaterThan(0);
    expect(cache.lookup('k9', 'v')).toBeDefined();
    expect(cache.lookup('k0', 'v')).toBeUndefined();
    await cache.through('huge', 'v', body(2000));
    expect(cache.lookup('huge', 'v')).toBeUndefined();
    expect(cache.bytes).toBeLessThanOrEqual(1000);
  });
});
