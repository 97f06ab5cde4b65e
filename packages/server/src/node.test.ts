import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_NOW, TEST_DIALECTS, seedStorefrontFixture, type TestDatabase } from '@terroir/core/testing';
import { serveStorefront } from './node';

describe('serveStorefront', () => {
  let database: TestDatabase;
  let server: Awaited<ReturnType<typeof serveStorefront>>;
  beforeAll(async () => {
    database = await TEST_DIALECTS[0]!.open();
    await seedStorefrontFixture(database.db);
    server = await serveStorefront({ db: database.db, port: 0, now: () => FIXTURE_NOW });
  });
  afterAll(async () => {
    await server.close();
    await database.destroy();
  });

  it('serves the API over real HTTP on 127.0.0.1 under /api', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/api/v1/coops/laiyang-pear/products?lang=en&limit=2`, { headers: { origin: 'https://village.example.cn' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://village.example.cn');
    const body = (await res.json()) as { items: Array<{ slug: string }>; nextCursor: string | null };
    expect(body.items.map((p) => p.slug)).toEqual(['pear-5jin', 'pear-paste']);
    expect(body.nextCursor).toEqual(expect.any(String));
    const notModified = await fetch(`${server.url}/api/v1/coops/laiyang-pear/products?lang=en&limit=2`, {
      headers: { 'if-none-match': res.headers.get('etag')! },
    });
    expect(notModified.status).toBe(304);
    const head = await fetch(`${server.url}/api/v1/coops/laiyang-pear`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBeTruthy();
    const missing = await fetch(`${server.url}/api/v1/coops/laiyang-pear/stories/secret-rite`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found', field: 'story' } });
  });
});
