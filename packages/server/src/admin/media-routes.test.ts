import { readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { S3Storage } from '@terroir/core';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { adminFixture, snapshotTables, type Caller } from '../../test/support/admin-test-fixture';
import { mediaFiles } from './media-routes';

async function filesUnder(folder: string): Promise<string[]> {
  return (await readdir(folder, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

function upload(bytes: Uint8Array, fields: Record<string, string> = {}, filename = 'photo.jpg', type = 'image/jpeg'): FormData {
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(bytes)], { type }), filename);
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  return form;
}

for (const dialect of TEST_DIALECTS) {
  describe(`admin media routes on ${dialect.name}`, () => {
    let database: TestDatabase;
    let f: Awaited<ReturnType<typeof adminFixture>>;
    let editor: Caller;
    const base = '/admin/api/coops/coop-a';
    beforeAll(async () => {
      database = await dialect.open();
      f = await adminFixture(database);
      editor = await f.sessionOf('editorA');
    });
    afterAll(() => database.destroy());

    it('uploads a photo, names its files by content hash, and serves them with immutable caching', async () => {
      const photo = await sharp({ create: { width: 1000, height: 700, channels: 3, background: '#c93' } })
        .jpeg()
        .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '36/1 58/1 0/1' } })
        .toBuffer();
      const response = await f.call('POST', `${base}/media`, {
        as: editor,
        form: upload(photo, { 'alt.zh-CN': '梨花', 'alt.en': 'Pear blossom' }, '../../../etc/passwd.jpg'),
      });
      expect(response.status).toBe(201);
      const { media } = await response.json();
      expect(media.alt).toEqual({ 'zh-CN': '梨花', en: 'Pear blossom' });
      expect(media.url).not.toContain('passwd');
      expect(media.files.map((file: { width: number }) => file.width)).toEqual([480, 960, 1000, 1000]);

      const served = mediaFiles({ storage: f.storage });
      const file = await served.request(media.files[0].url);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('image/webp');
      expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(file.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await sharp(Buffer.from(await file.arrayBuffer())).metadata()).exif).toBeUndefined();
      const jpeg = await served.request(media.url);
      expect(jpeg.headers.get('content-type')).toBe('image/jpeg');
      const etag = jpeg.headers.get('etag')!;
      expect(etag).not.toBe(file.headers.get('etag'));
      expect((await served.request(media.url, { headers: { 'if-none-match': etag } })).status).toBe(304);
      // The same comparison as every other surface: weak form and lists match too.
      expect((await served.request(media.url, { headers: { 'if-none-match': `"other", W/${etag}` } })).status).toBe(304);
      const partial = await served.request(media.url, { headers: { range: 'bytes=0-9' } });
      expect(partial.status).toBe(206);
      expect((await partial.arrayBuffer()).byteLength).toBe(10);
      for (const bad of [
        '/media/../package.json',
        '/media/%2e%2e/%2e%2e/etc/passwd',
        '/media/ab/not-a-hash.jpg',
        `/media/${media.files[0].url.slice(7, 9)}/${'0'.repeat(64)}-w480.webp`,
      ]) {
        expect((await served.request(bad)).status, bad).toBe(404);
      }

      const listed = await (await f.call('GET', `${base}/media?kind=image`, { as: editor })).json();
      expect(listed.items.map((m: { id: string }) => m.id)).toContain(media.id);
    });

    it('answers broken and hostile uploads with 4xx and leaves no file and no row', async () => {
      const packer = await f.sessionOf('fulfilmentA');
      const before = await snapshotTables(database);
      const filesBefore = await filesUnder(f.mediaFolder);
      const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#333' } })
        .jpeg()
        .toBuffer();
      const cases: Array<[string, FormData | string, number, string]> = [
        ['truncated JPEG', upload(jpeg.subarray(0, 200), { 'alt.en': 'x' }), 422, 'broken_file'],
        [
          'HTML sent as image/png',
          upload(new TextEncoder().encode('<html><script>alert(1)</script></html>'), { 'alt.en': 'x' }, 'x.png', 'image/png'),
          415,
          'unsupported_media_type',
        ],
        [
          'PNG signature with HTML after it',
          upload(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode('<html><script>alert(1)</script>')]), {
            'alt.en': 'x',
          }),
          422,
          'broken_file',
        ],
        ['photo without alt text', upload(jpeg), 422, 'alt_required'],
        [
          'no file field',
          (() => {
            const form = new FormData();
            form.set('alt.en', 'x');
            return form;
          })(),
          400,
          'invalid_body',
        ],
        ['JSON instead of a form', JSON.stringify({ file: 'x' }), 415, 'unsupported_media_type'],
        ['alt text too long', upload(jpeg, { 'alt.en': 'x'.repeat(301) }), 400, 'invalid_body'],
      ];
      for (const [name, body, status, code] of cases) {
        const response =
          typeof body === 'string'
            ? await f.call('POST', `${base}/media`, { as: editor, rawBody: body })
            : await f.call('POST', `${base}/media`, { as: editor, form: body });
        expect(response.status, name).toBe(status);
        expect((await response.json()).error.code, name).toBe(code);
      }
      // Fulfilment staff cannot upload.
      expect((await f.call('POST', `${base}/media`, { as: packer, form: upload(jpeg, { 'alt.en': 'x' }) })).status).toBe(403);
      expect(await snapshotTables(database)).toBe(before);
      expect(await filesUnder(f.mediaFolder)).toEqual(filesBefore);
    });

    it('refuses a body over the largest limit with 413 before reading it all', async () => {
      const big = new Uint8Array(16 * 1024 * 1024);
      big.set([0xff, 0xd8, 0xff]);
      const app = (await import('./admin-api')).createAdminApi({
        db: database.db,
        media: { storage: f.storage, limits: { image: 1024, audio: 1024, video: 1024 } },
        allowedOrigins: ['https://admin.village.test'],
      });
      const response = await app.request(`http://admin.village.test${base}/media`, {
        method: 'POST',
        headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, origin: 'https://admin.village.test' },
        body: upload(big, { 'alt.en': 'x' }),
      });
      expect(response.status).toBe(413);
    });

    it('previews Markdown with the storefront renderer, scripts removed', async () => {
      const response = await f.call('POST', `${base}/preview/markdown`, {
        as: editor,
        body: { markdown: '## 嫁接\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))' },
      });
      const { html } = await response.json();
      expect(html).toContain('<h2>嫁接</h2>');
      expect(html).not.toContain('<script');
      expect(html).not.toMatch(/href="javascript/i);
    });
  });

  describe(`admin media on an unreachable object store on ${dialect.name}`, () => {
    let database: TestDatabase;
    let f: Awaited<ReturnType<typeof adminFixture>>;
    // Nothing listens on port 9: connection refused, as when the S3 store is down.
    const down = new S3Storage({ endpoint: 'http://127.0.0.1:9', bucket: 'media', accessKeyId: 'k', secretAccessKey: 's', timeoutMs: 2000 });
    beforeAll(async () => {
      database = await dialect.open();
      f = await adminFixture(database, { storage: down });
    });
    afterAll(() => database.destroy());

    it('answers an upload with 503 storage_unavailable and writes nothing; serving answers 503 too', async () => {
      const editor = await f.sessionOf('editorA');
      const before = await snapshotTables(database);
      const photo = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#9c3' } })
        .jpeg()
        .toBuffer();
      const response = await f.call('POST', '/admin/api/coops/coop-a/media', { as: editor, form: upload(photo, { 'alt.zh-CN': '梨园' }) });
      expect(response.status).toBe(503);
      expect((await response.json()).error).toMatchObject({ code: 'storage_unavailable' });
      expect(await snapshotTables(database)).toBe(before);
      const served = await mediaFiles({ storage: down }).request(`/media/ab/${'ab'.repeat(32)}-w480.webp`);
      expect(served.status).toBe(503);
      expect(served.headers.get('retry-after')).toBe('5');
    });
  });
}
