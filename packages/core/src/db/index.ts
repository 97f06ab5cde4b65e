// The db module: opening a database (SQLite or PostgreSQL), migrations, the JSON column
// helpers. Row types live here for core's own modules; they are not part of the root entry.
export * from './database';
export * from './json-column';
export { describeDurability, dropPostgresSchema } from './database-settings';
export type * from './schema';
export { MIGRATIONS } from './migrations/index';
export { backupSqliteDatabase, checkTerroirSqliteFile, restoreSqliteDatabase, type SqliteFileCheck } from './sqlite-files';
