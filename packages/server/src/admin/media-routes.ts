import { Hono, type Context } from 'hono';
import type { OpenAPIHono } from '@hono/zod-openapi';
import {
  DEFAULT_MEDIA_LIMITS,
  ifNoneMatchHits,
  deleteMedia,
  ingestMedia,
  listMedia,
  loadMedia,
  MEDIA_KEY,
  MEDIA_UPLOAD_KINDS,
  MediaError,
  MediaStorageError,
  recordAudit,
  renderMarkdown,
  updateMediaText,
  type LocalizedText,
  type MediaLimits,
  type MediaStorage,
} from '@terroir/core';
import { z } from 'zod';
import { requireRole, type AdminEnv } from './admin-auth';
import { parseWith, readJson, readPatch, readQuery } from './admin-body';
import type { AdminContext } from './admin-context';
import { ApiError, notFound } from '../http/api-error';
import { errorMessage } from '../http/error-messages';
import { adminRoute, COOP_PATH, documentRoute, pathParams } from './admin-openapi';
import { MediaRecord } from './admin-records';
import { localized } from './admin-schemas';
import { readMediaUpload } from './media-upload';
import { COOP, idParam } from './workspace-routes';

const catalogRoles = requireRole('owner', 'editor');
const mediaTextSchema = z.strictObject({
  alt: localized(300).default({}),
  transcript: localized(50_000, { multiline: true }).default({}),
  caption: localized(500, { multiline: true }).default({}),
});
const mediaListQuery = z.strictObject({ kind: z.enum(MEDIA_UPLOAD_KINDS).optional(), limit: z.coerce.number().int().min(1).max(500).optional() });
const markdownPreviewSchema = z.strictObject({ markdown: z.string().max(100_000) });
const CATALOG = { roles: ['owner' as const, 'editor' as const] };
const tag = 'Media';
const MediaBody = z.object({ media: MediaRecord });
const uploadForm = z.object({
  file: z.string().openapi({ format: 'binary', description: 'The image, audio or video file; its bytes decide the type.' }),
  'alt.zh-CN': z.string().max(300).optional(),
  'alt.en': z.string().max(300).optional(),
  'transcript.zh-CN': z.string().max(50_000).optional(),
  'transcript.en': z.string().max(50_000).optional(),
  'caption.zh-CN': z.string().max(500).optional(),
  'caption.en': z.string().max(500).optional(),
});

/** The media routes as the OpenAPI document shows them (the handlers below read their bodies themselves). */
const routes = [
  adminRoute({
    method: 'get',
    path: `${COOP_PATH}/media`,
    operationId: 'listMedia',
    tag,
    summary: 'The media library',
    access: CATALOG,
    params: pathParams(),
    query: mediaListQuery,
    ok: { status: 200, schema: z.object({ items: z.array(MediaRecord) }), description: 'Media items.' },
  }),
  adminRoute({
    method: 'post',
    path: `${COOP_PATH}/media`,
    operationId: 'uploadMedia',
    tag,
    summary: 'Upload an image, recording or video',
    description:
      'Photos need alt text, recordings a transcript before a story using them is published. The same bytes uploaded twice answer 200 with the existing item.',
    access: CATALOG,
    params: pathParams(),
    rawBody: { mediaType: 'multipart/form-data', schema: uploadForm, description: 'The file and its texts.' },
    ok: { status: 201, schema: MediaBody, description: 'Stored (200 when the same file exists already).' },
    errors: [422, 503],
  }),
  adminRoute({
    method: 'get',
    path: `${COOP_PATH}/media/{id}`,
    operationId: 'getMedia',
    tag,
    summary: 'One media item',
    access: CATALOG,
    params: pathParams('id'),
    ok: { status: 200, schema: MediaBody, description: 'The item.' },
  }),
  adminRoute({
    method: 'patch',
    path: `${COOP_PATH}/media/{id}`,
    operationId: 'updateMedia',
    tag,
    summary: 'Edit alt text, transcript and caption (JSON merge patch)',
    access: CATALOG,
    params: pathParams('id'),
    body: z.strictObject({
      alt: localized(300).nullable().optional(),
      transcript: localized(50_000, { multiline: true }).nullable().optional(),
      caption: localized(500, { multiline: true }).nullable().optional(),
    }),
    ok: { status: 200, schema: MediaBody, description: 'The item as saved.' },
    errors: [422],
  }),
  adminRoute({
    method: 'delete',
    path: `${COOP_PATH}/media/{id}`,
    operationId: 'deleteMedia',
    tag,
    summary: 'Delete a media item',
    access: CATALOG,
    params: pathParams('id'),
    ok: { status: 204, description: 'Deleted.' },
    errors: [409],
  }),
  adminRoute({
    method: 'post',
    path: `${COOP_PATH}/preview/markdown`,
    operationId: 'previewMarkdown',
    tag: 'Stories',
    summary: 'Render story Markdown exactly as the storefront will',
    access: CATALOG,
    params: pathParams(),
    body: markdownPreviewSchema,
    ok: { status: 200, schema: z.object({ html: z.string() }), description: 'Sanitised HTML.' },
  }),
];

/** `alt.zh-CN`, `alt.en`, … from a multipart form; anything else is ignored. */
function textField(form: Record<string, unknown>, name: 'alt' | 'transcript' | 'caption'): LocalizedText {
  const out: LocalizedText = {};
  for (const locale of ['zh-CN', 'en'] as const) {
    const value = form[`${name}.${locale}`];
    if (typeof value === 'string' && value.trim()) out[locale] = value;
  }
  return out;
}

/** The cooperative's media library: upload (multipart), list, edit alt text and transcripts, delete; and the Markdown preview. */
export function registerMediaRoutes(app: OpenAPIHono<AdminEnv>, ctx: AdminContext): void {
  for (const route of routes) documentRoute(app, route);
  const db = ctx.db;
  const storage = ctx.media.storage;

  app.get(`${COOP}/media`, catalogRoles, async (c) => {
    const query = readQuery(c, mediaListQuery);
    return c.json({ items: await listMedia(db, storage, c.get('coop').id, query) });
  });

  app.post(`${COOP}/media`, catalogRoles, async (c) => {
    const coop = c.get('coop');
    if (!/^multipart\/form-data\s*;/i.test(c.req.header('content-type') ?? ''))
      throw new ApiError(415, { code: 'unsupported_media_type', message: errorMessage('upload_media_type') });
    // Streamed, with each kind's cap checked as the bytes arrive (issue 14 #7): never the
    // whole body in memory before the size is known.
    const { file, fields: form } = await readMediaUpload(c.req.raw, { ...DEFAULT_MEDIA_LIMITS, ...ctx.media.limits });
    if (!file) throw new ApiError(400, { code: 'invalid_body', message: errorMessage('upload_file_missing'), field: 'file' });
    // The file's name and declared type are never used: the bytes decide, and we name the files.
    const text = parseWith(
      mediaTextSchema,
      { alt: textField(form, 'alt'), transcript: textField(form, 'transcript'), caption: textField(form, 'caption') },
      'form',
    );
    const actor = c.get('actor');
    try {
      const { item, created } = await ingestMedia(db, storage, {
        cooperativeId: coop.id,
        bytes: file,
        ...text,
        createdBy: actor.kind === 'user' ? actor.userId : null,
        limits: ctx.media.limits,
      });
      if (created)
        await recordAudit(db, {
          cooperativeId: coop.id,
          actor,
          action: 'media.upload',
          entity: 'media',
          entityId: item.id,
          after: { kind: item.kind, mimeType: item.mimeType, bytes: item.bytes, alt: item.alt },
        });
      return c.json({ media: item }, created ? 201 : 200);
    } catch (error) {
      if (error instanceof MediaError) throw new ApiError(error.status, { code: error.code, message: error.message, field: error.field });
      throw error;
    }
  });

  app.get(`${COOP}/media/:id`, catalogRoles, async (c) => {
    const item = await loadMedia(db, storage, c.get('coop').id, idParam(c.req.param('id')));
    if (!item) throw notFound();
    return c.json({ media: item });
  });

  app.patch(`${COOP}/media/:id`, catalogRoles, async (c) => {
    const coop = c.get('coop');
    const before = await loadMedia(db, storage, coop.id, idParam(c.req.param('id')));
    if (!before) throw notFound();
    const merged = parseWith(mediaTextSchema, await readPatch(c, { alt: before.alt, transcript: before.transcript, caption: before.caption }));
    try {
      const item = await updateMediaText(db, storage, coop.id, before.id, merged);
      if (!item) throw notFound();
      await recordAudit(db, {
        cooperativeId: coop.id,
        actor: c.get('actor'),
        action: 'media.update',
        entity: 'media',
        entityId: item.id,
        before: { alt: before.alt, caption: before.caption },
        after: { alt: item.alt, caption: item.caption },
      });
      return c.json({ media: item });
    } catch (error) {
      if (error instanceof MediaError) throw new ApiError(error.status, { code: error.code, message: error.message, field: error.field });
      throw error;
    }
  });

  app.delete(`${COOP}/media/:id`, catalogRoles, async (c) => {
    const coop = c.get('coop');
    const id = idParam(c.req.param('id'));
    if (!(await deleteMedia(db, storage, coop.id, id))) throw notFound();
    await recordAudit(db, { cooperativeId: coop.id, actor: c.get('actor'), action: 'media.delete', entity: 'media', entityId: id });
    return c.body(null, 204);
  });

  // The editor's preview uses the storefront's own sanitising renderer, so what the
  // secretary sees is exactly what shoppers will get.
  app.post(`${COOP}/preview/markdown`, catalogRoles, async (c) => {
    const { markdown } = await readJson(c, markdownPreviewSchema);
    return c.json({ html: renderMarkdown(markdown) });
  });
}

export interface MediaFilesOptions {
  storage: MediaStorage;
  /** URL prefix, the storage's public path (default `/media`). */
  path?: string;
}

/** Parses a single `bytes=a-b` range; anything else is served whole. */
function byteRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(size - Number(match[2]), 0);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start > end || start >= size) return 'unsatisfiable';
  return { start, end };
}

/**
 * Serves the media files under `/media/…`, read-only and public (storefront pages and
 * widgets on other sites load them): the type Terroir recorded, `immutable` caching (names
 * are content hashes, so a file never changes), `nosniff`, a sandboxing CSP, and byte
 * ranges for audio and video seeking.
 *
 * @example
 * app.route('/', mediaFiles({ storage: new LocalDiskStorage({ folder: './media' }) }));
 */
export function mediaFiles(options: MediaFilesOptions): Hono {
  const app = new Hono();
  const prefix = (options.path ?? '/media').replace(/\/+$/, '');
  app.get(`${prefix}/*`, async function serveMedia(c: Context) {
    const key = c.req.path.slice(prefix.length + 1);
    let file: Awaited<ReturnType<MediaStorage['get']>>;
    try {
      file = MEDIA_KEY.test(key) ? await options.storage.get(key) : null;
    } catch (error) {
      if (!(error instanceof MediaStorageError)) throw error;
      return c.json({ error: { code: 'storage_unavailable', message: 'The media store is not reachable right now.' } }, 503, {
        'Retry-After': '5',
        'Cache-Control': 'no-store',
      });
    }
    if (!file) return c.json({ error: { code: 'not_found', message: 'Not found.' } }, 404);
    // Every variant has its own name, so the name is a strong validator for its bytes.
    const etag = `"${key.slice(3).replace('.', '-')}"`;
    const headers: Record<string, string> = {
      'Content-Type': file.contentType,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Accept-Ranges': 'bytes',
      ETag: etag,
    };
    if (ifNoneMatchHits(c.req.header('if-none-match'), etag)) return c.body(null, 304, headers);
    const size = file.bytes.length;
    const range = byteRange(c.req.header('range'), size);
    if (range === 'unsatisfiable') return c.body(null, 416, { ...headers, 'Content-Range': `bytes */${size}` });
    if (range) {
      return c.body(new Uint8Array(file.bytes.subarray(range.start, range.end + 1)), 206, {
        ...headers,
        'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
      });
    }
    return c.body(new Uint8Array(file.bytes), 200, headers);
  });
  return app;
}

export type { MediaLimits };
