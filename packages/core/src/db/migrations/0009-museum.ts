import type { Kysely } from 'kysely';

/**
 * The village museum, first table (issue 11): chronicle entries (村史) with a sortable date.
 * Places, people, halls and memories sent in come in later migrations.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('chronicle_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cooperative_id', 'text', (c) => c.notNull().references('cooperatives.id').onDelete('cascade'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('sort_key', 'integer', (c) => c.notNull())
    .addColumn('from_year', 'integer', (c) => c.notNull())
    .addColumn('to_year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('chronicle_entries_slug_unique', ['cooperative_id', 'slug'])
    .execute();
  await db.schema.createIndex('chronicle_entries_timeline_idx').on('chronicle_entries').columns(['cooperative_id', 'sort_key', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('chronicle_entries').execute();
}
