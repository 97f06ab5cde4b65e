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
