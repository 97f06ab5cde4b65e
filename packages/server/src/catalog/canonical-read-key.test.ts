import { describe, expect, it } from 'vitest';
import { canonicalReadKey } from './catalog-routes';

describe('canonicalReadKey (issue 12: junk parameters cannot flush the response cache)', () => {
  it('drops unknown parameters and the host, and orders the known ones', () => {
    const a = canonicalReadKey('http://a.example/v1/coops/c/products?zz=1&lang=en&category=fresh&utm_source=x');
    const b = canonicalReadKey('http://b.example/v1/coops/c/products?category=fresh&lang=en&_=1733212345');
    expect(a).toBe('/v1/coops/c/products?category=fresh&lang=en');
    expect(b).toBe(a);
  });

  it('keeps every parameter that changes the answer, repeated values included, so distinct lists never share an entry', () => {
    const keys = [
      '/v1/coops/c/products?lang=en',
      '/v1/coops/c/products?lang=zh-CN',
      '/v1/coops/c/products?lang=en&limit=2',
      '/v1/coops/c/products?lang=en&cursor=abc',
      '/v1/coops/c/products?lang=en&q=%E6%A2%A8',
      '/v1/coops/c/products?lang=en&sort=price',
      '/v1/coops/c/products?lang=en&tag=a&tag=b',
      '/v1/coops/c/products?lang=en&tag=a',
      '/v1/coops/c/stories?lang=en&kind=history',
      '/v1/coops/c/stories/x?lang=en',
    ].map((path) => canonicalReadKey(`http://h${path}`));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
