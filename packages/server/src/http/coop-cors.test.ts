import { describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { coopCors, isAllowedOrigin } from './coop-cors';

describe('coopCors', () => {
  const app = new Hono()
    .use('*', coopCors({ allowedOrigins: () => ['https://village.example.cn'] }))
    .get('/x', (c) => c.text('ok'))
    .post('/x', (c) => c.text('posted'));

  it('matches origins exactly, ignoring case and a trailing slash in the list', () => {
    expect(isAllowedOrigin('https://Village.example.cn', ['https://village.example.cn/'])).toBe(true);
    expect(isAllowedOrigin('https://village.example.cn:8443', ['https://village.example.cn'])).toBe(false);
    expect(isAllowedOrigin('http://village.example.cn', ['https://village.example.cn'])).toBe(false);
    expect(isAllowedOrigin('https://evil-village.example.cn', ['https://village.example.cn'])).toBe(false);
    expect(isAllowedOrigin('null', ['null'])).toBe(false);
  });

  it('sets Access-Control-Allow-Origin for allowed origins only, always with Vary: Origin', async () => {
    const ok = await app.request('/x', { headers: { origin: 'https://village.example.cn' } });
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://village.example.cn');
    const no = await app.request('/x', { headers: { origin: 'https://evil.example' } });
    expect(no.headers.get('access-control-allow-origin')).toBeNull();
    expect(no.headers.get('vary')).toBe('Origin');
    const none = await app.request('/x');
    expect(none.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers preflight with methods and headers for allowed origins, and nothing else for others', async () => {
    const preflight = (origin: string) =>
      app.request('/x', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, idempotency-key' },
      });
    const ok = await preflight('https://village.example.cn');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    expect(ok.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
    expect(ok.headers.get('access-control-max-age')).toBe('600');
    const no = await preflight('https://evil.example');
    expect(no.status).toBe(204);
    expect(no.headers.get('access-control-allow-origin')).toBeNull();
    expect(no.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('refuses a browser page on a disallowed origin with a 403 it can read, and no data', async () => {
    const browser = (origin: string, site: string) => app.request('/x', { headers: { origin, 'sec-fetch-site': site, 'sec-fetch-mode': 'cors' } });
    const refused = await browser('https://stranger.example', 'cross-site');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://stranger.example');
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(refused.headers.get('vary')).toBe('Origin');
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('origin_not_allowed');
    expect(body.error.message).toContain('https://stranger.example');
    expect((await browser('http://localhost:9999', 'same-site')).status).toBe(403);
    // Allowed pages, same-origin pages and non-browser clients are served as before.
    expect(await (await browser('https://village.example.cn', 'cross-site')).text()).toBe('ok');
    expect(await (await browser('https://shop.example.cn', 'same-origin')).text()).toBe('ok');
    expect(await (await app.request('/x', { headers: { origin: 'https://stranger.example' } })).text()).toBe('ok');
  });
});
