import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/**
 * Where media files live. Keys are made by Terroir (a content hash and a variant name,
 * `ab/ab12…ef-w480.webp`), never taken from an upload. An S3-compatible store implements
 * the same four methods (put = PutObject with Content-Type and the immutable Cache-Control,
 * get = GetObject, delete = DeleteObject, url = the bucket's public or CDN URL).
 */
export interface MediaStorage {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The file's bytes and type, or null when there is none. */
  get(key: string): Promise<{ bytes: Uint8Array; contentType: string } | null>;
  /** Removes the file; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** The URL shoppers' browsers load the file from. */
  url(key: string): string;
}

/** The shape of every key Terroir makes: two hex characters, the hash, a variant, a known extension. */
export const MEDIA_KEY = /^[0-9a-f]{2}\/[0-9a-f]{64}-(?:original|w\d{1,4})\.(?:jpg|png|webp|mp3|m4a|ogg|wav|mp4|webm)$/;

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  ogg: 'audio/ogg',
  wav: 'audio/wav',
  mp4: 'video/mp4',
  webm: 'video/webm',
};

/**
 * The content type of a key, from its (Terroir-made) extension.
 *
 * @example
 * contentTypeOfKey('ab/ab12…ef-w480.webp') // 'image/webp'
 */
export function contentTypeOfKey(key: string): string | undefined {
  return CONTENT_TYPES[key.slice(key.lastIndexOf('.') + 1)];
}

export interface LocalDiskStorageOptions {
  /** Folder holding the files (created if missing). Default `./media`, or `TERROIR_MEDIA_DIR`. */
  folder?: string;
  /** URL prefix the files are served under (see `mediaFiles()` in @terroir/server/admin). Default `/media`. */
  publicPath?: string;
}

/**
 * Media on the local disk: one file per key under `folder`, written to a temporary name
 * and renamed, so a crash never leaves half a file under a real name.
 *
 * @example
 * const storage = new LocalDiskStorage({ folder: '/var/lib/terroir/media' });
 * await storage.put(key, bytes, 'image/webp');
 */
export class LocalDiskStorage implements MediaStorage {
  readonly folder: string;
  readonly publicPath: string;

  constructor(options: LocalDiskStorageOptions = {}) {
    this.folder = path.resolve(options.folder ?? process.env.TERROIR_MEDIA_DIR ?? 'media');
    this.publicPath = (options.publicPath ?? '/media').replace(/\/+$/, '');
  }

  /** The file's path; throws for anything that is not a key Terroir makes (no `..`, no absolute paths). */
  private pathOf(key: string): string {
    if (!MEDIA_KEY.test(key)) throw new RangeError(`Not a media key: ${key.slice(0, 100)}`);
    return path.join(this.folder, key);
  }

  async put(key: string, bytes: Uint8Array, _contentType?: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(path.dirname(target), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temporary, bytes, { flag: 'wx' });
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<{ bytes: Uint8Array; contentType: string } | null> {
    if (!MEDIA_KEY.test(key)) return null;
    try {
      return { bytes: await readFile(this.pathOf(key)), contentType: contentTypeOfKey(key)! };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  url(key: string): string {
    return `${this.publicPath}/${key}`;
  }
}
