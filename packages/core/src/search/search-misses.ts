import type { Kysely, Transaction } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { searchTerms } from './search-fold';

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;

/** Distinct queries kept per cooperative; the least-recent ones go first when it is full. */
export const SEARCH_MISSES_LIMIT = 500;
const MAX_QUERY_LENGTH = 64;

/**
 * Counts a query that found nothing, normalized (folded terms joined by a space, cut to 64
 * characters). Nothing else is stored: no address, no account, no time beyond the last miss.
 *
 * @example
 * await recordSearchMiss(db, coop.id, '  梨園 ');  // counted as '梨园'
 */
export async function recordSearchMiss(db: Db, cooperativeId: string, q: string, at: Date = new Date()): Promise<void> {
  const query = [...searchTerms(q).join(' ')].slice(0, MAX_QUERY_LENGTH).join('');
  if (!query) return;
  await db
    .insertInto('search_misses')
    .values({ cooperative_id: cooperativeId, query, count: 1, last_at: at.toISOString() })
    .onConflict((oc) => oc.columns(['cooperative_id', 'query']).doUpdateSet((eb) => ({ count: eb('search_misses.count', '+', 1), last_at: at.toISOString() })))
    .execute();
  const n = await db
    .selectFrom('search_misses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('cooperative_id', '=', cooperativeId)
    .executeTakeFirst();
  const excess = Number(n?.n ?? 0) - SEARCH_MISSES_LIMIT;
  if (excess > 0) {
    const old = await db
      .selectFrom('search_misses')
      .select('query')
      .where('cooperative_id', '=', cooperativeId)
      .orderBy('last_at')
      .orderBy('count')
      .limit(excess)
      .execute();
    await db
      .deleteFrom('search_misses')
      .where('cooperative_id', '=', cooperativeId)
      .where(
        'query',
        'in',
        old.map((o) => o.query),
      )
      .execute();
  }
}

export interface SearchMiss {
  query: string;
  count: number;
  lastAt: string;
}

/**
 * The queries that found nothing, most frequent first.
 *
 * @example
 * const misses = await listSearchMisses(db, coop.id, { limit: 50 });
 */
export async function listSearchMisses(db: Db, cooperativeId: string, options: { limit?: number } = {}): Promise<SearchMiss[]> {
  const limit = Math.min(Math.max(options.limit ?? 50, 1), 200);
  const rows = await db
    .selectFrom('search_misses')
    .selectAll()
    .where('cooperative_id', '=', cooperativeId)
    .orderBy('count', 'desc')
    .orderBy('last_at', 'desc')
    .orderBy('query')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ query: r.query, count: Number(r.count), lastAt: r.last_at }));
}
