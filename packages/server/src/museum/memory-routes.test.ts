import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { approveMemory, createCooperative, LocalDiskStorage, listMemoriesForModeration, type MemoryRateLimits } from '@terroir/core';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { snapshotTables } from '../../test/support/admin-test-fixture';
import { createStorefront } from '../storefront';

type Json = any;

const png = (w = 40, h = 30) =>
  sharp({ create: { width: w, height: h, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .png()
    .toBuffer();
const mp3 = () => {
  const frame = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(413)]);
  return Buffer.concat([Buffer.from('ID3'), Buffer.from([4, 0, 0, 0, 0, 0, 0]), frame, frame]);
};

function form(fields: Record<string, string>, files: Array<[string, Uint8Array, string]> = []): FormData {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  for (const [name, bytes, filename] of files) body.append(name, new Blob([new Uint8Array(bytes)]), filename);
  return body;
}
const good = (extra: Record<string, string> = {}) => ({ text: '小时候在老井边打水。', consent: 'on', licence: 'cc-by-4.0', lang: 'zh-CN', ...extra });

for (const dialect of TEST_DIALECTS) {
  describe(`memories API on ${dialect.name} (issue 11)`, () => {
    let database: TestDatabase;
    let folder: string;
    let storage: LocalDiskStorage;
    let coopId: string;
    let ip = '203.0.113.1';
    const make = (limits?: MemoryRateLimits) =>
      createStorefront({ db: database.db, memories: { storage, ipSalt: 'test', clientIp: () => ip, ...(limits ? { limits } : {}) } });
    const post = (app: ReturnType<typeof make>, body: FormData | string, headers: Record<string, string> = {}) =>
      app.request('/v1/coops/pear/museum/memories', { method: 'POST', body, headers });

    beforeEach(async () => {
      database = await dialect.open();
      folder = await mkdtemp(path.join(tmpdir(), 'terroir-memory-api-'));
      storage = new LocalDiskStorage({ folder });
      coopId = (
        await createCooperative(database.db, { slug: 'pear', name: { 'zh-CN': '梨乡' }, description: {}, place: { name: {} }, contact: {}, allowedOrigins: [] })
      ).id;
      ip = '203.0.113.1';
    });
    afterEach(async () => {
      await database.destroy();
      await rm(folder, { recursive: true, force: true });
    });

    it('receives a memory with photos and audio as pending (202 in both languages) and serves it only once approved', async () => {
      const app = make();
      const response = await post(
        app,
        form(good({ name: '王奶奶', contact: 'wang@example.com' }), [
          ['photos[]', await png(), 'a.png'],
          ['photos[]', await png(20, 20), 'b.png'],
          ['audio', mp3(), 'a.mp3'],
        ]),
      );
      expect(response.status).toBe(202);
      const body: Json = await response.json();
      expect(body).toMatchObject({ received: true, status: 'pending' });
      expect(body.message['zh-CN']).toMatch(/审核/);
      expect(body.message.en).toMatch(/review/);

      const empty: Json = await (await app.request('/v1/coops/pear/museum/memories')).json();
      expect(empty.items).toEqual([]);
      const { items } = await listMemoriesForModeration(database.db, storage, coopId);
      expect(items).toHaveLength(1);
      expect(items[0]!.photos).toHaveLength(2);
      expect(items[0]!.audio?.mimeType).toBe('audio/mpeg');
      expect(items[0]!.contact).toBe('wang@example.com');

      await approveMemory(database.db, storage, coopId, items[0]!.id, {}, { moderatorId: null });
      const listed = await app.request('/v1/coops/pear/museum/memories?lang=en');
      expect(listed.status).toBe(200);
      const page: Json = await listed.json();
      expect(page.items.map((m: Json) => m.text)).toEqual(['小时候在老井边打水。']);
      expect(page.items[0].photos).toHaveLength(2);
      expect(JSON.stringify(page)).not.toContain('wang@example.com');
      expect((await app.request('/v1/coops/pear/museum/memories?cursor=nope!')).status).toBe(400);
      expect((await app.request('/v1/coops/nowhere/museum/memories')).status).toBe(404);
    });

    it('answers a filled honeypot like a person and stores nothing', async () => {
      const app = make();
      const before = await snapshotTables(database);
      const response = await post(app, form(good({ website: 'http://spam.example' }), [['photos', await png(), 'a.png']]));
      expect(response.status).toBe(202);
      expect(((await response.json()) as Json).received).toBe(true);
      expect(await snapshotTables(database)).toBe(before);
    });

    it('refuses bad forms with 4xx JSON naming the field, and writes nothing', async () => {
      const app = make();
      // The counters move for forms that reach the media checks; everything else stays as it was.
      const before = await snapshotTables(database, ['museum_memory_limits']);
      const expectError = async (response: Response, status: number, code: string, field?: string) => {
        expect(response.status).toBe(status);
        expect(response.headers.get('content-type')).toMatch(/json/);
        const body: Json = await response.json();
        expect(body.error.code).toBe(code);
        if (field) expect(body.error.field).toBe(field);
      };
      await expectError(await post(app, JSON.stringify(good()), { 'content-type': 'application/json' }), 415, 'unsupported_media_type');
      await expectError(await post(app, form(good({ consent: '' }))), 422, 'consent_required', 'consent');
      await expectError(await post(app, form(good({ text: '  ' }))), 400, 'invalid_body', 'text');
      await expectError(await post(app, form(good({ licence: 'mine' }))), 400, 'invalid_body', 'licence');
      await expectError(await post(app, form(good({ lang: 'fr' }))), 400, 'invalid_body', 'lang');
      await expectError(
        await post(app, form(good(), [['photos', Buffer.from(`<!doctype html>${'x'.repeat(100)}`), 'x.png']])),
        415,
        'unsupported_media_type',
        'photos.0',
      );
      await expectError(await post(app, form(good(), [['audio', await png(), 'x.mp3']])), 415, 'unsupported_media_type', 'audio');
      const four = await Promise.all([1, 2, 3, 4].map((n) => png(10 + n, 10)));
      await expectError(
        await post(
          app,
          form(
            good(),
            four.map((bytes, i) => ['photos', bytes, `${i}.png`] as [string, Uint8Array, string]),
          ),
        ),
        400,
        'too_many_files',
        'photos.3',
      );
      const huge = new Uint8Array(11 * 1024 * 1024);
      huge.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
      await expectError(await post(app, form(good(), [['photos', huge, 'big.png']])), 413, 'file_too_large', 'photos.0');
      // A good photo, then a broken one: the good one is not left behind.
      const broken = (await png()).subarray(0, 80);
      await expectError(
        await post(
          app,
          form(good(), [
            ['photos', await png(30, 30), 'ok.png'],
            ['photos', broken, 'broken.png'],
          ]),
        ),
        422,
        'broken_file',
        'photos.1',
      );
      expect(await snapshotTables(database, ['museum_memory_limits'])).toBe(before);
    });

    it('answers 429 with Retry-After once the sender or the cooperative has used its places', async () => {
      const app = make({ perIp: { count: 2, windowSeconds: 3600 }, perCooperative: { count: 3, windowSeconds: 86_400 } });
      const results = await Promise.all(Array.from({ length: 6 }, () => post(app, form(good()))));
      expect(results.filter((r) => r.status === 202)).toHaveLength(2);
      const refused = results.filter((r) => r.status === 429);
      expect(refused).toHaveLength(4);
      const seconds = Number(refused[0]!.headers.get('retry-after'));
      expect(seconds).toBeGreaterThan(0);
      expect(seconds).toBeLessThanOrEqual(3600);
      const body: Json = await refused[0]!.json();
      expect(body.error.code).toBe('too_many_memories');
      ip = '198.51.100.2';
      expect((await post(app, form(good()))).status).toBe(202);
      ip = '198.51.100.3';
      expect((await post(app, form(good()))).status).toBe(429);
      expect((await listMemoriesForModeration(database.db, storage, coopId)).counts.pending).toBe(3);
    });

    it('lets a browser on an allowed origin send, and no other', async () => {
      await database.db
        .updateTable('cooperatives')
        .set({ allowed_origins: JSON.stringify(['https://village.example']) })
        .execute();
      const app = make();
      const allowed = await post(app, form(good()), { origin: 'https://village.example', 'sec-fetch-site': 'cross-site' });
      expect(allowed.status).toBe(202);
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://village.example');
      // A script there can read when to try again after a 429.
      expect(allowed.headers.get('access-control-expose-headers')).toContain('Retry-After');
      const other = await post(app, form(good()), { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
      expect(other.status).toBe(403);
      expect((await listMemoriesForModeration(database.db, storage, coopId)).counts.pending).toBe(1);
    });
  });
}
