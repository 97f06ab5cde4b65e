// Backup and restore of a SQLite database file, for the `terroir backup` / `terroir restore`
// commands. PostgreSQL has its own tools (pg_dump / pg_restore); these refuse it.
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { loadOptionalPackage } from '../runtime/optional-package';
import type { TerroirDatabase } from './database';
import { MIGRATIONS } from './migrations/index';
import { sqliteHandleOf } from './sqlite-handle';

/** Why a file cannot be restored, or the migrations it carries. */
export type SqliteFileCheck = { ok: true; migrations: string[] } | { ok: false; reason: string };

/**
 * Copies an open SQLite database to `file` with SQLite's online backup API: consistent while the
 * site keeps serving and writing. Refuses an existing `file` unless `overwrite`, and PostgreSQL.
 *
 * @example
 * const database = await openDatabase({ url: 'file:./terroir.sqlite' });
 * await backupSqliteDatabase(database, './backups/2026-12-03.sqlite');
 */
export async function backupSqliteDatabase(database: TerroirDatabase, file: string, options: { overwrite?: boolean } = {}): Promise<{ pages: number }> {
  const handle = sqliteHandleOf(database.db);
  if (database.dialect !== 'sqlite' || !handle) throw new Error('backup works on SQLite only; on PostgreSQL use pg_dump');
  if (existsSync(file) && !options.overwrite) throw new Error(`${file} exists; pass --force to overwrite it`);
  // Into a temporary name first: an interrupted backup never leaves a half file under the real name.
  mkdirSync(dirname(file), { recursive: true });
  const partial = join(dirname(file), `.${basename(file)}.partial`);
  rmSync(partial, { force: true });
  const result = await handle.backup(partial);
  renameSync(partial, file);
  return { pages: result.totalPages };
}

/**
 * Says whether `file` is a Terroir SQLite database: it opens read-only, has Kysely's migrations
 * table and every migration recorded there is one this version knows.
 *
 * @example
 * const check = await checkTerroirSqliteFile('./backups/2026-12-03.sqlite');
 * if (!check.ok) console.error(check.reason);
 */
export async function checkTerroirSqliteFile(file: string): Promise<SqliteFileCheck> {
  if (!existsSync(file)) return { ok: false, reason: `${file} does not exist` };
  const { default: BetterSqlite3 } = await loadOptionalPackage('better-sqlite3', () => import('better-sqlite3'), 'A SQLite database');
  let sqlite: InstanceType<typeof BetterSqlite3> | undefined;
  try {
    sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return { ok: false, reason: `${file} is not a SQLite database (${(error as Error).message})` };
  }
  try {
    const table = sqlite.prepare("select name from sqlite_master where type = 'table' and name = 'kysely_migration'").get();
    if (!table) return { ok: false, reason: `${file} is not a Terroir database (no migrations table)` };
    const names = (sqlite.prepare('select name from kysely_migration order by name').all() as Array<{ name: string }>).map((row) => row.name);
    const known = new Set(Object.keys(MIGRATIONS));
    const unknown = names.filter((name) => !known.has(name));
    if (names.length === 0) return { ok: false, reason: `${file} is not a Terroir database (no migration applied)` };
    if (unknown.length > 0)
      return { ok: false, reason: `${file} has migrations this version does not know (${unknown.join(', ')}): restore it with a newer Terroir` };
    return { ok: true, migrations: names };
  } catch (error) {
    return { ok: false, reason: `${file} is not a SQLite database (${(error as Error).message})` };
  } finally {
    sqlite.close();
  }
}

/**
 * Replaces the SQLite database at `target` with the backup `source`, after checking that the
 * source is a Terroir database. Never overwrites an existing target unless `overwrite`; the
 * copy lands under a temporary name and is renamed over the target, so a failure loses nothing.
 * Stop the site first: an open connection would keep reading the old file.
 *
 * @example
 * await restoreSqliteDatabase('./backups/2026-12-03.sqlite', './terroir.sqlite', { overwrite: true });
 */
export async function restoreSqliteDatabase(source: string, target: string, options: { overwrite?: boolean } = {}): Promise<{ migrations: string[] }> {
  const check = await checkTerroirSqliteFile(source);
  if (!check.ok) throw new Error(check.reason);
  if (existsSync(target) && !options.overwrite) throw new Error(`${target} exists; pass --force to replace it with ${source}`);
  const partial = join(dirname(target), `.${basename(target)}.restoring`);
  copyFileSync(source, partial);
  // The old database's write-ahead log belongs to the old file: it must not be replayed onto the new one.
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(partial, target);
  return { migrations: check.migrations };
}
