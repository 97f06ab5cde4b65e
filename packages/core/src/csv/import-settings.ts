import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import { PRODUCT_CATEGORIES, SALE_UNITS } from '../catalog/types';
import type { TerroirTables } from '../db/schema';
import { parseJsonColumn, toJsonColumn } from '../db/json-column';
import { IMPORT_FIELDS, type ColumnMapping } from './column-mapping';
import type { ImportWordTables } from './import-words';

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;

/** Row shape of `import_mappings` (migration 0008). */
export interface ImportMappingsTable {
  cooperative_id: string;
  columns_json: string;
  category_words_json: string;
  unit_words_json: string;
  updated_by: string | null;
  updated_at: string;
}

/** What a cooperative's imports remember: the last column mapping and its own words. */
export interface ImportSettings {
  columns: ColumnMapping;
  words: ImportWordTables;
  updatedAt: string | null;
}

const columnsSchema = z.record(z.string(), z.enum(IMPORT_FIELDS).nullable());
const categoriesSchema = z.record(z.string(), z.enum(PRODUCT_CATEGORIES));
const unitsSchema = z.record(z.string(), z.enum(SALE_UNITS));

/**
 * The cooperative's remembered mapping and words (empty until its first saved import).
 *
 * @example
 * const { columns, words } = await loadImportSettings(db, coop.id);
 */
export async function loadImportSettings(db: Db, cooperativeId: string): Promise<ImportSettings> {
  const row = await db.selectFrom('import_mappings').selectAll().where('cooperative_id', '=', cooperativeId).executeTakeFirst();
  if (!row) return { columns: {}, words: { categories: {}, units: {} }, updatedAt: null };
  const ref = (column: string) => ({ table: 'import_mappings', id: cooperativeId, column });
  return {
    columns: parseJsonColumn(columnsSchema, row.columns_json, ref('columns_json')),
    words: {
      categories: parseJsonColumn(categoriesSchema, row.category_words_json, ref('category_words_json')),
      units: parseJsonColumn(unitsSchema, row.unit_words_json, ref('unit_words_json')),
    },
    updatedAt: row.updated_at,
  };
}

/**
 * Remembers a cooperative's mapping and words (replacing what was stored) in one upsert.
 * Callers validate first (`mappingIssues`, `wordTableProblems`).
 *
 * @example
 * await saveImportSettings(db, coop.id, { columns: { 品名: 'title_zh', 售价: 'price' }, words: { categories: { 山货: 'processed' }, units: {} } }, userId);
 */
export async function saveImportSettings(
  db: Db,
  cooperativeId: string,
  settings: { columns: ColumnMapping; words: ImportWordTables },
  userId: string | null = null,
): Promise<ImportSettings> {
  const at = new Date().toISOString();
  const values = {
    columns_json: toJsonColumn(columnsSchema.parse(settings.columns)),
    category_words_json: toJsonColumn(categoriesSchema.parse(settings.words.categories)),
    unit_words_json: toJsonColumn(unitsSchema.parse(settings.words.units)),
    updated_by: userId,
    updated_at: at,
  };
  await db
    .insertInto('import_mappings')
    .values({ cooperative_id: cooperativeId, ...values })
    .onConflict((oc) => oc.column('cooperative_id').doUpdateSet(values))
    .execute();
  return { columns: settings.columns, words: settings.words, updatedAt: at };
}
