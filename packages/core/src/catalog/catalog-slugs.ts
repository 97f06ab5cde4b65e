import type { Kysely } from 'kysely';
import type { TerroirTables } from '../db/schema';

/**
 * Whether a producer or product slug is used in a cooperative already (optionally by a
 * record other than `exceptId`, for edits). Slugs are unique per cooperative and kind.
 *
 * @example
 * if (await catalogSlugInUse(db, 'products', coop.id, 'laiyang-pear')) refuse();
 */
export async function catalogSlugInUse(
  db: Kysely<TerroirTables>,
  kind: 'producers' | 'products',
  cooperativeId: string,
  slug: string,
  exceptId?: string,
): Promise<boolean> {
  let query = db.selectFrom(kind).select('id').where('cooperative_id', '=', cooperativeId).where('slug', '=', slug);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}
