import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { ifNoneMatchHits as coreIfNoneMatchHits } from '@terroir/core';
import { ifNoneMatchHits, widgetAssets } from './serve-bundle';

const dist = mkdtempSync(join(tmpdir(), 'terroir-widgets-'));
writeFileSync(join(dist, 'terroir.js'), 'export const terroir = 1;\n');
const app = new Hono().route('/widgets', widgetAssets({ dist }));

afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('widgetAssets', () => {
  it('serves the bundle immutable, cross-origin loadable, with its type and ETag', async () => {
    const res = await app.request('/widgets/v1/terroir.js');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('export const terroir = 1;\n');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('etag')).toMatch(/^"[\w-]{27}"$/);
  });

  it('sends the precompressed bundle to clients that accept gzip', async () => {
    const { gunzipSync } = await import('node:zlib');
    const res = await app.request('/widgets/v1/terroir.js', { headers: { 'Accept-Encoding': 'br, gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe('export const terroir = 1;\n');
    const plain = await app.request('/widgets/v1/terroir.js', { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const etag = (await app.request('/widgets/v1/terroir.js')).headers.get('etag')!;
    const res = await app.request('/widgets/v1/terroir.js', { headers: { 'If-None-Match': `"other", ${etag}` } });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe('');
  });

  it('serves nothing else: unknown names, traversal and unbuilt files are JSON 404s', async () => {
    for (const path of ['/widgets/v1/secret.txt', '/widgets/v1/..%2Fpackage.json', '/widgets/v1/terroir.js.map', '/widgets/v2/terroir.js']) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      if (path.startsWith('/widgets/v1/')) expect((await res.json()).error.code).toBe('not_found');
    }
  });
});

describe('ifNoneMatchHits (copy of core)', () => {
  it('answers exactly like core for weak tags, lists, * and misses', () => {
    const headers = [undefined, '', '*', '"a"', 'W/"a"', '"b", W/"a"', ' "b" ,"a" ', '"ab"', 'W/"b"'];
    for (const header of headers) for (const etag of ['"a"', 'W/"a"', '"b"']) expect(ifNoneMatchHits(header, etag), `${header} vs ${etag}`).toBe(coreIfNoneMatchHits(header, etag));
  });
});
