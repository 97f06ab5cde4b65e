import { describe, expect, it } from 'vitest';
import { publicUrlFromEnv } from './public-url';

describe('publicUrlFromEnv', () => {
  it('defaults to localhost on the port the site listens on', () => {
    expect(publicUrlFromEnv({}, 9000)).toEqual({ url: 'http://localhost:9000' });
  });
  it('reads PUBLIC_URL, without a trailing slash', () => {
    expect(publicUrlFromEnv({ PUBLIC_URL: 'https://pears.example.cn/' }, 8787)).toEqual({ url: 'https://pears.example.cn' });
  });
  it('reads PUBLIC_BASE_URL as a deprecated alias, with a warning', () => {
    const result = publicUrlFromEnv({ PUBLIC_BASE_URL: 'https://old.example.cn' }, 8787);
    expect(result.url).toBe('https://old.example.cn');
    expect(result.warning).toMatch(/deprecated/);
    const both = publicUrlFromEnv({ PUBLIC_URL: 'https://new.example.cn', PUBLIC_BASE_URL: 'https://old.example.cn' }, 8787);
    expect(both.url).toBe('https://new.example.cn');
    expect(both.warning).toMatch(/ignored/);
  });
  it('refuses what is not an absolute http(s) URL', () => {
    for (const bad of ['pears.example.cn', 'javascript:alert(1)', 'ftp://x.example'])
      expect(() => publicUrlFromEnv({ PUBLIC_URL: bad }, 8787)).toThrow(RangeError);
  });
});
