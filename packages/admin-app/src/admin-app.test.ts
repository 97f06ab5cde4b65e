import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '@terroir/core';
import { adminApp } from './admin-app';

describe('adminApp serving', () => {
  const dist = mkdtempSync(path.join(tmpdir(), 'terroir-admin-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>admin</title><script type="module" src="/admin/assets/index-abc123.js"></script>');
  writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(path.join(dist, 'secret.txt'), 'no');
  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('serves the page uncached with a strict CSP, hashed assets immutable, and nothing else', async () => {
    const database = await openDatabase({ url: ':memory:' });
    const app = adminApp({ db: database.db, distDir: dist });
    const page = await app.request('/admin/');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect((await app.request('/admin')).headers.get('location')).toBe('/admin/');
    const asset = await app.request('/admin/assets/index-abc123.js');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const bad of ['/admin/assets/..%2Fsecret.txt', '/admin/assets/secret.txt', '/admin/assets/missing-1.js', '/admin/secret.txt']) {
      expect((await app.request(bad)).status, bad).toBe(404);
    }
    // The API is there too.
    expect((await app.request('/admin/api/me')).status).toBe(401);
    await database.close();
  });

  it('says how to build when the app is not built', async () => {
    const database = await openDatabase({ url: ':memory:' });
    const response = await adminApp({ db: database.db, distDir: path.join(dist, 'nothing') }).request('/admin/');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('build');
    await database.close();
  });
});
