import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * The engine and the settings that decide how durable a commit is, in one line: every
 * benchmark figure states it (a PostgreSQL with `fsync=off` and a SQLite with
 * `synchronous=FULL` are not comparable).
 *
 * @example
 * await describeDurability(db) // 'PostgreSQL 15.18 (fsync=on, full_page_writes=on, synchronous_commit=on)'
 */
export async function describeDurability(db: Kysely<any>): Promise<string> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    const journal = (await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db)).rows[0]?.journal_mode;
    const synchronous = Number((await sql<{ synchronous: number }>`pragma synchronous`.execute(db)).rows[0]?.synchronous);
    const level = ['OFF', 'NORMAL', 'FULL', 'EXTRA'][synchronous] ?? String(synchronous);
    return `SQLite (journal_mode=${journal}, synchronous=${level})`;
  }
  const settings = await sql<{
    name: string;
    setting: string;
  }>`select name, setting from pg_settings where name in ('fsync', 'synchronous_commit', 'full_page_writes') order by name`.execute(db);
  const version = (await sql<{ server_version: string }>`show server_version`.execute(db)).rows[0]?.server_version;
  return `PostgreSQL ${version} (${settings.rows.map((r) => `${r.name}=${r.setting}`).join(', ')})`;
}

/**
 * Drops a PostgreSQL schema and everything in it (benchmarks and tests that made a
 * throwaway one). Does nothing when it does not exist.
 *
 * @example
 * await dropPostgresSchema(admin.db, 'bench_12345');
 */
export async function dropPostgresSchema(db: Kysely<any>, schema: string): Promise<void> {
  await db.schema.dropSchema(schema).ifExists().cascade().execute();
}
