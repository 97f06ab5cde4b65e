import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { Hono } from 'hono';
import { ifNoneMatchHits as coreIfNoneMatchHits } from '@terroir/core';
import { ifNoneMatchHits, widgetAssets } from './serve-bundle';

const ENTRY = 'terroir.AbCd1234.js';
const CHUNK = 'terroir.cart.component.Zz_9-xYw.js';
const entrySource = `export const terroir = () => import('./${CHUNK}');\n`;
const sri = `sha384-${createHash('sha384').update(entrySource).digest('base64')}`;
const dist = mkdtempSync(join(tmpdir(), 'terroir-widgets-'));
writeFileSync(join(dist, ENTRY), entrySource);
writeFileSync(join(dist, CHUNK), 'export const cart = 1;\n');
writeFileSync(join(dist, 'manifest.json'), JSON.stringify({ entry: ENTRY, files: { [ENTRY]: { integrity: sri }, [CHUNK]: { integrity: 'sha384-x' } } }));
writeFileSync(join(dist, 'secret.txt'), 'no');
const app = new Hono().route('/widgets', widgetAssets({ dist }));

afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('widgetAssets', () => {
  it('serves hashed files immutable, cross-origin loadable, with their type and ETag', async () => {
    for (const [name, body] of [
      [ENTRY, entrySource],
      [CHUNK, 'export const cart = 1;\n'],
    ] as const) {
      const res = await app.request(`/widgets/v1/${name}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(body);
      expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
      expect(res.headers.get('etag')).toMatch(/^"[\w-]{27}"$/);
      // The build writes no sourceMappingURL comment into the files: the header names the map.
      expect(res.headers.get('sourcemap')).toBe(`${name}.map`);
    }
  });

  it('names each script’s source map in a SourceMap header (the alias: its entry’s), and serves the map', async () => {
    writeFileSync(join(dist, `${CHUNK}.map`), '{"version":3}');
    expect((await app.request('/widgets/v1/terroir.js')).headers.get('sourcemap')).toBe(`${ENTRY}.map`);
    const map = await app.request(`/widgets/v1/${CHUNK}.map`);
    expect(map.status).toBe(200);
    expect(map.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(map.headers.get('sourcemap')).toBeNull();
    expect(await map.text()).toBe('{"version":3}');
  });

  it('serves /v1/terroir.js as a short-cache alias with the current entry’s bytes, and its SRI hash and manifest', async () => {
    const alias = await app.request('/widgets/v1/terroir.js');
    expect(alias.status).toBe(200);
    expect(await alias.text()).toBe(entrySource);
    expect(alias.headers.get('cache-control')).toBe('public, max-age=300, must-revalidate');
    expect(alias.headers.get('etag')).toBe((await app.request(`/widgets/v1/${ENTRY}`)).headers.get('etag'));
    const hash = await app.request('/widgets/v1/terroir.js.sri');
    expect(await hash.text()).toBe(sri + '\n');
    expect(hash.headers.get('cache-control')).toBe('public, max-age=300, must-revalidate');
    const manifest = await app.request('/widgets/v1/manifest.json');
    expect(((await manifest.json()) as { entry: string }).entry).toBe(ENTRY);
  });

  it('sends the precompressed bundle to clients that accept brotli or gzip', async () => {
    const br = await app.request(`/widgets/v1/${ENTRY}`, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(entrySource);
    const res = await app.request(`/widgets/v1/${ENTRY}`, { headers: { 'Accept-Encoding': 'gzip, deflate' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(entrySource);
    const plain = await app.request('/widgets/v1/terroir.js', { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
  });

  it('answers 304 to a matching If-None-Match (how the alias revalidates)', async () => {
    const etag = (await app.request('/widgets/v1/terroir.js')).headers.get('etag')!;
    const res = await app.request('/widgets/v1/terroir.js', { headers: { 'If-None-Match': `"other", ${etag}` } });
    expect(res.status).toBe(304);
    expect(await res.text()).toBe('');
  });

  it('serves nothing else: unknown names, traversal and unbuilt files are JSON 404s', async () => {
    for (const path of [
      '/widgets/v1/secret.txt',
      '/widgets/v1/..%2Fpackage.json',
      '/widgets/v1/terroir.js.map',
      '/widgets/v1/terroir.Missing1.js',
      '/widgets/v2/terroir.js',
    ]) {
      const res = await app.request(path);
      expect(res.status, path).toBe(404);
      if (path.startsWith('/widgets/v1/')) expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });

  it('answers 404, not an error, before anything is built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'terroir-widgets-empty-'));
    try {
      const res = await new Hono().route('/widgets', widgetAssets({ dist: empty })).request('/widgets/v1/terroir.js');
      expect(res.status).toBe(404);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('sends the caching headers docs/widgets.md and docs/demo.md say it sends', async () => {
    const docs = (name: string) => readFileSync(new URL(`../../../docs/${name}`, import.meta.url), 'utf8');
    // Rows of the widgets.md table: | `/widgets/v1/<name>` | what | `Cache-Control: …` |
    const rows = [...docs('widgets.md').matchAll(/^\| `\/widgets\/v1\/([^`]+)` +\|[^|]*\| `Cache-Control: ([^`]+)` +\|$/gm)];
    const documented = new Map(rows.map((row) => [row[1]!, row[2]!]));
    expect([...documented.keys()].sort()).toEqual(
      ['manifest.json', 'terroir.<hash>.js', 'terroir.<hash>.js.map', 'terroir.<name>.<hash>.js', 'terroir.js', 'terroir.js.sri'].sort(),
    );
    writeFileSync(join(dist, `${ENTRY}.map`), '{}');
    const example: Record<string, string> = { 'terroir.<hash>.js': ENTRY, 'terroir.<name>.<hash>.js': CHUNK, 'terroir.<hash>.js.map': `${ENTRY}.map` };
    const sent = new Set<string>();
    for (const [name, cacheControl] of documented) {
      const res = await app.request(`/widgets/v1/${example[name] ?? name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers.get('cache-control'), name).toBe(cacheControl);
      sent.add(cacheControl);
    }
    const demoRow = docs('demo.md')
      .split('\n')
      .find((line) => /^\| `\/widgets\/\*` +\|/.test(line))!;
    const demoValues = [...demoRow.matchAll(/`Cache-Control: ([^`]+)`/g)].map((m) => m[1]);
    expect(new Set(demoValues)).toEqual(sent);
  });
});

describe('ifNoneMatchHits (copy of core)', () => {
  it('answers exactly like core for weak tags, lists, * and misses', () => {
    const headers = [undefined, '', '*', '"a"', 'W/"a"', '"b", W/"a"', ' "b" ,"a" ', '"ab"', 'W/"b"'];
    for (const header of headers)
      for (const etag of ['"a"', 'W/"a"', '"b"']) expect(ifNoneMatchHits(header, etag), `${header} vs ${etag}`).toBe(coreIfNoneMatchHits(header, etag));
  });
});
