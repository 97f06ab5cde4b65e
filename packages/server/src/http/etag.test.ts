import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { cacheControlOf, cachedJson, etagOf, ifNoneMatchHits } from './etag';

describe('etag', () => {
  it('hashes the body into a stable weak ETag', () => {
    expect(etagOf('{"a":1}')).toBe(etagOf('{"a":1}'));
    expect(etagOf('{"a":1}')).not.toBe(etagOf('{"a":2}'));
    expect(etagOf('x')).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
  });

  it('matches If-None-Match weakly, in lists and with *', () => {
    const tag = etagOf('x');
    expect(ifNoneMatchHits(tag, tag)).toBe(true);
    expect(ifNoneMatchHits(tag.slice(2), tag)).toBe(true); // strong form of the same tag
    expect(ifNoneMatchHits(`"a", ${tag}`, tag)).toBe(true);
    expect(ifNoneMatchHits('*', tag)).toBe(true);
    expect(ifNoneMatchHits('"other"', tag)).toBe(false);
    expect(ifNoneMatchHits(undefined, tag)).toBe(false);
    expect(ifNoneMatchHits('', tag)).toBe(false);
  });

  it('answers 304 with the validators and no body when the tag matches', async () => {
    const app = new Hono().get('/', (c) => cachedJson(c, { pear: '梨' }, { maxAge: 60, staleWhileRevalidate: 300 }));
    const first = await app.request('/');
    expect(await first.json()).toEqual({ pear: '梨' });
    expect(first.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    const second = await app.request('/', { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(second.status).toBe(304);
    expect(second.body).toBeNull();
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(cacheControlOf({ maxAge: 0, staleWhileRevalidate: 0 })).toBe('public, max-age=0, stale-while-revalidate=0');
  });
});
