import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Metadata } from 'sharp';
import { loadOptionalPackage } from '../runtime/optional-package';
import { newId } from '../catalog/ids';
import type { TerroirTables } from '../db/schema';
import type { LocalizedText } from '../locale/locale';
import { mediaDurationSeconds } from './media-duration';
import { checkContainer, FORMAT_EXTENSIONS, sniffMedia, type MediaUploadKind, type SniffedFormat } from './media-sniff';
import type { MediaStorage } from './media-storage';
import { z } from 'zod';
import { parseJsonColumn } from '../db/json-column';
import { localizedTextSchema } from '../catalog/catalog-column-schemas';
import { MediaStorageError } from './s3-storage';

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;

/** Largest accepted upload per kind, in bytes. */
export interface MediaLimits {
  image: number;
  audio: number;
  video: number;
  /** Largest decoded image, in pixels (width × height): a tiny file can claim 100 000 × 100 000. */
  imagePixels: number;
}

export const DEFAULT_MEDIA_LIMITS: MediaLimits = { image: 15 * 1024 * 1024, audio: 40 * 1024 * 1024, video: 200 * 1024 * 1024, imagePixels: 50_000_000 };

/** Widths of the WebP variants made from every image (never wider than the original). */
export const IMAGE_WIDTHS = [480, 960, 1600] as const;

/** One stored file made from an upload. */
export interface MediaFile {
  key: string;
  url: string;
  mimeType: string;
  width: number | null;
  height: number | null;
  bytes: number;
}

/** An item of a cooperative's media library. */
export interface MediaItem {
  id: string;
  cooperativeId: string;
  kind: MediaUploadKind;
  /** Type of the upload as sniffed from its bytes. */
  mimeType: string;
  bytes: number;
  width: number | null;
  height: number | null;
  /** The file to use by default: the largest original-format image, or the audio/video itself. */
  url: string;
  /** Every stored file: WebP variants by width and the original-format fallback. */
  files: MediaFile[];
  alt: LocalizedText;
  transcript: LocalizedText;
  caption: LocalizedText;
  /** Playing time of audio or video in seconds as its file tells it; null when unknown, and for images. */
  durationSeconds: number | null;
  createdAt: string;
  updatedAt: string;
}

/** Why an upload was refused; `status` is the HTTP status an API answers with. */
export class MediaError extends Error {
  override readonly name = 'MediaError';
  constructor(
    readonly status: 400 | 413 | 415 | 422 | 503,
    readonly code: 'unsupported_media_type' | 'file_too_large' | 'broken_file' | 'image_too_large' | 'alt_required' | 'empty_file' | 'storage_unavailable',
    message: string,
    readonly field = 'file',
  ) {
    super(message);
  }
}

interface StoredFile {
  key: string;
  mimeType: string;
  width: number | null;
  height: number | null;
  bytes: number;
}

const storedFilesSchema: z.ZodType<StoredFile[]> = z.array(
  z.looseObject({ key: z.string(), mimeType: z.string(), width: z.number().nullable(), height: z.number().nullable(), bytes: z.number() }),
);

const hasText = (text: LocalizedText | undefined) => Boolean(text?.['zh-CN']?.trim() || text?.en?.trim());

/** Decodes an image fully (refusing broken or oversized ones) and makes its web-sized files, without metadata. */
async function imageFiles(bytes: Uint8Array, format: Extract<SniffedFormat, { kind: 'image' }>, hash: string, limits: MediaLimits) {
  // Loaded on demand: a site without uploads never needs sharp installed.
  const { default: sharp } = await loadOptionalPackage('sharp', () => import('sharp'), 'Image uploads');
  let meta: Metadata;
  try {
    // Reads the header only; the pixel limit is ours to check, with a clear message.
    meta = await sharp(bytes, { failOn: 'warning', limitInputPixels: false }).metadata();
  } catch {
    throw new MediaError(422, 'broken_file', 'The image cannot be read; it may be damaged or not really an image.');
  }
  const width = meta.autoOrient?.width ?? meta.width;
  const height = meta.autoOrient?.height ?? meta.height;
  if (!width || !height) throw new MediaError(422, 'broken_file', 'The image has no size.');
  if (width * height > limits.imagePixels)
    throw new MediaError(422, 'image_too_large', `The image is ${width} × ${height} pixels; at most ${limits.imagePixels} pixels are accepted.`);
  if ((meta.pages ?? 1) > 1) throw new MediaError(422, 'broken_file', 'Animated images are not accepted; upload a still photo.');
  const pipeline = (target: number) =>
    sharp(bytes, { failOn: 'warning', limitInputPixels: limits.imagePixels })
      // Turn the pixels upright, then drop EXIF (GPS position, camera serial), XMP and IPTC: sharp keeps no metadata unless asked.
      .rotate()
      .resize({ width: target, withoutEnlargement: true });
  const targets = [...new Set(IMAGE_WIDTHS.map((w) => Math.min(w, width)))];
  const files: Array<StoredFile & { data: Uint8Array }> = [];
  try {
    for (const target of targets) {
      const out = await pipeline(target).webp({ quality: 80 }).toBuffer({ resolveWithObject: true });
      files.push({
        key: `${hash.slice(0, 2)}/${hash}-w${target}.webp`,
        mimeType: 'image/webp',
        width: out.info.width,
        height: out.info.height,
        bytes: out.data.length,
        data: out.data,
      });
    }
    if (format.format !== 'webp') {
      const largest = targets[targets.length - 1]!;
      const encoder = pipeline(largest);
      const out = await (format.format === 'jpeg' ? encoder.jpeg({ quality: 82, mozjpeg: true }) : encoder.png({ compressionLevel: 9 })).toBuffer({
        resolveWithObject: true,
      });
      files.push({
        key: `${hash.slice(0, 2)}/${hash}-w${largest}.${FORMAT_EXTENSIONS[format.format]}`,
        mimeType: format.mimeType,
        width: out.info.width,
        height: out.info.height,
        bytes: out.data.length,
        data: out.data,
      });
    }
  } catch (error) {
    if (error instanceof MediaError) throw error;
    throw new MediaError(422, 'broken_file', 'The image cannot be decoded; it may be truncated or damaged.');
  }
  return { width, height, files };
}

function toItem(row: TerroirTables['media'], storage: MediaStorage): MediaItem {
  const files = parseJsonColumn(storedFilesSchema, row.files, { table: 'media', id: row.id, column: 'files' }).map((f) => ({ ...f, url: storage.url(f.key) }));
  return {
    id: row.id,
    cooperativeId: row.cooperative_id,
    kind: row.kind as MediaUploadKind,
    mimeType: row.mime_type,
    bytes: Number(row.bytes),
    width: row.width === null ? null : Number(row.width),
    height: row.height === null ? null : Number(row.height),
    // The largest file in the upload's own format: every browser shows it.
    url: ([...files].reverse().find((f) => f.mimeType === row.mime_type) ?? files[files.length - 1]!).url,
    files,
    alt: parseJsonColumn(localizedTextSchema, row.alt, { table: 'media', id: row.id, column: 'alt' }),
    transcript: parseJsonColumn(localizedTextSchema, row.transcript, { table: 'media', id: row.id, column: 'transcript' }),
    caption: parseJsonColumn(localizedTextSchema, row.caption, { table: 'media', id: row.id, column: 'caption' }),
    durationSeconds: row.duration_seconds === null || row.duration_seconds === undefined ? null : Number(row.duration_seconds),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface IngestMediaInput {
  cooperativeId: string;
  bytes: Uint8Array;
  /** Required for images (in Chinese or English): what the picture shows, for people who cannot see it. */
  alt?: LocalizedText;
  /** What is said in an audio or video recording. */
  transcript?: LocalizedText;
  caption?: LocalizedText;
  createdBy?: string | null;
  /** Only these kinds are accepted (default: all three). */
  accept?: readonly MediaUploadKind[];
  limits?: Partial<MediaLimits>;
}

/** Deletes the files of a hash unless another library item (of any cooperative) still uses them. */
async function deleteUnusedFiles(db: Db, storage: MediaStorage, hash: string, keys: readonly string[]) {
  const used = await db.selectFrom('media').select('id').where('content_hash', '=', hash).executeTakeFirst();
  if (used) return;
  await Promise.all(keys.map((key) => storage.delete(key)));
}

/**
 * Checks an upload from its bytes, makes web-sized images (480/960/1600 px WebP plus a
 * fallback in the original format, metadata stripped) or keeps audio/video as uploaded,
 * stores the files under content-hash names and records the item. A refused file leaves
 * nothing behind: no file, no row. Uploading the same file again returns the first item.
 *
 * @example
 * const { item } = await ingestMedia(db, storage, { cooperativeId: coop.id, bytes, alt: { 'zh-CN': '梨园', en: 'The pear orchard' } });
 */
export async function ingestMedia(db: Kysely<TerroirTables>, storage: MediaStorage, input: IngestMediaInput): Promise<{ item: MediaItem; created: boolean }> {
  const limits = { ...DEFAULT_MEDIA_LIMITS, ...input.limits };
  const bytes = input.bytes;
  if (bytes.length === 0) throw new MediaError(400, 'empty_file', 'The file is empty.');
  const format = sniffMedia(bytes);
  const accept = input.accept ?? ['image', 'audio', 'video'];
  if (!format || !accept.includes(format.kind)) {
    throw new MediaError(415, 'unsupported_media_type', 'Upload a JPEG, PNG or WebP image, MP3, M4A, OGG or WAV audio, or MP4 or WebM video.');
  }
  if (bytes.length > limits[format.kind])
    throw new MediaError(413, 'file_too_large', `${format.kind} files may be at most ${Math.floor(limits[format.kind] / 1024 / 1024)} MB.`);
  if (format.kind === 'image' && !hasText(input.alt))
    throw new MediaError(422, 'alt_required', 'Describe the picture (alt text) in Chinese or English.', 'alt');

  const hash = createHash('sha256').update(bytes).digest('hex');
  const existing = await db
    .selectFrom('media')
    .selectAll()
    .where('cooperative_id', '=', input.cooperativeId)
    .where('content_hash', '=', hash)
    .executeTakeFirst();
  if (existing) return { item: toItem(existing, storage), created: false };

  let width: number | null = null;
  let height: number | null = null;
  let files: Array<StoredFile & { data: Uint8Array }>;
  if (format.kind === 'image') {
    ({ width, height, files } = await imageFiles(bytes, format, hash, limits));
  } else {
    const check = checkContainer(bytes, format);
    if (!check.ok) throw new MediaError(422, 'broken_file', check.reason);
    files = [
      {
        key: `${hash.slice(0, 2)}/${hash}-original.${FORMAT_EXTENSIONS[format.format]}`,
        mimeType: format.mimeType,
        width: null,
        height: null,
        bytes: bytes.length,
        data: bytes,
      },
    ];
  }

  const now = new Date().toISOString();
  const row: TerroirTables['media'] = {
    id: newId('med'),
    cooperative_id: input.cooperativeId,
    kind: format.kind,
    mime_type: format.mimeType,
    content_hash: hash,
    bytes: bytes.length,
    width,
    height,
    files: JSON.stringify(files.map(({ data: _data, ...file }) => file)),
    alt: JSON.stringify(input.alt ?? {}),
    transcript: JSON.stringify(input.transcript ?? {}),
    caption: JSON.stringify(input.caption ?? {}),
    duration_seconds: format.kind === 'image' ? null : mediaDurationSeconds(bytes, format),
    created_by: input.createdBy ?? null,
    created_at: now,
    updated_at: now,
  };
  // The row goes in first: a concurrent delete of another item with the same bytes then sees
  // it and keeps the shared files. If storing fails, the row and any written files go again.
  await db.insertInto('media').values(row).execute();
  const written: string[] = [];
  try {
    for (const file of files) {
      await storage.put(file.key, file.data, file.mimeType);
      written.push(file.key);
    }
  } catch (error) {
    await db.deleteFrom('media').where('id', '=', row.id).execute();
    // Best effort: with the store unreachable the written files stay as orphans (content-hash
    // names, no row points at them), which is harmless; the row is what must go.
    await deleteUnusedFiles(db, storage, hash, written).catch(() => undefined);
    if (error instanceof MediaStorageError) {
      throw new MediaError(503, 'storage_unavailable', 'The media store is not reachable right now; nothing was saved. Try again in a moment.');
    }
    throw error;
  }
  return { item: toItem(row, storage), created: true };
}

/**
 * A cooperative's media, newest first, optionally of one kind.
 *
 * @example
 * const images = await listMedia(db, storage, coop.id, { kind: 'image' });
 */
export async function listMedia(
  db: Db,
  storage: MediaStorage,
  cooperativeId: string,
  query: { kind?: MediaUploadKind; limit?: number } = {},
): Promise<MediaItem[]> {
  let q = db
    .selectFrom('media')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(Math.min(Math.max(query.limit ?? 100, 1), 500));
  if (query.kind) q = q.where('kind', '=', query.kind);
  return (await q.execute()).map((row) => toItem(row, storage));
}

/**
 * One media item of a cooperative, or undefined (also for another cooperative's id).
 *
 * @example
 * const item = await loadMedia(db, storage, coop.id, 'med_abc');
 */
export async function loadMedia(db: Db, storage: MediaStorage, cooperativeId: string, id: string): Promise<MediaItem | undefined> {
  const row = await db.selectFrom('media').selectAll().where('id', '=', id).where('cooperative_id', '=', cooperativeId).executeTakeFirst();
  return row ? toItem(row, storage) : undefined;
}

/**
 * A media item as a page or widget shows it: one URL, its size (no layout shift) and its alt
 * text; for a recording its type, playing time, caption and transcript.
 */
export interface DisplayMedia {
  id: string;
  kind: MediaUploadKind;
  url: string;
  mimeType: string;
  width: number | null;
  height: number | null;
  alt: LocalizedText;
  caption: LocalizedText;
  transcript: LocalizedText;
  durationSeconds: number | null;
}

/**
 * Resolves many media ids of one cooperative in a single query; unknown ids and other
 * cooperatives' ids are simply absent from the map.
 *
 * @example
 * const media = await resolveMediaForDisplay(db, storage, coop.id, ['med_a', 'med_b']);
 * media.get('med_a')?.url;
 */
export async function resolveMediaForDisplay(db: Db, storage: MediaStorage, cooperativeId: string, ids: readonly string[]): Promise<Map<string, DisplayMedia>> {
  const unique = [...new Set(ids)];
  const out = new Map<string, DisplayMedia>();
  if (unique.length === 0) return out;
  const rows = await db.selectFrom('media').selectAll().where('cooperative_id', '=', cooperativeId).where('id', 'in', unique).execute();
  for (const row of rows) {
    const item = toItem(row, storage);
    out.set(item.id, {
      id: item.id,
      kind: item.kind,
      url: item.url,
      mimeType: item.mimeType,
      width: item.width,
      height: item.height,
      alt: item.alt,
      caption: item.caption,
      transcript: item.transcript,
      durationSeconds: item.durationSeconds,
    });
  }
  return out;
}

/**
 * Replaces an item's alt text, transcript and caption (images keep a non-empty alt text).
 *
 * @example
 * await updateMediaText(db, storage, coop.id, item.id, { alt: { 'zh-CN': '嫁接', en: 'Grafting' }, transcript: {}, caption: {} });
 */
export async function updateMediaText(
  db: Db,
  storage: MediaStorage,
  cooperativeId: string,
  id: string,
  text: { alt: LocalizedText; transcript: LocalizedText; caption: LocalizedText },
): Promise<MediaItem | undefined> {
  const item = await loadMedia(db, storage, cooperativeId, id);
  if (!item) return undefined;
  if (item.kind === 'image' && !hasText(text.alt)) throw new MediaError(422, 'alt_required', 'Describe the picture (alt text) in Chinese or English.', 'alt');
  const updatedAt = new Date().toISOString();
  await db
    .updateTable('media')
    .set({ alt: JSON.stringify(text.alt), transcript: JSON.stringify(text.transcript), caption: JSON.stringify(text.caption), updated_at: updatedAt })
    .where('id', '=', id)
    .where('cooperative_id', '=', cooperativeId)
    .execute();
  return { ...item, ...text, updatedAt };
}

/**
 * Removes an item and, when no other item shares its bytes, its files. Pages that still
 * name its URL show a missing image; check stories and products first.
 *
 * @example
 * await deleteMedia(db, storage, coop.id, item.id);
 */
export async function deleteMedia(db: Kysely<TerroirTables>, storage: MediaStorage, cooperativeId: string, id: string): Promise<boolean> {
  const row = await db.selectFrom('media').selectAll().where('id', '=', id).where('cooperative_id', '=', cooperativeId).executeTakeFirst();
  if (!row) return false;
  const deleted = await db.deleteFrom('media').where('id', '=', id).where('cooperative_id', '=', cooperativeId).executeTakeFirst();
  if (deleted.numDeletedRows !== 1n) return false;
  await deleteUnusedFiles(
    db,
    storage,
    row.content_hash,
    parseJsonColumn(storedFilesSchema, row.files, { table: 'media', id: row.id, column: 'files' }).map((f) => f.key),
  );
  return true;
}
