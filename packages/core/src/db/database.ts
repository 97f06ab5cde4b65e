import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type MigrationProvider } from 'kysely';
import { MIGRATIONS } from './migrations/index';
import type { TerroirTables } from './schema';
import { loadOptionalPackage } from '../runtime/optional-package';
import { rememberSqliteHandle, withStatementCache } from './sqlite-handle';

/** Which engine is behind a {@link TerroirDatabase}. */
export type DialectName = 'sqlite' | 'postgres';

/**
 * What the engine can do, declared rather than sniffed from its name elsewhere
 * (the Kysely habit).
 */
export interface DatabaseCapabilities {
  /** `SELECT … FOR UPDATE` row locks (PostgreSQL). SQLite serialises writers instead. */
  rowLocks: boolean;
  /** Several processes may write at once (PostgreSQL); SQLite is one writer at a time. */
  concurrentWriters: boolean;
}

/** An open database with Terroir's schema migrated. */
export interface TerroirDatabase {
  db: Kysely<TerroirTables>;
  dialect: DialectName;
  capabilities: DatabaseCapabilities;
  /** Closes the pool or file handle. */
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /**
   * `postgres://…` for PostgreSQL; `file:path`, a plain path, or `:memory:` for SQLite.
   * Defaults to `DATABASE_URL`, then to `./terroir.sqlite`.
   */
  url?: string;
  /** PostgreSQL schema to use (created if missing); lets tests and tenants share a server. */
  schema?: string;
  /** Run pending migrations before returning (default true). */
  migrate?: boolean;
  /** PostgreSQL pool size (default 10). */
  poolSize?: number;
  /**
   * SQLite: prepared statements kept for reuse, by SQL text (default 500; 0 prepares every
   * query afresh). Kysely asks the driver to prepare each query it runs; reusing the statement
   * for the same SQL skips SQLite's parse and plan on every repeated query.
   */
  statementCache?: number;
}

/**
 * The SQLite pragmas we set on every connection, and why:
 * - WAL: readers never block the writer, and the writer never blocks readers.
 * - foreign_keys: SQLite leaves them off by default; our links rely on them.
 * - synchronous=FULL: every acknowledged write (a paid order above all) survives a power
 *   cut. NORMAL would be faster per commit, but a cooperative's write rate is far below
 *   what one WAL fsync per commit costs, and money must not be lost.
 * - busy_timeout: a second process (a CLI import, a reconciliation run) waits its turn
 *   instead of failing at once with SQLITE_BUSY.
 */
export const SQLITE_PRAGMAS = {
  journal_mode: 'WAL',
  foreign_keys: 'ON',
  synchronous: 'FULL',
  busy_timeout: '5000',
} as const;

/**
 * Opens Terroir's database (SQLite by default, PostgreSQL for `postgres://` URLs) and
 * brings its schema up to date.
 *
 * @example
 * const { db, close } = await openDatabase({ url: 'file:./village.sqlite' });
 * const coops = await db.selectFrom('cooperatives').selectAll().execute();
 * await close();
 */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<TerroirDatabase> {
  const url = options.url ?? process.env.DATABASE_URL ?? 'file:./terroir.sqlite';
  const database = isPostgresUrl(url) ? await openPostgres(url, options) : await openSqlite(url, options);
  if (options.migrate !== false) {
    try {
      await migrateToLatest(database.db, isPostgresUrl(url) && options.schema ? { schema: options.schema } : {});
    } catch (error) {
      await database.close();
      throw error;
    }
  }
  return database;
}

/** True for `postgres://` and `postgresql://` URLs. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

async function openSqlite(url: string, options: OpenDatabaseOptions): Promise<TerroirDatabase> {
  // Loaded on demand: a PostgreSQL deployment never needs better-sqlite3 compiled.
  const { default: BetterSqlite3 } = await loadOptionalPackage('better-sqlite3', () => import('better-sqlite3'), 'A SQLite database');
  // `:memory:` and `file::memory:` (with or without `?options`) are in-memory databases; an
  // exact comparison once let `file::memory:` through as a relative path, and a file named
  // ":memory:" appeared in whatever folder the script ran from.
  const bare = url.replace(/^file:/, '');
  const path = /^:memory:(\?.*)?$/.test(bare) ? ':memory:' : resolve(bare);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new BetterSqlite3(path);
  for (const [name, value] of Object.entries(SQLITE_PRAGMAS)) sqlite.pragma(`${name} = ${value}`);
  const statements = options.statementCache ?? 500;
  const db = new Kysely<TerroirTables>({ dialect: new SqliteDialect({ database: statements > 0 ? withStatementCache(sqlite, statements) : sqlite }) });
  rememberSqliteHandle(db, sqlite);
  return {
    db,
    dialect: 'sqlite',
    capabilities: { rowLocks: false, concurrentWriters: false },
    close: () => db.destroy(),
  };
}

async function openPostgres(url: string, options: OpenDatabaseOptions): Promise<TerroirDatabase> {
  const { default: pg } = await loadOptionalPackage('pg', () => import('pg'), 'A PostgreSQL database');
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`Invalid PostgreSQL schema name: ${schema}`);
  }
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`create schema if not exists ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<TerroirTables>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    capabilities: { rowLocks: true, concurrentWriters: true },
    close: () => db.destroy(),
  };
}

const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};

/**
 * Applies every pending migration. Safe to run twice and from two processes at once
 * (Kysely takes a lock and records what ran).
 *
 * @example
 * await migrateToLatest(db);
 */
export async function migrateToLatest(db: Kysely<any>, options: { schema?: string } = {}): Promise<void> {
  // Kysely looks for its migration tables in *every* schema unless told which one: without
  // this, a second schema on the same server (parallel tests, tenants) skips creating them.
  const migrator = new Migrator({ db, provider: migrationProvider, ...(options.schema ? { migrationTableSchema: options.schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

/** What `/readyz` needs to know about the database. */
export interface DatabaseReadiness {
  /** The database answered a query. */
  reachable: boolean;
  /** Migrations this code knows that the database has not run, oldest first (empty when current). */
  pendingMigrations: string[];
  /** Why the database could not be read, when it could not (no credentials, no SQL). */
  problem?: string;
}

/**
 * Whether the database answers and has run every migration this code knows: the check behind a
 * readiness probe. Never throws; an unreachable database is `reachable: false`.
 *
 * @example
 * const { reachable, pendingMigrations } = await databaseReadiness(db);
 * if (!reachable || pendingMigrations.length > 0) console.log('not ready');
 */
export async function databaseReadiness(db: Kysely<any>, options: { schema?: string } = {}): Promise<DatabaseReadiness> {
  try {
    const migrator = new Migrator({ db, provider: migrationProvider, ...(options.schema ? { migrationTableSchema: options.schema } : {}) });
    const migrations = await migrator.getMigrations();
    return { reachable: true, pendingMigrations: migrations.filter((m) => m.executedAt === undefined).map((m) => m.name) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { reachable: false, pendingMigrations: [], problem: typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown' };
  }
}
