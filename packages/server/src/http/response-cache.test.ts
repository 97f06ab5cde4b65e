import { describe, expect, it } from 'vitest';
import { createResponseCache } from './response-cache';

describe('createResponseCache', () => {
  it('reuses an entry while the version holds, and rebuilds when it moves', async () => {
    let version: string | null = 'v1';
    let builds = 0;
    const cache = createResponseCache({ version: async () => version });
    const build = async () => ({ n: ++builds });
    expect((await cache.through('k', build)).body).toBe('{"n":1}');
    expect((await cache.through('k', build)).body).toBe('{"n":1}');
    version = 'v2';
    expect((await cache.through('k', build)).body).toBe('{"n":2}');
    version = null; // no version: never cached
    expect((await cache.through('k', build)).body).toBe('{"n":3}');
    expect((await cache.through('k', build)).body).toBe('{"n":4}');
  });

  it('expires entries after the TTL and keeps at most maxEntries', async () => {
    let now = 0;
    let builds = 0;
    const cache = createResponseCache({ version: async () => 'v', ttlMs: 10, maxEntries: 2, clock: () => now });
    const build = async () => ({ n: ++builds });
    await cache.through('a', build);
    now = 11;
    expect((await cache.through('a', build)).body).toBe('{"n":2}');
    await cache.through('b', build);
    await cache.through('c', build);
    expect(cache.size).toBe(2);
  });

  it('does not cache a build that throws', async () => {
    const cache = createResponseCache({ version: async () => 'v' });
    await expect(cache.through('k', async () => { throw new Error('404'); })).rejects.toThrow('404');
    expect(cache.size).toBe(0);
  });
});
