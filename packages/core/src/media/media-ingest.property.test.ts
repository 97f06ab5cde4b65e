import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCooperative, ingestMedia, LocalDiskStorage, MediaError } from '../index';
import { TEST_DIALECTS, propertyParameters, propertyTimeout, type TestDatabase } from '../testing/index';
import { isoMedia, jpegWithGps, mp3, ogg, png, webm, webp } from './media-test-files';

/*
 * Uploads are the one place strangers' bytes reach our disk. For every accepted type, a
 * truncated or mutated file is refused (a MediaError with a 4xx status, never another
 * exception) or, for images, re-encoded: nothing an upload sends is stored as it came unless
 * it is a whole audio or video container. Audio and video cut anywhere but at their end are
 * refused.
 */

interface Sample {
  name: string;
  bytes: Buffer;
  kind: 'image' | 'audio' | 'video';
  /** Shorter lengths that are themselves whole files (a cut there is not a truncation). */
  wholeLengths: number[];
}

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; xor: number }
  | { kind: 'splice'; at: number; remove: number; insert: number[] }
  | { kind: 'append'; tail: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('splice' as const),
      at: fc.nat(),
      remove: fc.nat({ max: 16 }),
      insert: fc.array(fc.nat({ max: 255 }), { maxLength: 16 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('append' as const),
      tail: fc.constantFrom('<html><script>alert(1)</script>', '\u0000\u0000', 'TAG', 'x'.repeat(300)),
    }),
  },
);

function mutate(bytes: Buffer, m: Mutation): Buffer {
  const at = m.kind === 'append' ? 0 : m.at % bytes.length;
  switch (m.kind) {
    case 'truncate':
      return bytes.subarray(0, Math.max(1, at));
    case 'flip': {
      const copy = Buffer.from(bytes);
      copy[at] = copy[at]! ^ m.xor;
      return copy;
    }
    case 'splice':
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.insert), bytes.subarray(at + m.remove)]);
    case 'append':
      return Buffer.concat([bytes, Buffer.from(m.tail, 'latin1')]);
  }
}

for (const dialect of TEST_DIALECTS) {
  describe(`media ingest property on ${dialect.name}`, () => {
    let database: TestDatabase;
    let folder: string;
    let storage: LocalDiskStorage;
    let coopId: string;
    let samples: Sample[];
    beforeAll(async () => {
      database = await dialect.open();
      folder = await mkdtemp(path.join(tmpdir(), 'terroir-media-prop-'));
      storage = new LocalDiskStorage({ folder });
      coopId = (
        await createCooperative(database.db, {
          slug: 'media-prop',
          name: { en: 'Media' },
          description: {},
          place: { name: { en: 'Here' } },
          contact: {},
          allowedOrigins: [],
        })
      ).id;
      const frame = 417; // one 128 kbit/s 44.1 kHz MPEG-1 Layer III frame
      samples = [
        { name: 'jpeg', bytes: await jpegWithGps(64, 48), kind: 'image', wholeLengths: [] },
        { name: 'png', bytes: await png(40, 30), kind: 'image', wholeLengths: [] },
        { name: 'webp', bytes: await webp(40, 30), kind: 'image', wholeLengths: [] },
        // A cut between two MP3 frames leaves a shorter whole file.
        { name: 'mp3', bytes: mp3(), kind: 'audio', wholeLengths: [10 + frame] },
        { name: 'ogg', bytes: ogg(), kind: 'audio', wholeLengths: [] },
        { name: 'm4a', bytes: isoMedia('M4A '), kind: 'audio', wholeLengths: [] },
        { name: 'mp4', bytes: isoMedia('isom'), kind: 'video', wholeLengths: [] },
        { name: 'webm', bytes: webm(), kind: 'video', wholeLengths: [] },
      ];
    });
    afterAll(async () => {
      await database.destroy();
      await rm(folder, { recursive: true, force: true });
    });

    it(
      'refuses or re-encodes truncated and mutated files of every accepted type, never storing them raw',
      async () => {
        await fc.assert(
          fc.asyncProperty(fc.nat({ max: 7 }), mutation, async (which, m) => {
            const sample = samples[which]!;
            const bytes = mutate(sample.bytes, m);
            let item: Awaited<ReturnType<typeof ingestMedia>>['item'] | undefined;
            try {
              ({ item } = await ingestMedia(database.db, storage, { cooperativeId: coopId, bytes, alt: { en: 'a test file' }, transcript: { en: 'words' } }));
            } catch (error) {
              expect(error).toBeInstanceOf(MediaError);
              expect((error as MediaError).status).toBeGreaterThanOrEqual(400);
              expect((error as MediaError).status).toBeLessThan(500);
              return;
            }
            const stored = await Promise.all(item.files.map(async (f) => (await storage.get(f.key))!.bytes));
            if (item.kind === 'image') {
              for (const file of stored) expect(Buffer.compare(Buffer.from(file), bytes)).not.toBe(0);
              return;
            }
            // Audio or video kept as uploaded: only a whole file may get here.
            expect(stored.map((f) => Buffer.compare(Buffer.from(f), bytes))).toEqual([0]);
            expect(Buffer.from(bytes).toString('latin1')).not.toMatch(/<(html|script)/i);
            if (m.kind === 'truncate' && bytes.length < sample.bytes.length && item.kind === sample.kind) {
              expect({ sample: sample.name, cutAt: bytes.length, whole: sample.wholeLengths.includes(bytes.length) }).toEqual({
                sample: sample.name,
                cutAt: bytes.length,
                whole: true,
              });
            }
          }),
          propertyParameters(dialect.name === 'sqlite' ? 200 : 60),
        );
      },
      propertyTimeout(),
    );
  });
}
