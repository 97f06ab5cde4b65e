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

/** What Kysely's SQLite driver calls on a prepared statement. */
export interface DriverStatement {
  readonly reader: boolean;
  all(parameters: readonly unknown[]): unknown[];
  run(parameters: readonly unknown[]): BetterSqlite3.RunResult;
  iterate(parameters: readonly unknown[]): IterableIterator<unknown>;
}

/**
 * A function making a row object from a raw row: one object literal with the statement's column
 * names as keys (`JSON.stringify` quotes them, so any name is a safe key; `__proto__` is never
 * passed), which V8 builds with one fixed shape about ten times faster than adding the keys one
 * by one. Where code cannot be generated from strings (`--disallow-code-generation-from-strings`),
 * the keys are added one by one.
 */
function rowMaker(names: readonly string[]): (values: unknown[]) => Record<string, unknown> {
  try {
    return new Function('v', `return { ${names.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(', ')} };`) as (
      values: unknown[],
    ) => Record<string, unknown>;
  } catch {
    return (values) => {
      const row: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) row[names[i]!] = values[i];
      return row;
    };
  }
}

/**
 * A statement that returns rows reads them as arrays (better-sqlite3's raw mode) and makes the
 * row objects in JavaScript: better-sqlite3 building each object natively took 15–30 % more CPU
 * on the product list's queries. Same objects (column order, last of duplicate names wins). Only
 * for SQL without `*`: then the column names are fixed by the SQL text, whereas `select *` may
 * return other columns once SQLite re-prepares the statement after a schema change.
 */
function driverStatement(source: string, statement: BetterSqlite3.Statement): DriverStatement {
  if (!statement.reader || source.includes('*')) return statement as unknown as DriverStatement;
  const names = statement.columns().map((column) => column.name);
  // A column named __proto__ would set the prototype of a plain object: leave those to better-sqlite3.
  if (names.includes('__proto__')) return statement as unknown as DriverStatement;
  statement.raw(true);
  const rowOf = rowMaker(names);
  return {
    reader: true,
    all: (parameters) => (statement.all(parameters) as unknown[][]).map(rowOf),
    run: (parameters) => statement.run(parameters),
    *iterate(parameters) {
      for (const values of statement.iterate(parameters) as IterableIterator<unknown[]>) yield rowOf(values);
    },
  };
}

/**
 * The part of a better-sqlite3 handle Kysely uses (`prepare`, `close`), with prepared statements
 * reused by SQL text, least recently used dropped first, and rows read as arrays (see
 * `driverStatement`). A statement still busy (a streaming query open on it) is never handed out
 * twice: a fresh one is prepared for the second caller. A statement whose tables changed shape
 * (a migration) is re-prepared by SQLite itself on its next run.
 */
export function withStatementCache(sqlite: BetterSqlite3.Database, capacity: number) {
  const cache = new Map<string, { statement: BetterSqlite3.Statement; driver: DriverStatement }>();
  return {
    close: () => sqlite.close(),
    prepare(source: string): DriverStatement {
      const cached = cache.get(source);
      if (cached && !cached.statement.busy) {
        cache.delete(source);
        cache.set(source, cached);
        return cached.driver;
      }
      const statement = sqlite.prepare(source);
      const driver = driverStatement(source, statement);
      if (!cached) {
        if (cache.size >= capacity) cache.delete(cache.keys().next().value as string);
        cache.set(source, { statement, driver });
      }
      return driver;
    },
  };
}
