import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCooperative } from '../catalog/catalog-writer';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { deleteMedia, ingestMedia, listMedia, MediaError, updateMediaText } from './media-library';
import { checkContainer, sniffMedia } from './media-sniff';
import { LocalDiskStorage } from './media-storage';
import { hugePngHeader, isoMedia, jpegWithGps, mp3, ogg, png, webm, webp } from './media-test-files';

async function filesUnder(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  } catch {
    return [];
  }
}

describe('media sniffing', () => {
  it('decides the type from the bytes', async () => {
    expect(sniffMedia(await jpegWithGps(10, 10))?.mimeType).toBe('image/jpeg');
    expect(sniffMedia(await png(4, 4))?.mimeType).toBe('image/png');
    expect(sniffMedia(await webp(4, 4))?.mimeType).toBe('image/webp');
    expect(sniffMedia(mp3())?.mimeType).toBe('audio/mpeg');
    expect(sniffMedia(ogg())?.mimeType).toBe('audio/ogg');
    expect(sniffMedia(isoMedia('M4A '))?.mimeType).toBe('audio/mp4');
    expect(sniffMedia(isoMedia('isom'))?.mimeType).toBe('video/mp4');
    expect(sniffMedia(webm())?.mimeType).toBe('video/webm');
    expect(sniffMedia(Buffer.from('<!doctype html><script>alert(1)</script>'))).toBeNull();
    expect(sniffMedia(Buffer.from('GIF89a'))).toBeNull();
    expect(sniffMedia(Buffer.from('PK\x03\x04'))).toBeNull();
  });

  it('refuses truncated containers and hidden markup', () => {
    for (const bytes of [mp3(), ogg(), isoMedia('isom'), isoMedia('M4A '), webm()]) expect(checkContainer(bytes, sniffMedia(bytes)!)).toEqual({ ok: true });
    const mp4 = isoMedia('isom');
    expect(checkContainer(mp4.subarray(0, mp4.length - 10), sniffMedia(mp4)!).ok).toBe(false);
    expect(checkContainer(ogg().subarray(0, 40), sniffMedia(ogg())!).ok).toBe(false);
    expect(checkContainer(mp3().subarray(0, 12), sniffMedia(mp3())!).ok).toBe(false);
    const polyglot = Buffer.concat([mp3(), Buffer.from('<html><script>alert(1)</script></html>')]);
    expect(checkContainer(polyglot, sniffMedia(polyglot)!)).toEqual({ ok: false, reason: 'The file contains web page markup.' });
  });
});

for (const dialect of TEST_DIALECTS) {
  describe(`media library on ${dialect.name}`, () => {
    let database: TestDatabase;
    let folder: string;
    let storage: LocalDiskStorage;
    let coopId: string;
    let otherCoopId: string;
    beforeAll(async () => {
      database = await dialect.open();
      folder = await mkdtemp(path.join(tmpdir(), 'terroir-media-'));
      storage = new LocalDiskStorage({ folder });
      coopId = (
        await createCooperative(database.db, {
          slug: 'pears',
          name: { 'zh-CN': '梨' },
          description: {},
          place: { name: { 'zh-CN': '莱阳' } },
          contact: {},
          allowedOrigins: [],
        })
      ).id;
      otherCoopId = (
        await createCooperative(database.db, {
          slug: 'baskets',
          name: { 'zh-CN': '篮' },
          description: {},
          place: { name: { 'zh-CN': '莱阳' } },
          contact: {},
          allowedOrigins: [],
        })
      ).id;
    });
    afterAll(async () => {
      await database.destroy();
      await rm(folder, { recursive: true, force: true });
    });

    it('makes 480/960 px WebP variants and a JPEG fallback of a photo, without its GPS position', async () => {
      const photo = await jpegWithGps(1200, 800);
      expect((await sharp(photo).metadata()).exif).toBeDefined();
      const { item, created } = await ingestMedia(database.db, storage, { cooperativeId: coopId, bytes: photo, alt: { 'zh-CN': '梨园', en: 'The orchard' } });
      expect(created).toBe(true);
      expect(item).toMatchObject({ kind: 'image', mimeType: 'image/jpeg', width: 1200, height: 800, alt: { 'zh-CN': '梨园', en: 'The orchard' } });
      expect(item.files.map((f) => [f.mimeType, f.width])).toEqual([
        ['image/webp', 480],
        ['image/webp', 960],
        ['image/webp', 1200],
        ['image/jpeg', 1200],
      ]);
      expect(item.url).toMatch(/^\/media\/[0-9a-f]{2}\/[0-9a-f]{64}-w1200\.jpg$/);
      for (const file of item.files) {
        const stored = await storage.get(file.key);
        const meta = await sharp(stored!.bytes).metadata();
        expect(meta.exif, file.key).toBeUndefined();
        expect(meta.width).toBe(file.width);
      }
      // The same file again is the same item.
      const again = await ingestMedia(database.db, storage, { cooperativeId: coopId, bytes: photo, alt: { en: 'again' } });
      expect(again).toMatchObject({ created: false, item: { id: item.id } });
    });

    it('re-encodes a JPEG carrying a hidden web page, so no stored file holds the markup', async () => {
      const polyglot = Buffer.concat([await jpegWithGps(64, 48), Buffer.from('<html><script>alert(document.cookie)</script></html>')]);
      const { item } = await ingestMedia(database.db, storage, { cooperativeId: coopId, bytes: polyglot, alt: { en: 'x' } });
      for (const file of item.files) {
        const stored = Buffer.from((await storage.get(file.key))!.bytes).toString('latin1');
        expect(stored, file.key).not.toContain('<script');
      }
    });

    it('keeps audio and video as uploaded, with their transcript', async () => {
      for (const [bytes, mimeType] of [
        [mp3(), 'audio/mpeg'],
        [ogg(), 'audio/ogg'],
        [isoMedia('M4A '), 'audio/mp4'],
        [isoMedia('isom'), 'video/mp4'],
        [webm(), 'video/webm'],
      ] as const) {
        const { item } = await ingestMedia(database.db, storage, { cooperativeId: coopId, bytes, transcript: { 'zh-CN': '老人讲嫁接' } });
        expect(item.mimeType).toBe(mimeType);
        expect(item.transcript['zh-CN']).toBe('老人讲嫁接');
        expect(Buffer.from((await storage.get(item.files[0]!.key))!.bytes).equals(bytes)).toBe(true);
      }
    });

    it('refuses broken and hostile files with a clear error, leaving no file and no row', async () => {
      const rowsBefore = (await listMedia(database.db, storage, coopId)).length;
      const filesBefore = await filesUnder(folder);
      const jpeg = await jpegWithGps(200, 200);
      const mp4 = isoMedia('isom');
      const cases: Array<[string, Uint8Array, MediaError['code'], { alt?: object }?]> = [
        ['truncated JPEG', jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'broken_file'],
        ['HTML named .png', Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>'), 'unsupported_media_type'],
        [
          'PNG signature then HTML',
          Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('<html><script>alert(1)</script>')]),
          'broken_file',
        ],
        ['100 000 × 100 000 PNG', hugePngHeader(), 'image_too_large'],
        ['truncated MP4', mp4.subarray(0, mp4.length - 20), 'broken_file'],
        ['MP3 polyglot', Buffer.concat([mp3(), Buffer.from('<script>alert(1)</script>')]), 'broken_file'],
        ['photo without alt text', jpeg, 'alt_required', { alt: { 'zh-CN': '  ' } }],
        ['empty file', new Uint8Array(), 'empty_file'],
        ['zip', Buffer.from('PK\x03\x04\x14\x00\x00\x00', 'latin1'), 'unsupported_media_type'],
      ];
      for (const [name, bytes, code, extra] of cases) {
        const error = await ingestMedia(database.db, storage, { cooperativeId: coopId, bytes, alt: { en: 'x' }, ...extra }).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error, name).toBeInstanceOf(MediaError);
        expect((error as MediaError).code, name).toBe(code);
        expect((error as MediaError).status, name).toBeLessThan(500);
      }
      const tooBig = await ingestMedia(database.db, storage, { cooperativeId: coopId, bytes: mp3(), limits: { audio: 100 } }).catch((e: MediaError) => e);
      expect((tooBig as MediaError).code).toBe('file_too_large');
      expect((await listMedia(database.db, storage, coopId)).length).toBe(rowsBefore);
      expect(await filesUnder(folder)).toEqual(filesBefore);
    });

    it('edits text, refuses empty alt for images, and deletes files only when no one else uses them', async () => {
      const bytes = await png(640, 480);
      const mine = (await ingestMedia(database.db, storage, { cooperativeId: coopId, bytes, alt: { 'zh-CN': '红' } })).item;
      const theirs = (await ingestMedia(database.db, storage, { cooperativeId: otherCoopId, bytes, alt: { en: 'red' } })).item;
      expect(theirs.id).not.toBe(mine.id);
      await expect(updateMediaText(database.db, storage, coopId, mine.id, { alt: {}, transcript: {}, caption: {} })).rejects.toMatchObject({
        code: 'alt_required',
      });
      expect(await updateMediaText(database.db, storage, otherCoopId, mine.id, { alt: { en: 'x' }, transcript: {}, caption: {} })).toBeUndefined();
      expect(await deleteMedia(database.db, storage, otherCoopId, mine.id)).toBe(false);
      expect(await deleteMedia(database.db, storage, coopId, mine.id)).toBe(true);
      // Still used by the other cooperative's item.
      expect(await storage.get(theirs.files[0]!.key)).not.toBeNull();
      expect(await deleteMedia(database.db, storage, otherCoopId, theirs.id)).toBe(true);
      expect(await storage.get(theirs.files[0]!.key)).toBeNull();
    });

    it('refuses keys that are not ours', async () => {
      await expect(storage.put('../../etc/passwd', new Uint8Array([1]), 'text/plain')).rejects.toThrow(RangeError);
      expect(await storage.get('../secret.jpg')).toBeNull();
    });
  });
}

describe('media library when the store fails', () => {
  it('removes the row and the files already written when a later file cannot be stored', async () => {
    const [dialect] = TEST_DIALECTS;
    const database = await dialect!.open();
    const folder = await mkdtemp(path.join(tmpdir(), 'terroir-media-fail-'));
    try {
      const disk = new LocalDiskStorage({ folder });
      let puts = 0;
      // A store that fails on its third write (a full disk, a dropped S3 connection).
      const flaky = {
        put: async (key: string, bytes: Uint8Array, type: string) => {
          if (++puts === 3) throw new Error('disk full');
          await disk.put(key, bytes, type);
        },
        get: disk.get.bind(disk),
        delete: disk.delete.bind(disk),
        url: disk.url.bind(disk),
      };
      const coop = await createCooperative(database.db, {
        slug: 'flaky',
        name: { 'zh-CN': '梨' },
        description: {},
        place: { name: { 'zh-CN': '莱阳' } },
        contact: {},
        allowedOrigins: [],
      });
      await expect(ingestMedia(database.db, flaky, { cooperativeId: coop.id, bytes: await jpegWithGps(1200, 800), alt: { en: 'x' } })).rejects.toThrow(
        'disk full',
      );
      expect(await listMedia(database.db, disk, coop.id)).toEqual([]);
      expect(await filesUnder(folder)).toEqual([]);
    } finally {
      await database.destroy();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
