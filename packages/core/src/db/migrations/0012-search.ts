import { sql, SqliteAdapter, type Kysely } from 'kysely';

/**
 * Search that understands Chinese (issue 10): one row per public document (product, story,
 * chronicle entry) with folded keys (titles + pinyin, summaries, bodies), a substring index
 * over them (SQLite FTS5 trigram, PostgreSQL pg_trgm GIN) and a table of one- and
 * two-character grams for queries too short for trigrams. Existing records are indexed by 0015-search-compact.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable('search_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('cooperative_id', 'text', (c) => c.notNull().references('cooperatives.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('title_key', 'text', (c) => c.notNull())
    .addColumn('summary_key', 'text', (c) => c.notNull())
    .addColumn('body_key', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('search_documents_coop_idx').on('search_documents').columns(['cooperative_id', 'type', 'id']).execute();
  await db.schema
    .createTable('search_grams')
    .addColumn('cooperative_id', 'text', (c) => c.notNull())
    .addColumn('gram', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_grams_pk', ['cooperative_id', 'gram', 'document_id'])
    // On SQLite the primary key is the table (no second copy in a rowid table): half the size.
    .$call((b) => (isSqlite ? b.modifyEnd(sql`without rowid`) : b))
    .execute();
  await db.schema.createIndex('search_grams_document_idx').on('search_grams').column('document_id').execute();
  await db.schema
    .createTable('search_misses')
    .addColumn('cooperative_id', 'text', (c) => c.notNull().references('cooperatives.id').onDelete('cascade'))
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_misses_pk', ['cooperative_id', 'query'])
    .execute();
  if (isSqlite) {
    // rowid of search_fts = rowid of search_documents.
    await sql`create virtual table search_fts using fts5(title_key, summary_key, body_key, tokenize = 'trigram')`.execute(db);
  } else {
    // One extension per database, shared by every schema (tests and tenants use schemas):
    // its operator class is named with the schema it lives in, wherever that is.
    // Schemas migrating at once (parallel tests, tenants) would race to create it: one at a time.
    await sql`select pg_advisory_xact_lock(hashtext('terroir:pg_trgm'))`.execute(db);
    await sql`create extension if not exists pg_trgm with schema public`.execute(db);
    const found = await sql<{
      schema: string;
    }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
    const ops = sql.raw(`"${found.rows[0]!.schema.replace(/"/g, '""')}".gin_trgm_ops`);
    for (const column of ['title_key', 'summary_key', 'body_key']) {
      await sql`create index ${sql.id(`search_documents_${column}_trgm`)} on search_documents using gin (${sql.id(column)} ${ops})`.execute(db);
    }
  }
  // Existing records are indexed by 0015-search-compact, which runs later (after 0013 and 0014): the indexing code
  // writes the compact layout, which does not exist yet at this point.
}

export async function down(db: Kysely<any>): Promise<void> {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  if (isSqlite) await sql`drop table if exists search_fts`.execute(db);
  await db.schema.dropTable('search_misses').execute();
  await db.schema.dropTable('search_grams').execute();
  await db.schema.dropTable('search_documents').execute();
}
