import { describe, expect, it } from 'vitest';
import type { ProductCard } from './catalog-reader';
import { createProductCardCache } from './product-card-cache';

// Only identity matters to the cache: any object stands for a card here.
const card = (id: string) => ({ id }) as ProductCard;

describe('createProductCardCache (issue 12)', () => {
  it('serves a card only under the version it was stored with, and drops every card when the version moves', () => {
    const cache = createProductCardCache();
    const a = card('a');
    expect(cache.holds('v1')).toBe(false);
    cache.set('v1', 'a', a, 100);
    expect(cache.get('v1', 'a')).toBe(a);
    expect(cache.holds('v1')).toBe(true);
    expect(cache.get('v2', 'a')).toBeUndefined();
    expect(cache.holds('v2')).toBe(false);
    cache.set('v2', 'b', card('b'), 100);
    // Cards of two versions are never mixed: v1's card is gone, even for a late v1 reader.
    expect(cache.get('v1', 'a')).toBeUndefined();
    expect(cache.size).toBe(1);
    expect(cache.bytes).toBe(100);
  });

  it('evicts the least recently used card, so cards read often survive a stream of new ones', () => {
    const cache = createProductCardCache({ maxEntries: 3 });
    const hot = card('hot');
    cache.set('v', 'hot', hot, 10);
    for (let i = 0; i < 50; i++) {
      cache.set('v', `cold-${i}`, card(`cold-${i}`), 10);
      expect(cache.get('v', 'hot'), `after cold-${i}`).toBe(hot);
    }
    expect(cache.size).toBe(3);
    expect(cache.get('v', 'cold-0')).toBeUndefined();
    expect(cache.get('v', 'cold-49')).toBeDefined();
  });

  it('keeps the estimated bytes under maxBytes, and never stores a card larger than the bound', () => {
    const cache = createProductCardCache({ maxBytes: 1000 });
    for (let i = 0; i < 20; i++) {
      cache.set('v', `k${i}`, card(`k${i}`), 150);
      expect(cache.bytes).toBeLessThanOrEqual(1000);
    }
    expect(cache.size).toBe(6);
    expect(cache.get('v', 'k19')).toBeDefined();
    expect(cache.get('v', 'k0')).toBeUndefined();
    cache.set('v', 'huge', card('huge'), 2000);
    expect(cache.get('v', 'huge')).toBeUndefined();
    expect(cache.bytes).toBeLessThanOrEqual(1000);
    // Storing a key again replaces its entry and its bytes.
    cache.set('v', 'k19', card('k19'), 300);
    expect(cache.bytes).toBeLessThanOrEqual(1000);
    expect(cache.bytes).toBe(4 * 150 + 300);
  });

  it('keeps nothing with maxEntries 0', () => {
    const cache = createProductCardCache({ maxEntries: 0 });
    cache.set('v', 'a', card('a'), 1);
    expect(cache.get('v', 'a')).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.holds('v')).toBe(false);
  });
});
