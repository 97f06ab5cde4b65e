// The raw better-sqlite3 handle behind a Kysely instance stays inside core: no entry exports this
// file, so no published declaration names better-sqlite3's types (a consumer on PostgreSQL, or one
// without @types/better-sqlite3, typechecks our .d.ts with skipLibCheck off).
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';

/** The better-sqlite3 handle behind each Kysely instance `openDatabase` made on SQLite. */
const sqliteHandles = new WeakMap<object, BetterSqlite3.Database>();

/** Called by `openDatabase` for every SQLite database it opens. */
export function rememberSqliteHandle(db: object, handle: BetterSqlite3.Database): void {
  sqliteHandles.set(db, handle);
}

/**
 * The better-sqlite3 handle behind a Kysely instance opened by `openDatabase`, for the
 * rare hot read that cannot afford Kysely's per-query overhead (~60 µs: connection mutex,
 * query id, a fresh `prepare`). Only for read-only pragmas, the online backup and the like: all
 * writes go through Kysely so they stay serialised with its transactions. `undefined` on
 * PostgreSQL, or for a Kysely instance made elsewhere.
 *
 * @example
 * const version = sqliteHandleOf(db)?.prepare('select data_version from pragma_data_version').pluck().get();
 */
export function sqliteHandleOf(db: Kysely<any>): BetterSqlite3.Database | undefined {
  return sqliteHandles.get(db);
}

/**
 * The part of a better-sqlite3 handle Kysely uses (`prepare`, `close`), with prepared statements
 * reused by SQL text, least recently used dropped first. A statement still busy (a streaming
 * query open on it) is never handed out twice: a fresh one is prepared for the second caller.
 */
export function withStatementCache(sqlite: BetterSqlite3.Database, capacity: number) {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(source: string): BetterSqlite3.Statement {
      const cached = cache.get(source);
      if (cached && !cached.busy) {
        cache.delete(source);
        cache.set(source, cached);
        return cached;
      }
      const statement = sqlite.prepare(source);
      if (!cached) {
        if (cache.size >= capacity) cache.delete(cache.keys().next().value as string);
        cache.set(source, statement);
      }
      return statement;
    },
  };
}
