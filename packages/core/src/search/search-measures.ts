import { sql, SqliteAdapter, type Kysely } from 'kysely';
import { escapeLike } from '../catalog/search-text';
import type { TerroirTables } from '../db/schema';

type Db = Kysely<TerroirTables>;

/**
 * The search as it was before the index (`search_text LIKE '%…%'` over products and public
 * stories, no ranking): kept as the baseline `bench/search.ts` measures the index against.
 * Not for serving: use `searchDocuments`.
 *
 * @example
 * await likeSearchBaseline(db, coop.id, 'pear'); // two unranked full scans
 */
export async function likeSearchBaseline(db: Db, cooperativeId: string, q: string): Promise<number> {
  const like = `%${escapeLike(q.toLowerCase())}%`;
  const [products, stories] = await Promise.all([
    db
      .selectFrom('products')
      .select(['id', 'slug', 'title', 'summary', 'price_from_minor'])
      .where('cooperative_id', '=', cooperativeId)
      .where('status', '=', 'active')
      .where(sql<boolean>`search_text like ${like} escape '\\'`)
      .orderBy('position')
      .orderBy('id')
      .limit(20)
      .execute(),
    db
      .selectFrom('stories')
      .select(['id', 'slug', 'title', 'summary'])
      .where('cooperative_id', '=', cooperativeId)
      .where('visibility', '=', 'public')
      .where('status', '=', 'published')
      .where(sql<boolean>`search_text like ${like} escape '\\'`)
      .orderBy('position')
      .orderBy('id')
      .limit(20)
      .execute(),
  ]);
  return products.length + stories.length;
}

/**
 * Bytes the search index takes on disk (its tables and indexes), or null where the engine
 * cannot say (a SQLite build without the `dbstat` table).
 *
 * @example
 * const bytes = await searchIndexBytes(db); // reported per 10k products in docs/benchmarks.md
 */
export async function searchIndexBytes(db: Db): Promise<number | null> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    const rows = await sql<{ bytes: number | null }>`select sum(pgsize) as bytes from dbstat where name like 'search%'`.execute(db).catch(() => ({ rows: [] }));
    const bytes = rows.rows[0]?.bytes;
    return bytes == null ? null : Number(bytes);
  }
  // The grams are a column of search_documents (migration 0015-search-compact); title parts
  // have their own table (0017-search-postgres).
  const rows = await sql<{ bytes: string }>`select (pg_total_relation_size('search_documents')
    + coalesce(pg_total_relation_size(to_regclass('search_title_parts')), 0))::text as bytes`.execute(db);
  return Number(rows.rows[0]!.bytes);
}
