import { createHmac } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import type { TerroirTables } from '../db/schema';
import { newId } from '../catalog/ids';
import { decodeCursor, encodeCursor } from '../catalog/catalog-cursor';
import { parseJsonColumn } from '../db/json-column';
import { deleteMedia, ingestMedia, MediaError, type MediaLimits } from '../media/media-library';
import type { MediaStorage } from '../media/media-storage';
import type { Locale } from '../locale/locale';
import { forgetMuseumRecord, getMuseumLinks, museumLinksSchema, setMuseumLinks, type MuseumLinks } from './museum-links';
import { museumLinkedRecords, type MuseumProductLink, type MuseumReadOptions, type MuseumRecordLink } from './museum-reads';
import { inTransaction, MuseumError } from './museum-records';

type Db = Kysely<TerroirTables>;

/** Licences a villager can grant for what they send in. */
export const MEMORY_LICENCES = ['cc-by-4.0', 'museum-use-only'] as const;
export type MemoryLicence = (typeof MEMORY_LICENCES)[number];
export const MEMORY_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type MemoryStatus = (typeof MEMORY_STATUSES)[number];
export type MemoryVisibility = 'public' | 'community';

/** Most photos and audio clips one memory brings. */
export const MEMORY_MEDIA_LIMITS = { photos: 3, audio: 1 } as const;
/**
 * Longest audio clip of a memory, in seconds ("a short audio"): checked on the playing time its
 * file tells (WAV, MP3, M4A, OGG); a file that does not tell it is held to the byte limit only.
 */
export const MEMORY_AUDIO_MAX_SECONDS = 300;
/** Largest photo and audio clip of a memory, in bytes (smaller than an editor's uploads). */
export const MEMORY_FILE_LIMITS: Pick<MediaLimits, 'image' | 'audio'> = { image: 10 * 1024 * 1024, audio: 10 * 1024 * 1024 };
/** Longest memory text, in characters. */
export const MEMORY_TEXT_MAX = 5000;

/** How many memories may be sent in per window: per sender (hashed IP) at one cooperative, and per cooperative. */
export interface MemoryRateLimits {
  perIp: { count: number; windowSeconds: number };
  perCooperative: { count: number; windowSeconds: number };
}

/** 5 per sender per hour, 100 per cooperative per day. */
export const DEFAULT_MEMORY_RATE_LIMITS: MemoryRateLimits = {
  perIp: { count: 5, windowSeconds: 3600 },
  perCooperative: { count: 100, windowSeconds: 86_400 },
};

/** Why a memory was refused; `status` is the HTTP status an API answers with. */
export class MemoryError extends Error {
  override readonly name = 'MemoryError';
  constructor(
    readonly status: 400 | 404 | 413 | 415 | 422 | 429 | 503,
    readonly code: string,
    message: string,
    /** The input field at fault (`text`, `photos.1`, `audio`, `links.places.0`). */
    readonly field?: string,
    /** For 429: seconds until a place frees up. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

// Control characters other than tab and newline never belong in a text; nor do carriage returns we normalise away.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const plain = (max: number) =>
  z
    .string()
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .pipe(
      z
        .string()
        .max(max)
        .refine((s) => !CONTROL.test(s), { message: 'control characters are not allowed' }),
    );
const optionalPlain = (max: number) =>
  plain(max)
    .optional()
    .nullable()
    .transform((s) => (s ? s : null));

/** What a sender fills in (the files travel apart, as bytes). */
export const memorySubmissionSchema = z.object({
  text: plain(MEMORY_TEXT_MAX).refine((s) => s.length > 0, { message: 'write a few words' }),
  name: optionalPlain(80),
  contact: optionalPlain(200),
  language: z.enum(['zh-CN', 'en']),
  licence: z.enum(MEMORY_LICENCES),
  consent: z.literal(true, { message: 'consent is required to send a memory' }),
});
export type MemorySubmission = z.input<typeof memorySubmissionSchema>;

/** What an editor decides when approving. */
export const memoryApprovalSchema = z.object({
  /** The text as published (defaults to the text sent in). */
  text: plain(MEMORY_TEXT_MAX)
    .refine((s) => s.length > 0, { message: 'write a few words' })
    .optional(),
  visibility: z.enum(['public', 'community']).default('public'),
  links: museumLinksSchema.partial().default({}),
});
export type MemoryApproval = z.input<typeof memoryApprovalSchema>;

/** A media item a memory brought, as the moderation queue and the public reads show it. */
export interface MemoryMedia {
  id: string;
  kind: 'image' | 'audio';
  mimeType: string;
  url: string;
  width: number | null;
  height: number | null;
}

/** A memory as an editor sees it in the moderation queue (contact included). */
export interface MemoryForModeration {
  id: string;
  status: MemoryStatus;
  visibility: MemoryVisibility;
  contributorName: string | null;
  contact: string | null;
  text: string;
  publishedText: string | null;
  language: Locale;
  licence: MemoryLicence;
  consentedAt: string;
  photos: MemoryMedia[];
  audio: MemoryMedia | null;
  links: MuseumLinks;
  moderatedBy: string | null;
  moderatedAt: string | null;
  rejectionNote: string | null;
  demo: boolean;
  createdAt: string;
  updatedAt: string;
}

/** An approved public memory as visitors see it: never the contact, the IP hash or the text before editing. */
export interface PublicMemory {
  id: string;
  contributorName: string | null;
  /** Plain text: render it escaped, never as HTML or Markdown. */
  text: string;
  language: Locale;
  licence: MemoryLicence;
  photos: MemoryMedia[];
  audio: MemoryMedia | null;
  products: MuseumProductLink[];
  stories: MuseumRecordLink[];
  places: MuseumRecordLink[];
  people: MuseumRecordLink[];
  producers: MuseumRecordLink[];
  approvedAt: string;
  demo: boolean;
}

/** Who sends a memory in, as far as the server can tell. */
export interface MemorySender {
  /** The socket's IP address (hashed before anything is stored); rate limits per sender need it. */
  ip?: string | null;
  /** Secret of the HMAC that hashes IPs; rotate it to forget every sender. */
  ipSalt: string;
}

/**
 * The salted hash of an IP address that memories store instead of the address.
 *
 * @example
 * hashSenderIp('203.0.113.7', secret) // 'f1c0…' (64 hex digits)
 */
export function hashSenderIp(ip: string, salt: string): string {
  return createHmac('sha256', salt).update(ip.trim().toLowerCase()).digest('hex');
}

const storedFilesSchema = z.array(z.looseObject({ key: z.string(), mimeType: z.string(), width: z.number().nullable(), height: z.number().nullable() }));

/** Bumps one fixed-window counter by one, atomically; answers the count now and when its window started. */
async function bump(trx: Db, key: string, now: Date, windowSeconds: number): Promise<{ count: number; startedAt: string }> {
  const nowIso = now.toISOString();
  const windowStart = new Date(now.getTime() - windowSeconds * 1000).toISOString();
  const expired = sql<boolean>`museum_memory_limits.window_started_at <= ${windowStart}`;
  const row = await trx
    .insertInto('museum_memory_limits')
    .values({ key, window_started_at: nowIso, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`case when ${expired} then 1 else museum_memory_limits.count + 1 end`,
        window_started_at: sql<string>`case when ${expired} then ${nowIso} else museum_memory_limits.window_started_at end`,
      }),
    )
    .returning(['count', 'window_started_at'])
    .executeTakeFirstOrThrow();
  return { count: Number(row.count), startedAt: row.window_started_at };
}

/**
 * Takes one place under the rate limits (per hashed IP at the cooperative, and per
 * cooperative) or throws a 429 {@link MemoryError} with `retryAfterSeconds`. Both counters
 * move in one transaction: a refusal rolls both back, so refused attempts use no place. On
 * PostgreSQL the upsert locks the counter row until commit; SQLite runs one writer at a time.
 *
 * @example
 * await takeMemoryPlace(db, coopId, ipHash, new Date(), DEFAULT_MEMORY_RATE_LIMITS);
 */
export async function takeMemoryPlace(db: Db, cooperativeId: string, ipHash: string | null, now: Date, limits: MemoryRateLimits): Promise<void> {
  const checks: Array<{ key: string; limit: { count: number; windowSeconds: number }; scope: 'sender' | 'cooperative' }> = [];
  if (ipHash) checks.push({ key: `ip:${cooperativeId}:${ipHash}`, limit: limits.perIp, scope: 'sender' });
  checks.push({ key: `coop:${cooperativeId}`, limit: limits.perCooperative, scope: 'cooperative' });
  await db.transaction().execute(async (trx) => {
    for (const check of checks) {
      const { count, startedAt } = await bump(trx, check.key, now, check.limit.windowSeconds);
      if (count > check.limit.count) {
        // Never past the window: a start stamped by the database can be a moment after `now`.
        const retry = Math.min(
          check.limit.windowSeconds,
          Math.max(1, Math.ceil((Date.parse(startedAt) + check.limit.windowSeconds * 1000 - now.getTime()) / 1000)),
        );
        throw new MemoryError(
          429,
          'too_many_memories',
          check.scope === 'sender'
            ? `At most ${check.limit.count} memories may be sent from one place per ${check.limit.windowSeconds / 3600} hours.`
            : 'This museum has received as many memories as it can review for now.',
          undefined,
          retry,
        );
      }
    }
  });
}

/** Everything {@link submitMemory} needs besides the form. */
export interface SubmitMemoryInput {
  cooperativeId: string;
  form: MemorySubmission;
  /** Photo bytes as uploaded (at most 3); checked and re-encoded by the media library. */
  photos?: readonly Uint8Array[];
  /** One audio clip's bytes. */
  audio?: Uint8Array | null;
  sender: MemorySender;
  /** The rate limits (default {@link DEFAULT_MEMORY_RATE_LIMITS}); `null` for trusted callers only (the demo seed). */
  limits?: MemoryRateLimits | null;
  now?: Date;
  /** Mark as demo content (the seed). */
  demo?: boolean;
}

const PHOTO_ALT = { 'zh-CN': '村民随记忆寄来的照片', en: 'A photo sent in with a memory' };

/**
 * Receives a memory from the public form: checks the fields, takes a place under the rate
 * limits, stores the photos and audio through the media library (type and size checked by
 * their bytes, metadata stripped), then writes the memory and its media in one transaction
 * as `pending`. Anything refused leaves nothing behind: media stored for it are deleted again.
 * Nothing of it is public until {@link approveMemory}.
 *
 * @example
 * const memory = await submitMemory(db, storage, {
 *   cooperativeId: coop.id,
 *   form: { text: '小时候在老井边打水…', language: 'zh-CN', licence: 'cc-by-4.0', consent: true },
 *   photos: [jpegBytes],
 *   sender: { ip: '203.0.113.7', ipSalt: secret },
 * });
 * memory.status // 'pending'
 */
export async function submitMemory(db: Db, storage: MediaStorage, input: SubmitMemoryInput): Promise<MemoryForModeration> {
  const parsed = memorySubmissionSchema.safeParse(input.form);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'form';
    throw new MemoryError(field === 'consent' ? 422 : 400, field === 'consent' ? 'consent_required' : 'invalid_body', `${field}: ${issue.message}`, field);
  }
  const form = parsed.data;
  const photos = input.photos ?? [];
  if (photos.length > MEMORY_MEDIA_LIMITS.photos)
    throw new MemoryError(400, 'too_many_files', `At most ${MEMORY_MEDIA_LIMITS.photos} photos.`, `photos.${MEMORY_MEDIA_LIMITS.photos}`);
  const now = input.now ?? new Date();
  const ipHash = input.sender.ip ? hashSenderIp(input.sender.ip, input.sender.ipSalt) : null;
  if (input.limits !== null) await takeMemoryPlace(db, input.cooperativeId, ipHash, now, input.limits ?? DEFAULT_MEMORY_RATE_LIMITS);

  const files: Array<{ bytes: Uint8Array; kind: 'image' | 'audio'; field: string }> = [
    ...photos.map((bytes, i) => ({ bytes, kind: 'image' as const, field: `photos.${i}` })),
    ...(input.audio ? [{ bytes: input.audio, kind: 'audio' as const, field: 'audio' }] : []),
  ];
  const stored: Array<{ mediaId: string; kind: 'image' | 'audio'; owned: boolean }> = [];
  const undo = async () => {
    for (const media of stored) if (media.owned) await deleteMedia(db, storage, input.cooperativeId, media.mediaId).catch(() => undefined);
  };
  const id = newId('mem');
  try {
    for (const file of files) {
      try {
        const { item, created } = await ingestMedia(db, storage, {
          cooperativeId: input.cooperativeId,
          bytes: file.bytes,
          accept: [file.kind],
          alt: file.kind === 'image' ? PHOTO_ALT : undefined,
          limits: MEMORY_FILE_LIMITS,
        });
        stored.push({ mediaId: item.id, kind: file.kind, owned: created });
        if (file.kind === 'audio' && item.durationSeconds !== null && item.durationSeconds > MEMORY_AUDIO_MAX_SECONDS) {
          const minutes = `${Math.floor(item.durationSeconds / 60)}:${String(Math.round(item.durationSeconds % 60)).padStart(2, '0')}`;
          throw new MemoryError(
            413,
            'audio_too_long',
            `audio: a memory's recording may play at most ${MEMORY_AUDIO_MAX_SECONDS / 60} minutes; this one plays ${minutes}.`,
            file.field,
          );
        }
      } catch (error) {
        if (error instanceof MediaError) throw new MemoryError(error.status, error.code, error.message, file.field);
        throw error;
      }
    }
    const at = now.toISOString();
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('museum_memories')
        .values({
          id,
          cooperative_id: input.cooperativeId,
          contributor_name: form.name,
          contact: form.contact,
          text: form.text,
          published_text: null,
          language: form.language,
          licence: form.licence,
          consented_at: at,
          status: 'pending',
          visibility: 'public',
          moderated_by: null,
          moderated_at: null,
          rejection_note: null,
          ip_hash: ipHash,
          demo: input.demo ? 1 : 0,
          created_at: at,
          updated_at: at,
        })
        .execute();
      if (stored.length > 0)
        await trx
          .insertInto('museum_memory_media')
          .values(stored.map((m, position) => ({ memory_id: id, position, media_id: m.mediaId, kind: m.kind, owned: m.owned ? 1 : 0 })))
          .execute();
    });
  } catch (error) {
    await undo();
    throw error;
  }
  return (await loadMemoryForModeration(db, storage, input.cooperativeId, id))!;
}

async function mediaOf(db: Db, storage: MediaStorage, memoryIds: readonly string[]): Promise<Map<string, MemoryMedia[]>> {
  const out = new Map<string, MemoryMedia[]>();
  if (memoryIds.length === 0) return out;
  const rows = await db
    .selectFrom('museum_memory_media')
    .innerJoin('media', 'media.id', 'museum_memory_media.media_id')
    .select(['museum_memory_media.memory_id', 'museum_memory_media.kind', 'media.id', 'media.mime_type', 'media.files', 'media.width', 'media.height'])
    .where('museum_memory_media.memory_id', 'in', [...memoryIds])
    .orderBy('museum_memory_media.memory_id')
    .orderBy('museum_memory_media.position')
    .execute();
  for (const row of rows) {
    const files = parseJsonColumn(storedFilesSchema, row.files, { table: 'media', id: row.id, column: 'files' });
    const own = [...files].reverse().find((f) => f.mimeType === row.mime_type) ?? files.at(-1);
    if (!own) continue;
    const list = out.get(row.memory_id) ?? [];
    list.push({
      id: row.id,
      kind: row.kind as 'image' | 'audio',
      mimeType: row.mime_type,
      url: storage.url(own.key),
      width: row.width === null ? null : Number(row.width),
      height: row.height === null ? null : Number(row.height),
    });
    out.set(row.memory_id, list);
  }
  return out;
}

function moderationView(row: TerroirTables['museum_memories'], media: MemoryMedia[], links: MuseumLinks): MemoryForModeration {
  return {
    id: row.id,
    status: row.status as MemoryStatus,
    visibility: row.visibility as MemoryVisibility,
    contributorName: row.contributor_name,
    contact: row.contact,
    text: row.text,
    publishedText: row.published_text,
    language: row.language as Locale,
    licence: row.licence as MemoryLicence,
    consentedAt: row.consented_at,
    photos: media.filter((m) => m.kind === 'image'),
    audio: media.find((m) => m.kind === 'audio') ?? null,
    links,
    moderatedBy: row.moderated_by,
    moderatedAt: row.moderated_at,
    rejectionNote: row.rejection_note,
    demo: row.demo === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/**
 * One memory of a cooperative for its editors, any status; undefined for another cooperative's id.
 *
 * @example
 * const memory = await loadMemoryForModeration(db, storage, coop.id, 'mem_…');
 */
export async function loadMemoryForModeration(db: Db, storage: MediaStorage, cooperativeId: string, id: string): Promise<MemoryForModeration | undefined> {
  const row = await db.selectFrom('museum_memories').selectAll().where('cooperative_id', '=', cooperativeId).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const media = await mediaOf(db, storage, [row.id]);
  return moderationView(row, media.get(row.id) ?? [], await getMuseumLinks(db, cooperativeId, { kind: 'memory', id: row.id }));
}

/**
 * The moderation queue: pending memories first (oldest first, so none waits forever), then
 * approved and rejected ones (newest first), with counts by status.
 *
 * @example
 * const { items, counts } = await listMemoriesForModeration(db, storage, coop.id, { status: 'pending' });
 * counts.pending // 2
 */
export async function listMemoriesForModeration(
  db: Db,
  storage: MediaStorage,
  cooperativeId: string,
  query: { status?: MemoryStatus; limit?: number } = {},
): Promise<{ items: MemoryForModeration[]; counts: Record<MemoryStatus, number> }> {
  let q = db
    .selectFrom('museum_memories')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .orderBy(sql`case when status = 'pending' then 0 else 1 end`)
    .orderBy(sql`case when status = 'pending' then created_at else '' end`)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(Math.min(Math.max(query.limit ?? 100, 1), 500));
  if (query.status) q = q.where('status', '=', query.status);
  const rows = await q.execute();
  const media = await mediaOf(
    db,
    storage,
    rows.map((r) => r.id),
  );
  const items: MemoryForModeration[] = [];
  for (const row of rows) items.push(moderationView(row, media.get(row.id) ?? [], await getMuseumLinks(db, cooperativeId, { kind: 'memory', id: row.id })));
  const countRows = await db
    .selectFrom('museum_memories')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .where('cooperative_id', '=', cooperativeId)
    .groupBy('status')
    .execute();
  const counts: Record<MemoryStatus, number> = { pending: 0, approved: 0, rejected: 0 };
  for (const row of countRows) if (row.status in counts) counts[row.status as MemoryStatus] = Number(row.n);
  return { items, counts };
}

/**
 * Approves a memory (pending, rejected, or approved again to edit it): optionally with the
 * text as edited, community-only or public, and links to museum records of the same
 * cooperative, all in one transaction. Undefined for another cooperative's id.
 *
 * @example
 * await approveMemory(db, storage, coop.id, memory.id, { text: '小时候在老井边打水。', visibility: 'public', links: { places: [wellId] } }, { moderatorId: user.id });
 */
export async function approveMemory(
  db: Db,
  storage: MediaStorage,
  cooperativeId: string,
  id: string,
  approval: MemoryApproval,
  by: { moderatorId: string | null; now?: Date },
): Promise<MemoryForModeration | undefined> {
  const parsed = memoryApprovalSchema.safeParse(approval);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new MemoryError(400, 'invalid_body', `${issue.path.join('.')}: ${issue.message}`, issue.path.join('.') || 'body');
  }
  const { text, visibility, links } = parsed.data;
  const at = (by.now ?? new Date()).toISOString();
  const found = await inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('museum_memories')
      .select(['id', 'text'])
      .where('cooperative_id', '=', cooperativeId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return false;
    await setMuseumLinks(trx, cooperativeId, { kind: 'memory', id }, links).catch((error: unknown) => {
      if (error instanceof MuseumError) throw new MemoryError(422, 'unknown_reference', error.message, `links.${error.field ?? ''}`);
      throw error;
    });
    await trx
      .updateTable('museum_memories')
      .set({
        status: 'approved',
        visibility,
        published_text: text !== undefined && text !== row.text ? text : null,
        moderated_by: by.moderatorId,
        moderated_at: at,
        rejection_note: null,
        updated_at: at,
      })
      .where('id', '=', id)
      .where('cooperative_id', '=', cooperativeId)
      .execute();
    return true;
  });
  return found ? loadMemoryForModeration(db, storage, cooperativeId, id) : undefined;
}

/**
 * Rejects a memory with an optional note for the other editors; its links go, so nothing
 * of it shows anywhere public. Undefined for another cooperative's id.
 *
 * @example
 * await rejectMemory(db, storage, coop.id, memory.id, { note: '与本村无关' }, { moderatorId: user.id });
 */
export async function rejectMemory(
  db: Db,
  storage: MediaStorage,
  cooperativeId: string,
  id: string,
  input: { note?: string | null },
  by: { moderatorId: string | null; now?: Date },
): Promise<MemoryForModeration | undefined> {
  const note = optionalPlain(1000).safeParse(input.note);
  if (!note.success) throw new MemoryError(400, 'invalid_body', `note: ${note.error.issues[0]!.message}`, 'note');
  const at = (by.now ?? new Date()).toISOString();
  const found = await inTransaction(db, async (trx) => {
    const result = await trx
      .updateTable('museum_memories')
      .set({ status: 'rejected', rejection_note: note.data, moderated_by: by.moderatorId, moderated_at: at, updated_at: at })
      .where('id', '=', id)
      .where('cooperative_id', '=', cooperativeId)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await forgetMuseumRecord(trx, 'memory', id);
    return true;
  });
  return found ? loadMemoryForModeration(db, storage, cooperativeId, id) : undefined;
}

/**
 * Deletes a memory, its links and the media items it brought (those already in the library
 * before stay). `inTransaction` runs inside the delete's transaction (an admin route writes
 * its audit entry there); the media files go after the commit, which no transaction could
 * undo. False for another cooperative's id.
 *
 * @example
 * await deleteMemory(db, storage, coop.id, memory.id) // true
 */
export async function deleteMemory(
  db: Db,
  storage: MediaStorage,
  cooperativeId: string,
  id: string,
  options: { inTransaction?: (trx: Db) => Promise<void> } = {},
): Promise<boolean> {
  const owned = await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('museum_memories').select('id').where('cooperative_id', '=', cooperativeId).where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const media = await trx.selectFrom('museum_memory_media').select('media_id').where('memory_id', '=', id).where('owned', '=', 1).execute();
    await forgetMuseumRecord(trx, 'memory', id);
    await trx.deleteFrom('museum_memory_media').where('memory_id', '=', id).execute();
    await trx.deleteFrom('museum_memories').where('id', '=', id).execute();
    await options.inTransaction?.(trx);
    return media.map((m) => m.media_id);
  });
  if (owned === null) return false;
  for (const mediaId of owned) {
    // Another memory may share the item (the same photo sent twice); it keeps it.
    const shared = await db.selectFrom('museum_memory_media').select('memory_id').where('media_id', '=', mediaId).executeTakeFirst();
    if (!shared) await deleteMedia(db, storage, cooperativeId, mediaId).catch(() => undefined);
  }
  return true;
}

function publicRows(db: Db, cooperativeId: string) {
  return db
    .selectFrom('museum_memories')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .where('status', '=', 'approved')
    .where('visibility', '=', 'public')
    .where('moderated_at', 'is not', null);
}

async function publicView(db: Db, storage: MediaStorage, cooperativeId: string, rows: TerroirTables['museum_memories'][], o: MuseumReadOptions) {
  const media = await mediaOf(
    db,
    storage,
    rows.map((r) => r.id),
  );
  const items: PublicMemory[] = [];
  for (const row of rows) {
    const own = media.get(row.id) ?? [];
    const links = await museumLinkedRecords(db, cooperativeId, 'memory', row.id, o);
    items.push({
      id: row.id,
      contributorName: row.contributor_name,
      text: row.published_text ?? row.text,
      language: row.language as Locale,
      licence: row.licence as MemoryLicence,
      photos: own.filter((m) => m.kind === 'image'),
      audio: own.find((m) => m.kind === 'audio') ?? null,
      ...links,
      approvedAt: row.moderated_at!,
      demo: row.demo === 1,
    });
  }
  return items;
}

/**
 * Approved public memories of a cooperative, newest approval first, cursor-paged. Pending,
 * rejected and community-only memories are never listed; the contact never leaves core.
 * Throws `InvalidCursorError` for a cursor it did not make.
 *
 * @example
 * const { items, nextCursor } = await listPublicMemories(db, storage, coop.id, { locale: 'zh-CN', fallback: 'zh-CN', limit: 20 });
 */
export async function listPublicMemories(
  db: Db,
  storage: MediaStorage,
  cooperativeId: string,
  page: MuseumReadOptions & { limit?: number; cursor?: string },
): Promise<{ items: PublicMemory[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(page.limit ?? 20, 1), 100);
  let q = publicRows(db, cooperativeId);
  if (page.cursor) {
    const [at, id] = decodeCursor(page.cursor, 'museum-memories').key as [string, string];
    q = q.where((eb) => eb.or([eb('moderated_at', '<', at), eb.and([eb('moderated_at', '=', at), eb('id', '>', id)])]));
  }
  const rows = await q
    .orderBy('moderated_at', 'desc')
    .orderBy('id')
    .limit(limit + 1)
    .execute();
  const pageRows = rows.slice(0, limit);
  const last = pageRows.at(-1);
  return {
    items: await publicView(db, storage, cooperativeId, pageRows, page),
    nextCursor: rows.length > limit && last ? encodeCursor({ sort: 'museum-memories', key: [last.moderated_at!, last.id] }) : null,
  };
}

/**
 * One approved public memory, or undefined (pending, rejected, community-only, another cooperative's).
 *
 * @example
 * const memory = await getPublicMemory(db, storage, coop.id, 'mem_…', { locale: 'en', fallback: 'zh-CN' });
 */
export async function getPublicMemory(
  db: Db,
  storage: MediaStorage,
  cooperativeId: string,
  id: string,
  o: MuseumReadOptions,
): Promise<PublicMemory | undefined> {
  const row = await publicRows(db, cooperativeId).where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return (await publicView(db, storage, cooperativeId, [row], o))[0];
}
