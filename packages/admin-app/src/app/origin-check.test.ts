import { describe, expect, it } from 'vitest';
import { checkOrigin } from './origin-check';

describe('allowed origins as an owner types them', () => {
  it('accepts exact https origins (with a port), normalised as browsers send them', () => {
    expect(checkOrigin('https://village.example.cn')).toEqual({ ok: true, origin: 'https://village.example.cn' });
    expect(checkOrigin(' https://Village.Example.cn:8443/ ')).toEqual({ ok: true, origin: 'https://village.example.cn:8443' });
    expect(checkOrigin('https://shop.example.cn:443')).toEqual({ ok: true, origin: 'https://shop.example.cn' });
    // Browsers send Chinese domain names in their ASCII (punycode) form.
    expect(checkOrigin('https://梨园.中国')).toMatchObject({ ok: true, origin: expect.stringMatching(/^https:\/\/xn--[a-z0-9]+\.xn--fiqs8s$/) });
  });

  it('allows plain http only for a site on this machine', () => {
    expect(checkOrigin('http://localhost:5173')).toEqual({ ok: true, origin: 'http://localhost:5173' });
    expect(checkOrigin('http://127.0.0.1:8080')).toEqual({ ok: true, origin: 'http://127.0.0.1:8080' });
    expect(checkOrigin('http://village.example.cn')).toEqual({ ok: false, reason: 'originNotHttps' });
  });

  it('refuses page addresses, saying which origin to add instead', () => {
    expect(checkOrigin('https://village.example.cn/shop/pears.html')).toEqual({ ok: false, reason: 'originHasPath', suggestion: 'https://village.example.cn' });
    expect(checkOrigin('https://village.example.cn?x=1')).toEqual({ ok: false, reason: 'originHasPath', suggestion: 'https://village.example.cn' });
    expect(checkOrigin('https://village.example.cn#top')).toMatchObject({ ok: false, reason: 'originHasPath' });
    expect(checkOrigin('village.example.cn')).toEqual({ ok: false, reason: 'originNoScheme', suggestion: 'https://village.example.cn' });
  });

  it('refuses what is not one exact site', () => {
    expect(checkOrigin('')).toEqual({ ok: false, reason: 'originEmpty' });
    expect(checkOrigin('https://*.example.cn')).toEqual({ ok: false, reason: 'originWildcard' });
    expect(checkOrigin('https://user:pw@village.example.cn')).toEqual({ ok: false, reason: 'originHasCredentials' });
    expect(checkOrigin('ftp://village.example.cn')).toEqual({ ok: false, reason: 'originNotHttps' });
    expect(checkOrigin('https://')).toEqual({ ok: false, reason: 'originNotUrl' });
    expect(checkOrigin('https://village.example.cn', ['https://village.example.cn'])).toEqual({ ok: false, reason: 'originDuplicate' });
  });
});
