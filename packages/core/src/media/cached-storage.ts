import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { contentTypeOfKey, MEDIA_KEY, type MediaStorage } from './media-storage';

export interface CachedMediaStorageOptions {
  /** Folder on this machine's disk holding the cached copies (created if missing). */
  folder: string;
  /** Most bytes kept; the least recently read files go first (default 512 MiB). */
  maxBytes?: number;
}

/**
 * A read-through copy on local disk of media kept in another store (an S3-compatible bucket):
 * each process serves what it has read or written before without asking the store again, so
 * existing pictures and recordings keep loading while the bucket is unreachable. Coherent by
 * construction: keys are content hashes, a file never changes. Bounded by `maxBytes`, least
 * recently read first out; the copies survive a restart (the folder is scanned on first use).
 * Writes and deletes go to the store first, so a failed upload leaves no copy behind.
 *
 * @example
 * const storage = new CachedMediaStorage(new S3Storage({ endpoint, bucket, accessKeyId, secretAccessKey }), {
 *   folder: '/var/cache/terroir-media', maxBytes: 2 * 1024 ** 3,
 * });
 * app.route('/', mediaFiles({ storage }));
 */
export class CachedMediaStorage implements MediaStorage {
  private readonly folder: string;
  private readonly maxBytes: number;
  /** Cached key → size, oldest read first (a Map keeps insertion order; a read re-inserts). */
  private readonly entries = new Map<string, number>();
  private total = 0;
  private scanned: Promise<void> | null = null;

  constructor(
    private readonly store: MediaStorage,
    options: CachedMediaStorageOptions,
  ) {
    this.folder = options.folder;
    this.maxBytes = options.maxBytes ?? 512 * 1024 * 1024;
  }

  /** How many files and bytes the cache holds now (for metrics and tests). */
  async usage(): Promise<{ files: number; bytes: number }> {
    await this.scan();
    return { files: this.entries.size, bytes: this.total };
  }

  private path(key: string): string {
    return join(this.folder, key);
  }

  /** Rebuilds the index from the folder once per process (oldest modification first). */
  private scan(): Promise<void> {
    this.scanned ??= (async () => {
      await mkdir(this.folder, { recursive: true });
      const found: Array<{ key: string; size: number; at: number }> = [];
      for (const shard of await readdir(this.folder).catch(() => [] as string[])) {
        if (!/^[0-9a-f]{2}$/.test(shard)) continue;
        for (const name of await readdir(join(this.folder, shard)).catch(() => [] as string[])) {
          const key = `${shard}/${name}`;
          if (!MEDIA_KEY.test(key)) continue;
          const info = await stat(this.path(key)).catch(() => null);
          if (info?.isFile()) found.push({ key, size: info.size, at: info.mtimeMs });
        }
      }
      found.sort((a, b) => a.at - b.at);
      for (const file of found) this.remember(file.key, file.size);
      await this.evict();
    })();
    return this.scanned;
  }

  private remember(key: string, size: number): void {
    const previous = this.entries.get(key);
    if (previous !== undefined) {
      this.total -= previous;
      this.entries.delete(key);
    }
    this.entries.set(key, size);
    this.total += size;
  }

  private async forget(key: string): Promise<void> {
    const size = this.entries.get(key);
    if (size !== undefined) {
      this.entries.delete(key);
      this.total -= size;
    }
    await rm(this.path(key), { force: true });
  }

  private async evict(): Promise<void> {
    for (const key of this.entries.keys()) {
      if (this.total <= this.maxBytes) break;
      await this.forget(key);
    }
  }

  /** Keeps a copy (written whole under a temporary name, then renamed: a reader never sees half a file). */
  private async keep(key: string, bytes: Uint8Array): Promise<void> {
    if (bytes.length > this.maxBytes) return;
    const target = this.path(key);
    const temporary = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
    try {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(temporary, bytes);
      await rename(temporary, target);
      this.remember(key, bytes.length);
      await this.evict();
    } catch {
      // A full or read-only cache disk costs speed, never the request.
      await rm(temporary, { force: true }).catch(() => undefined);
    }
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    await this.store.put(key, bytes, contentType);
    await this.scan();
    await this.keep(key, bytes);
  }

  async get(key: string): Promise<{ bytes: Uint8Array; contentType: string } | null> {
    if (!MEDIA_KEY.test(key)) return null;
    await this.scan();
    if (this.entries.has(key)) {
      const bytes = await readFile(this.path(key)).catch(() => null);
      if (bytes) {
        this.remember(key, bytes.length);
        return { bytes: new Uint8Array(bytes), contentType: contentTypeOfKey(key)! };
      }
      await this.forget(key);
    }
    const file = await this.store.get(key);
    if (file) await this.keep(key, file.bytes);
    return file;
  }

  async delete(key: string): Promise<void> {
    await this.store.delete(key);
    await this.scan();
    await this.forget(key);
  }

  url(key: string): string {
    return this.store.url(key);
  }
}
