// The public surface of @terroir/core, one module per domain (see docs/architecture.md).
// Each module is also its own entry: `@terroir/core/catalog`, `@terroir/core/stories`, ….
// Row types and the raw SQLite handle stay inside core (`@terroir/core/db` for core's
// own tests and tools).
export * from './locale/index';
export * from './money/index';
export * from './cooperatives/index';
export * from './catalog/index';
export * from './stories/index';
export * from './inventory/index';
export * from './cart/index';
export * from './orders/index';
export * from './payments/index';
export * from './accounts/index';
export * from './csv/index';
export * from './museum/index';
export * from './search/index';
export * from './media/index';
export { MissingPackageError, loadOptionalPackage } from './runtime/optional-package';
export * from './html/json-in-html';
export * from './html/escape-html';
export * from './http-cache/entity-tags';
export {
  openDatabase,
  isPostgresUrl,
  migrateToLatest,
  databaseReadiness,
  type DatabaseReadiness,
  SQLITE_PRAGMAS,
  type DialectName,
  type DatabaseCapabilities,
  type TerroirDatabase,
  type OpenDatabaseOptions,
} from './db/database';
export { CorruptRowError, parseJsonColumn, parseOptionalJsonColumn, toJsonColumn, type ColumnRef } from './db/json-column';
export { describeDurability, dropPostgresSchema } from './db/database-settings';
export { MIGRATIONS } from './db/migrations/index';
export { backupSqliteDatabase, checkTerroirSqliteFile, restoreSqliteDatabase, type SqliteFileCheck } from './db/sqlite-files';
