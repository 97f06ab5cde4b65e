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
    await expect(cache.through('k', 'v', async () => { throw new Error('404'); })).rejects.toThrow('404');
    expect(cache.size).toBe(0);
  });
});
