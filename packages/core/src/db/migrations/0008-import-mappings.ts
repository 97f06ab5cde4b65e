import type { Kysely } from 'kysely';

/**
 * Import mappings (issue 13): per cooperative, the column mapping of its last spreadsheet
 * import (header text → field) and its own category and unit words, suggested first at the
 * next import. One row per cooperative; JSON columns as text on both dialects.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_mappings')
    .addColumn('cooperative_id', 'text', (c) => c.primaryKey().references('cooperatives.id').onDelete('cascade'))
    .addColumn('columns_json', 'text', (c) => c.notNull())
    .addColumn('category_words_json', 'text', (c) => c.notNull())
    .addColumn('unit_words_json', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_mappings').ifExists().execute();
}
