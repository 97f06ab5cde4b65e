import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCooperative } from '../catalog/catalog-writer';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { ingestMedia } from './media-library';
import { LocalDiskStorage, MEDIA_KEY } from './media-storage';
import { png } from './media-test-files';

/*
 * Found by the API fuzzer: an image under 10 px wide got the key `…-w2.webp`, which the
 * storage's own key check refused, so the upload failed with a 500. Kept as an example.
 */

for (const dialect of TEST_DIALECTS) {
  describe(`tiny images on ${dialect.name}`, () => {
    let database: TestDatabase;
    let folder: string;
    beforeAll(async () => {
      database = await dialect.open();
      folder = await mkdtemp(path.join(tmpdir(), 'terroir-media-tiny-'));
    });
    afterAll(async () => {
      await database.destroy();
      await rm(folder, { recursive: true, force: true });
    });

    it('stores an image 2 px wide (was: RangeError "Not a media key", a 500 at the API)', async () => {
      const storage = new LocalDiskStorage({ folder });
      const coop = await createCooperative(database.db, {
        slug: 'tiny',
        name: { en: 'Tiny' },
        description: {},
        place: { name: { en: 'Here' } },
        contact: {},
        allowedOrigins: [],
      });
      const { item } = await ingestMedia(database.db, storage, { cooperativeId: coop.id, bytes: await png(2, 2), alt: { en: 'a dot' } });
      expect(item.files.map((f) => [f.mimeType, f.width])).toEqual([
        ['image/webp', 2],
        ['image/png', 2],
      ]);
      for (const file of item.files) {
        expect(MEDIA_KEY.test(file.key)).toBe(true);
        expect(await storage.get(file.key)).not.toBeNull();
      }
    });
  });
}
