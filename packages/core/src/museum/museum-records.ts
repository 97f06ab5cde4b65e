import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { TerroirTables } from '../db/schema';
import { LOCALES } from '../locale/locale';

/** Why a museum write was refused; `status` is the HTTP status an API answers with. */
export class MuseumError extends Error {
  override readonly name = 'MuseumError';
  constructor(
    readonly status: 404 | 409 | 422,
    readonly code: 'slug_taken' | 'unknown_reference' | 'not_found' | 'wrong_media_kind',
    message: string,
    /** The input field at fault, dotted (`links.products.0`). */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** A URL-safe slug, unique per cooperative and record type. */
export const museumSlugSchema = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case letters, digits and single hyphens (old-well)');

const text = (max: number) =>
  z
    .string()
    .max(max)
    // Control characters other than tab and newline are never part of a text.
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { message: 'control characters are not allowed' });

/**
 * A localized text (zh-CN / en) of at most `max` characters per locale.
 *
 * @example
 * localizedInput(200).parse({ 'zh-CN': '老井' }) // { 'zh-CN': '老井' }
 */
export const localizedInput = (max: number) => z.partialRecord(z.enum(LOCALES), text(max));
/**
 * A localized text with at least one non-blank locale (names, titles).
 *
 * @example
 * requiredLocalizedInput(120).safeParse({ en: ' ' }).success // false
 */
export const requiredLocalizedInput = (max: number) =>
  localizedInput(max).refine((value) => Object.values(value).some((v) => typeof v === 'string' && v.trim() !== ''), {
    message: 'give it in at least one language',
  });

export const museumVisibilitySchema = z.enum(['public', 'community']);
export const museumStatusSchema = z.enum(['draft', 'published']);
/** A media id as the media library makes them. */
export const mediaIdSchema = z.string().min(1).max(100);

/**
 * An ordered list of media ids: at most `max`, none twice.
 *
 * @example
 * mediaListSchema(20).safeParse(['med_a', 'med_a']).success // false
 */
export const mediaListSchema = (max: number) =>
  z
    .array(mediaIdSchema)
    .max(max)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'the same media item is listed twice' });

type Db = Kysely<TerroirTables>;
type MediaKind = 'image' | 'audio' | 'video';

/**
 * Refuses media ids that are not this cooperative's (422 `unknown_reference`) or not of the
 * kind wanted (422 `wrong_media_kind`, "med_… is an image; a recording must be audio"), with a
 * {@link MuseumError} naming the field.
 *
 * @example
 * await assertOwnMedia(db, coopId, place.media, (i) => `media.${i}`);
 * await assertOwnMedia(db, coopId, person.recordings, (i) => `recordings.${i}`, 'audio');
 */
export async function assertOwnMedia(
  db: Db,
  cooperativeId: string,
  ids: readonly string[],
  field: string | ((index: number) => string),
  kind?: MediaKind,
): Promise<void> {
  if (ids.length === 0) return;
  const rows = await db
    .selectFrom('media')
    .select(['id', 'kind'])
    .where('cooperative_id', '=', cooperativeId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  const found = new Map(rows.map((r) => [r.id, r.kind]));
  ids.forEach((id, i) => {
    const k = found.get(id);
    const at = typeof field === 'string' ? field : field(i);
    if (!k) throw new MuseumError(422, 'unknown_reference', `${kind ?? 'media'} ${id} is not in this cooperative's media library`, at);
    if (kind && k !== kind) {
      const article = k === 'image' ? 'an image' : k === 'audio' ? 'a recording' : 'a video';
      throw new MuseumError(
        422,
        'wrong_media_kind',
        `${id} is ${article}; ${kind === 'audio' ? 'audio' : `${kind === 'image' ? 'an image' : 'a video'}`} is needed here`,
        at,
      );
    }
  });
}

/**
 * The timestamp of a write, as stored.
 *
 * @example
 * stamp(new Date(0)) // '1970-01-01T00:00:00.000Z'
 */
export const stamp = (at: Date) => at.toISOString();

/**
 * Runs `work` in a transaction, or inside the caller's when `db` already is one (an admin route
 * writes the record and its audit entry together).
 *
 * @example
 * await inTransaction(db, async (trx) => { await forgetMuseumRecord(trx, 'place', id); … });
 */
export function inTransaction<T>(db: Db, work: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
