import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MEDIA_LIMITS } from '@terroir/core';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { adminFixture, snapshotTables, type Caller } from '../../test/support/admin-test-fixture';
import { readMediaUpload } from './media-upload';

const MB = 1024 * 1024;
const BOUNDARY = 'terroir-test-boundary';

/**
 * A multipart upload of `size` bytes (a JPEG signature, then zeros) produced 64 KB at a
 * time, counting how many bytes the server actually pulled.
 */
function streamedUpload(size: number, head: number[] = [0xff, 0xd8, 0xff, 0xe0]) {
  const counter = { pulled: 0 };
  const encoder = new TextEncoder();
  const prefix = encoder.encode(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="alt.en"\r\n\r\nPear orchard\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
  );
  const suffix = encoder.encode(`\r\n--${BOUNDARY}--\r\n`);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (counter.pulled === 0) {
          counter.pulled += prefix.length;
          controller.enqueue(prefix);
          return;
        }
        if (sent >= size) {
          counter.pulled += suffix.length;
          controller.enqueue(suffix);
          controller.close();
          return;
        }
        const chunk = new Uint8Array(Math.min(64 * 1024, size - sent));
        if (sent === 0) chunk.set(head);
        sent += chunk.length;
        counter.pulled += chunk.length;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { body, counter, contentType: `multipart/form-data; boundary=${BOUNDARY}` };
}

describe('readMediaUpload (streaming caps)', () => {
  it('refuses a 50 MB image with 413 after reading little more than the 15 MB image cap', async () => {
    const upload = streamedUpload(50 * MB);
    const request = new Request('http://x/upload', {
      method: 'POST',
      headers: { 'content-type': upload.contentType },
      body: upload.body,
      duplex: 'half',
    } as RequestInit);
    const error = await readMediaUpload(request, DEFAULT_MEDIA_LIMITS).catch(
      (e: unknown) => e as { status: number; code: string; headers?: Record<string, string> },
    );
    expect(error).toMatchObject({ status: 413, code: 'file_too_large', message: 'Images may be at most 15 MB.', headers: { Connection: 'close' } });
    // Before the fix the whole 50 MB was read (and buffered) before any size check.
    expect(upload.counter.pulled).toBeGreaterThan(DEFAULT_MEDIA_LIMITS.image);
    expect(upload.counter.pulled).toBeLessThan(DEFAULT_MEDIA_LIMITS.image + 2 * MB);
  });

  it('applies each kind its own cap: the same bytes as audio (MP3) pass a 20 MB file', async () => {
    const upload = streamedUpload(20 * MB, [0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0]);
    const request = new Request('http://x/upload', {
      method: 'POST',
      headers: { 'content-type': upload.contentType },
      body: upload.body,
      duplex: 'half',
    } as RequestInit);
    const form = await readMediaUpload(request, DEFAULT_MEDIA_LIMITS);
    expect(form.file?.length).toBe(20 * MB);
    expect(form.fields['alt.en']).toBe('Pear orchard');
  });

  it('refuses a declared Content-Length over the largest cap before reading a byte, and unknown formats at their first bytes', async () => {
    const upload = streamedUpload(50 * MB);
    const request = new Request('http://x/upload', {
      method: 'POST',
      headers: { 'content-type': upload.contentType, 'content-length': String(300 * MB) },
      body: upload.body,
      duplex: 'half',
    } as RequestInit);
    await expect(readMediaUpload(request, DEFAULT_MEDIA_LIMITS)).rejects.toMatchObject({ status: 413 });
    expect(upload.counter.pulled).toBe(0);

    const html = streamedUpload(30 * MB, [...new TextEncoder().encode('<html><script>alert(1)</script>')]);
    const sniffed = new Request('http://x/upload', {
      method: 'POST',
      headers: { 'content-type': html.contentType },
      body: html.body,
      duplex: 'half',
    } as RequestInit);
    await expect(readMediaUpload(sniffed, DEFAULT_MEDIA_LIMITS)).rejects.toMatchObject({ status: 415, code: 'unsupported_media_type' });
    expect(html.counter.pulled).toBeLessThan(MB);
  });
});

for (const dialect of TEST_DIALECTS) {
  describe(`media upload route caps on ${dialect.name}`, () => {
    let database: TestDatabase;
    let f: Awaited<ReturnType<typeof adminFixture>>;
    let editor: Caller;
    beforeAll(async () => {
      database = await dialect.open();
      f = await adminFixture(database);
      editor = await f.sessionOf('editorA');
    });
    afterAll(() => database.destroy());

    it('answers a streamed 50 MB image with 413 and Connection: close, pulls under 17 MB, and stores nothing', async () => {
      const before = await snapshotTables(database);
      const upload = streamedUpload(50 * MB);
      const response = await f.app.request('http://admin.village.test/admin/api/coops/coop-a/media', {
        method: 'POST',
        headers: { cookie: editor.cookie, 'x-csrf-token': editor.csrf, origin: 'https://admin.village.test', 'content-type': upload.contentType },
        body: upload.body,
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(response.headers.get('connection')).toBe('close');
      expect((await response.json()).error.code).toBe('file_too_large');
      expect(upload.counter.pulled).toBeLessThan(17 * MB);
      expect(await snapshotTables(database)).toBe(before);
    });
  });
}
