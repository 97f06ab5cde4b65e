import { mkdtemp, readdir, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CachedMediaStorage } from './cached-storage';
import { LocalDiskStorage } from './media-storage';
import { MediaStorageError, S3Storage } from './s3-storage';

const key = (n: number) => `${n.toString(16).padStart(2, '0')}/${n.toString(16).padStart(64, '0')}-original.mp3`;
const bytes = (n: number, size = 1000) => new Uint8Array(size).fill(n);

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'terroir-media-cache-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('CachedMediaStorage in front of an S3-protocol server (s3rver on loopback)', () => {
  it('keeps serving what it has read or written while the bucket is unreachable; the rest fails as a storage error', async () => {
    const server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: path.join(directory, 's3'),
      configureBuckets: [{ name: 'media', configs: [] }],
    });
    const endpoint = `http://127.0.0.1:${((await server.run()) as AddressInfo).port}`;
    const bucket = new S3Storage({ endpoint, bucket: 'media', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', timeoutMs: 2000 });
    const cached = new CachedMediaStorage(bucket, { folder: path.join(directory, 'cache') });
    try {
      await cached.put(key(1), bytes(1), 'audio/mpeg'); // written through: in the bucket and here
      expect(Buffer.from((await bucket.get(key(1)))!.bytes).equals(Buffer.from(bytes(1)))).toBe(true);
      await bucket.put(key(2), bytes(2), 'audio/mpeg'); // uploaded by another process
      await bucket.put(key(3), bytes(3), 'audio/mpeg'); // never read here
      expect((await cached.get(key(2)))?.bytes[0]).toBe(2); // read through, now kept
      expect(await cached.usage()).toEqual({ files: 2, bytes: 2000 });
    } finally {
      await server.close();
    }
    const one = await cached.get(key(1));
    expect(one?.contentType).toBe('audio/mpeg');
    expect(Buffer.from(one!.bytes).equals(Buffer.from(bytes(1)))).toBe(true);
    expect((await cached.get(key(2)))?.bytes[0]).toBe(2);
    await expect(cached.get(key(3))).rejects.toBeInstanceOf(MediaStorageError);
    // An upload while the bucket is down fails and leaves no copy behind.
    await expect(cached.put(key(4), bytes(4), 'audio/mpeg')).rejects.toBeInstanceOf(MediaStorageError);
    expect(await cached.usage()).toEqual({ files: 2, bytes: 2000 });
  });
});

describe('CachedMediaStorage bounds', () => {
  it('drops the least recently read file first when over maxBytes, and reads it back from the store', async () => {
    const store = new LocalDiskStorage({ folder: path.join(directory, 'store') });
    const cached = new CachedMediaStorage(store, { folder: path.join(directory, 'cache'), maxBytes: 2500 });
    await cached.put(key(1), bytes(1), 'audio/mpeg');
    await cached.put(key(2), bytes(2), 'audio/mpeg');
    await cached.get(key(1)); // 1 is now the most recently read
    await cached.put(key(3), bytes(3), 'audio/mpeg'); // over the bound: 2 goes
    expect(await cached.usage()).toEqual({ files: 2, bytes: 2000 });
    expect((await readdir(path.join(directory, 'cache', '02'))).length).toBe(0);
    expect((await readdir(path.join(directory, 'cache', '01'))).length).toBe(1);
    expect((await cached.get(key(2)))?.bytes[0]).toBe(2); // from the store again
  });

  it('finds its copies again after a restart, and forgets a deleted file in the store and here', async () => {
    const store = new LocalDiskStorage({ folder: path.join(directory, 'store') });
    const folder = path.join(directory, 'cache');
    const first = new CachedMediaStorage(store, { folder });
    await first.put(key(5), bytes(5, 300), 'audio/mpeg');
    await first.put(key(6), bytes(6, 200), 'audio/mpeg');
    const restarted = new CachedMediaStorage(store, { folder });
    expect(await restarted.usage()).toEqual({ files: 2, bytes: 500 });
    await restarted.delete(key(5));
    expect(await restarted.get(key(5))).toBeNull();
    expect(await store.get(key(5))).toBeNull();
    expect(await restarted.usage()).toEqual({ files: 1, bytes: 200 });
    // A file larger than the whole bound is served but not kept.
    const tiny = new CachedMediaStorage(store, { folder: path.join(directory, 'tiny'), maxBytes: 100 });
    expect((await tiny.get(key(6)))?.bytes.length).toBe(200);
    expect(await tiny.usage()).toEqual({ files: 0, bytes: 0 });
  });
});
