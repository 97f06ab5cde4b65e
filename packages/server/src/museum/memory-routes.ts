import { randomBytes } from 'node:crypto';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  DEFAULT_MEDIA_LIMITS,
  DEFAULT_MEMORY_RATE_LIMITS,
  InvalidCursorError,
  LOCALES,
  MEMORY_FILE_LIMITS,
  MEMORY_LICENCES,
  MEMORY_MEDIA_LIMITS,
  MEMORY_TEXT_MAX,
  MemoryError,
  listPublicMemories,
  submitMemory,
  type Locale,
  type MediaStorage,
  type MemoryRateLimits,
  type TerroirDatabase,
} from '@terroir/core';
import { readMultipartForm } from '../admin/media-upload';
import { ApiError } from '../http/api-error';
import { errorMessage } from '../http/error-messages';
import { requestLocale } from '../http/locale';
import type { StorefrontEnv } from '../storefront-env';
import { ErrorSchema } from '../catalog/catalog-schemas';
import { MuseumListQuery, MuseumProductLinkSchema, MuseumRecordLinkSchema, PlaceParams } from './museum-schemas';

/** How the public memory routes are set up (`createStorefront({ memories })`). */
export interface MemoryRoutesOptions {
  /** Where the photos and audio of memories are stored (the admin's media library storage). */
  storage: MediaStorage;
  /**
   * Secret of the HMAC that turns a sender's IP into the hash stored for the rate limit.
   * Default: a random secret per process (limits then restart with the process); give every
   * process the same secret (e.g. from `TERROIR_MEMORY_SALT`) when several serve one database.
   */
  ipSalt?: string;
  /** Limits per sender and per cooperative (default 5 per hour, 100 per day). */
  limits?: MemoryRateLimits;
  /** The sender's IP. Default: the socket's address (never X-Forwarded-For, which anyone can send). */
  clientIp?: (c: Context) => string | undefined;
}

/** What the sender reads after sending, whether stored or caught by the honeypot. */
export const MEMORY_RECEIVED = {
  'zh-CN': '已收到您的记忆，谢谢！审核通过后会展示在村史馆里。',
  en: 'Thank you, your memory was received. It will be shown in the museum once an editor has reviewed it.',
} as const;

const Coop = z.object({ coop: PlaceParams.shape.coop });
const json = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

const MemoryMediaSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['image', 'audio']),
    mimeType: z.string(),
    url: z.string(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
  })
  .openapi('MemoryMedia');

export const PublicMemorySchema = z
  .object({
    id: z.string(),
    contributorName: z.string().nullable().openapi({ description: 'As the sender gave it; null when anonymous.' }),
    text: z.string().openapi({ description: 'Plain text (never HTML or Markdown): escape it when showing it.' }),
    language: z.enum(LOCALES),
    licence: z.enum(MEMORY_LICENCES),
    photos: z.array(MemoryMediaSchema),
    audio: MemoryMediaSchema.nullable(),
    products: z.array(MuseumProductLinkSchema),
    stories: z.array(MuseumRecordLinkSchema),
    places: z.array(MuseumRecordLinkSchema),
    people: z.array(MuseumRecordLinkSchema),
    producers: z.array(MuseumRecordLinkSchema),
    approvedAt: z.string(),
    demo: z.boolean().openapi({ description: 'An example of the demo seed.' }),
  })
  .openapi('PublicMemory');

const MemoryForm = z
  .object({
    text: z
      .string()
      .max(MEMORY_TEXT_MAX)
      .openapi({ description: `The memory, plain text, at most ${MEMORY_TEXT_MAX} characters.` }),
    name: z.string().max(80).optional().openapi({ description: 'Name to show; leave out to stay anonymous.' }),
    contact: z.string().max(200).optional().openapi({ description: 'Phone, WeChat or email for the editors; never shown publicly.' }),
    consent: z.enum(['on', 'true', 'yes', '1']).openapi({ description: 'The sender agrees to the licence; required.' }),
    licence: z.enum(MEMORY_LICENCES).openapi({ description: '`cc-by-4.0` (anyone may reuse with credit) or `museum-use-only`.' }),
    lang: z.enum(LOCALES).openapi({ description: 'Language the memory is written in.' }),
    photos: z
      .array(z.string().openapi({ format: 'binary' }))
      .max(MEMORY_MEDIA_LIMITS.photos)
      .optional()
      .openapi({ description: `Up to ${MEMORY_MEDIA_LIMITS.photos} JPEG, PNG or WebP photos, 10 MB each (\`photos\` or \`photos[]\`).` }),
    audio: z.string().optional().openapi({ format: 'binary', description: 'One MP3, M4A or OGG clip, at most 10 MB.' }),
    website: z.string().optional().openapi({ description: 'Honeypot: leave empty. A filled one is answered 202 and nothing is stored.' }),
  })
  .openapi('MemoryForm');

const Received = z
  .object({
    received: z.literal(true),
    status: z.literal('pending'),
    message: z.object({ 'zh-CN': z.string(), en: z.string() }),
  })
  .openapi('MemoryReceived');

const Page = z.object({ items: z.array(PublicMemorySchema), nextCursor: z.string().nullable(), locale: z.enum(LOCALES) }).openapi('MemoryPage');

export const memoryRoutes = {
  submit: createRoute({
    method: 'post',
    path: '/v1/coops/{coop}/museum/memories',
    operationId: 'submitMemory',
    tags: ['Museum'],
    security: [],
    summary: 'Send in a memory (text, up to 3 photos, one audio clip)',
    description:
      'From the public form: nothing is public before an editor approves it. Photos and audio are checked by their bytes. Rate-limited per sender (hashed IP) and per cooperative: 429 `too_many_memories` with `Retry-After`. Browsers on other sites need the cooperative to allow their origin (CORS).',
    request: { params: Coop, body: { content: { 'multipart/form-data': { schema: MemoryForm } }, required: true } },
    responses: {
      202: json(Received, 'Received; it waits for review.'),
      400: json(ErrorSchema, 'A malformed form: missing or overlong text, unknown licence or language, too many files (`error.field` names it).'),
      404: json(ErrorSchema, 'Unknown cooperative.'),
      413: json(ErrorSchema, 'A photo or the audio clip is larger than allowed.'),
      415: json(ErrorSchema, 'Not multipart/form-data, or a file that is not a JPEG/PNG/WebP photo or MP3/M4A/OGG audio.'),
      422: json(ErrorSchema, '`consent_required`, or a file that cannot be decoded (`broken_file`).'),
      429: json(ErrorSchema, '`too_many_memories`: try again after `Retry-After` seconds.'),
      503: json(ErrorSchema, 'The media store is not reachable; nothing was saved.'),
    },
  }),
  list: createRoute({
    method: 'get',
    path: '/v1/coops/{coop}/museum/memories',
    operationId: 'listMemories',
    tags: ['Museum'],
    security: [],
    summary: 'Memories sent in by villagers, as approved by the editors',
    description: 'Newest approval first, cursor-paged. Pending, rejected and community-only memories are never served; nor is any contact.',
    request: { params: Coop, query: MuseumListQuery },
    responses: {
      200: json(Page, 'A page of memories.'),
      400: json(ErrorSchema, 'A malformed parameter; `error.field` names it.'),
      404: json(ErrorSchema, 'Unknown cooperative.'),
    },
  }),
};

function socketIp(c: Context): string | undefined {
  return (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress;
}

const CONSENT_YES = new Set(['on', 'true', 'yes', '1']);

/**
 * Registers `POST` and `GET /v1/coops/{coop}/museum/memories` on a storefront app. The
 * form is read with the media uploads' streaming reader (per-kind caps as bytes arrive).
 *
 * @example
 * registerMemoryRoutes(app, db, { storage: new LocalDiskStorage({ folder: './uploads', publicPath: '/uploads' }), ipSalt: process.env.TERROIR_MEMORY_SALT });
 */
export function registerMemoryRoutes(app: OpenAPIHono<StorefrontEnv>, db: TerroirDatabase['db'], options: MemoryRoutesOptions): void {
  const ipSalt = options.ipSalt ?? randomBytes(32).toString('hex');
  const clientIp = options.clientIp ?? socketIp;
  const limits = { ...DEFAULT_MEDIA_LIMITS, ...MEMORY_FILE_LIMITS };

  // Documented here, handled below: the body is streamed, not parsed by the validator.
  app.openAPIRegistry.registerPath(memoryRoutes.submit);
  app.post('/v1/coops/:coop/museum/memories', async function submitMemoryRoute(c) {
    const coop = c.get('cooperative');
    if (!/^multipart\/form-data\s*;/i.test(c.req.header('content-type') ?? ''))
      throw new ApiError(415, { code: 'unsupported_media_type', message: errorMessage('memory_form_type') });
    const { files, fields } = await readMultipartForm(c.req.raw, {
      limits,
      files: { photos: { max: MEMORY_MEDIA_LIMITS.photos, kinds: ['image'] }, audio: { max: 1, kinds: ['audio'] } },
    });
    const received = { received: true as const, status: 'pending' as const, message: MEMORY_RECEIVED };
    // A filled honeypot: a bot. Same answer as a person gets, nothing stored or counted.
    if ((fields.website ?? '').trim() !== '') return c.json(received, 202);
    const lang = fields.lang ?? fields.language;
    try {
      await submitMemory(db, options.storage, {
        cooperativeId: coop.id,
        form: {
          text: fields.text ?? '',
          name: fields.name ?? null,
          contact: fields.contact ?? null,
          language: (lang ?? '') as Locale,
          licence: (fields.licence ?? '') as never,
          consent: CONSENT_YES.has((fields.consent ?? '').toLowerCase()) as true,
        },
        photos: files.photos ?? [],
        audio: files.audio?.[0] ?? null,
        sender: { ip: clientIp(c) ?? null, ipSalt },
        ...(options.limits ? { limits: options.limits } : { limits: DEFAULT_MEMORY_RATE_LIMITS }),
      });
    } catch (error) {
      if (error instanceof MemoryError) {
        const field = error.field === 'language' ? 'lang' : error.field;
        throw new ApiError(error.status, {
          code: error.code,
          message: error.status === 429 ? errorMessage('too_many_memories') : error.message,
          ...(field ? { field } : {}),
          ...(error.retryAfterSeconds ? { headers: { 'Retry-After': String(error.retryAfterSeconds) } } : {}),
        });
      }
      throw error;
    }
    return c.json(received, 202);
  });

  app.openapi(memoryRoutes.list, async (c) => {
    const coop = c.get('cooperative');
    const query = c.req.valid('query');
    const locale = requestLocale(c, query.lang, coop.defaultLocale);
    try {
      const page = await listPublicMemories(db, options.storage, coop.id, {
        locale,
        fallback: coop.defaultLocale,
        limit: query.limit,
        ...(query.cursor ? { cursor: query.cursor } : {}),
      });
      c.header('Cache-Control', 'public, max-age=60');
      c.header('Content-Language', locale);
      return c.json({ items: page.items, nextCursor: page.nextCursor, locale }, 200);
    } catch (error) {
      if (error instanceof InvalidCursorError) throw new ApiError(400, { code: 'invalid_parameter', message: error.message, field: 'cursor' });
      throw error;
    }
  });
}
