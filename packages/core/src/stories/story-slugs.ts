import type { Kysely } from 'kysely';
import type { TerroirTables } from '../db/schema';

/**
 * Whether a story slug is used in a cooperative already (optionally by a story other than
 * `exceptId`, for edits).
 *
 * @example
 * if (await storySlugInUse(db, coop.id, 'grafting-craft')) refuse();
 */
export async function storySlugInUse(db: Kysely<TerroirTables>, cooperativeId: string, slug: string, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom('stories').select('id').where('cooperative_id', '=', cooperativeId).where('slug', '=', slug);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.executeTakeFirst()) !== undefined;
}
