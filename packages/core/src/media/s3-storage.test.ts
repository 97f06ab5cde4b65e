import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AwsClient } from 'aws4fetch';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCooperative } from '../catalog/catalog-writer';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { deleteMedia, ingestMedia, MediaError } from './media-library';
import { mp3, png } from './media-test-files';
import { MediaStorageError, S3Storage } from './s3-storage';

// A real S3-protocol server on loopback (s3rver, default credentials S3RVER/S3RVER), not a
// mock of the client.
const BUCKET = 'village-media';
const KEY = `ab/${'ab'.repeat(32)}-original.mp3`;
let server: S3rver;
let directory: string;
let endpoint: string;

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'terroir-s3rver-'));
  server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: BUCKET, configs: [] }] });
  const address = (await server.run()) as AddressInfo;
  endpoint = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await server.close();
  await rm(directory, { recursive: true, force: true });
});

const storageWith = (overrides: Partial<ConstructorParameters<typeof S3Storage>[0]> = {}) =>
  new S3Storage({ endpoint, bucket: BUCKET, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', ...overrides });

describe('S3Storage against an S3-protocol server', () => {
  it('puts, gets and deletes a file under its key, with the type Terroir chose', async () => {
    const storage = storageWith({ prefix: 'laiyang/' });
    const bytes = mp3();
    await storage.put(KEY, bytes, 'audio/mpeg');
    const read = await storage.get(KEY);
    expect(read?.contentType).toBe('audio/mpeg');
    expect(Buffer.from(read!.bytes).equals(bytes)).toBe(true);
    // Stored where the prefix says, with immutable caching for a CDN in front of the bucket.
    const raw = await fetch(`${endpoint}/${BUCKET}/laiyang/${KEY}`);
    expect(raw.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(raw.headers.get('content-type')).toBe('audio/mpeg');
    await storage.delete(KEY);
    expect(await storage.get(KEY)).toBeNull();
    await storage.delete(KEY); // deleting a missing file is not an error
  });

  it('refuses an unknown access key with a storage error naming the store’s reason', async () => {
    const stranger = storageWith({ accessKeyId: 'AKIASTRANGER' });
    const error = await stranger.put(KEY, mp3(), 'audio/mpeg').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaStorageError);
    expect((error as MediaStorageError).status).toBe(403);
    expect((error as Error).message).toContain('InvalidAccessKeyId');
  });

  it('signs as AWS documents it (Signature V4 test vector: GET Object with a Range header)', async () => {
    // s3rver checks the access key but not V4 signature bytes, so the signer is checked here
    // against AWS's published example (docs: "Examples of the complete Version 4 signing process").
    const signer = new AwsClient({
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      region: 'us-east-1',
      service: 's3',
    });
    const signed = await signer.sign('https://examplebucket.s3.amazonaws.com/test.txt', {
      method: 'GET',
      headers: { Range: 'bytes=0-9', 'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
      aws: { datetime: '20130524T000000Z', allHeaders: true },
    });
    expect(signed.headers.get('authorization')).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('answers null for a key Terroir never makes, and refuses to write one', async () => {
    const storage = storageWith();
    expect(await storage.get('../../etc/passwd')).toBeNull();
    await expect(storage.put('../x.mp3', mp3(), 'audio/mpeg')).rejects.toThrow(RangeError);
  });

  it('links files through the app, or to a CDN with the prefix', () => {
    expect(storageWith().url(KEY)).toBe(`/media/${KEY}`);
    expect(storageWith({ prefix: 'laiyang/', publicBaseUrl: 'https://media.example.cn/' }).url(KEY)).toBe(`https://media.example.cn/laiyang/${KEY}`);
  });
});

for (const dialect of TEST_DIALECTS) {
  describe(`media library on S3 on ${dialect.name}`, () => {
    let database: TestDatabase;
    let coopId: string;
    beforeAll(async () => {
      database = await dialect.open();
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
    });
    afterAll(() => database.destroy());

    it('stores every variant of an image in the bucket and removes them with the item', async () => {
      const storage = storageWith({ prefix: `${dialect.name}/` });
      const { item } = await ingestMedia(database.db, storage, { cooperativeId: coopId, bytes: await png(1200, 800), alt: { 'zh-CN': '梨园', en: 'Orchard' } });
      expect(item.files.length).toBeGreaterThan(1);
      for (const file of item.files) expect((await storage.get(file.key))?.bytes.length).toBe(file.bytes);
      expect(await deleteMedia(database.db, storage, coopId, item.id)).toBe(true);
      for (const file of item.files) expect(await storage.get(file.key)).toBeNull();
    });

    it('answers 503 storage_unavailable when the store is unreachable, leaving no row behind', async () => {
      // A port nothing listens on: connection refused, as when the store is down.
      const down = new S3Storage({ endpoint: 'http://127.0.0.1:9', bucket: BUCKET, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', timeoutMs: 2000 });
      const before = await database.db.selectFrom('media').select('id').execute();
      const error = await ingestMedia(database.db, down, { cooperativeId: coopId, bytes: mp3(), alt: {} }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MediaError);
      expect(error).toMatchObject({ status: 503, code: 'storage_unavailable' });
      expect(await database.db.selectFrom('media').select('id').execute()).toEqual(before);
    });
  });
}
