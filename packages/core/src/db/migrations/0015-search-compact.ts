import { sql, SqliteAdapter, type Kysely } from 'kysely';
import { reindexAll } from '../../search/search-index';

/*
 * Issue 10, second step: a smaller, faster search index, rebuilt from the existing records.
 *
 * SQLite: the one- and two-character grams move from the `search_grams` table (a text row per
 * cooperative, gram and document, plus an index on the document: ~74 rows and ~10 KB per
 * product) to a contentless FTS5 table `search_gram_fts` (`detail=column`: rowid and column
 * only, delta-encoded), so short queries are ranked with bm25 inside SQLite. `search_fts`
 * (trigram) becomes contentless: the keys are already in `search_documents`. Title words for
 * suggestions get their own small prefix-indexed table `search_title_fts`. All three use
 * `contentless_delete=1` (SQLite 3.43+) so a document is removed by rowid alone, and that rowid
 * is now `search_documents.doc`, an explicit integer primary key that VACUUM keeps.
 *
 * PostgreSQL: the grams become a `text[]` column of `search_documents` with a GIN index
 * (compressed posting lists) instead of a table of text rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema.dropTable('search_grams').ifExists().execute();
  if (isSqlite) {
    await sql`drop table if exists search_fts`.execute(db);
    await recreateSqliteDocuments(db);
    await createSqliteIndexTables(db);
  } else {
    await sql`alter table search_documents add column grams text[] not null default '{}'`.execute(db);
    await sql`create index search_documents_grams_gin on search_documents using gin (grams)`.execute(db);
  }
  await reindexAll(db);
}

/**
 * search_documents again (it is rebuilt below anyway), with an explicit `doc integer primary
 * key`: the FTS5 tables are keyed by its rowid, and VACUUM may renumber the implicit rowid of a
 * table without one.
 */
async function recreateSqliteDocuments(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('search_documents').execute();
  await db.schema
    .createTable('search_documents')
    .addColumn('doc', 'integer', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
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
}

/** The FTS5 tables of the compact index (rowid = rowid of search_documents). */
async function createSqliteIndexTables(db: Kysely<any>): Promise<void> {
  await sql`create virtual table search_fts using fts5(title_key, summary_key, body_key, content='', contentless_delete=1, tokenize='trigram')`.execute(db);
  // Space-separated grams; the ascii tokenizer keeps every non-ASCII character as a token
  // character, so a gram is exactly one token whatever the Unicode version.
  await sql`create virtual table search_gram_fts using fts5(title_grams, summary_grams, content='', contentless_delete=1, detail='column', tokenize='ascii')`.execute(
    db,
  );
  await sql`create virtual table search_title_fts using fts5(words, content='', contentless_delete=1, detail='none', prefix='1 2 3', tokenize='ascii')`.execute(
    db,
  );
}

/** Back to the 0012 layout, empty: reindex with the release that matches it. */
export async function down(db: Kysely<any>): Promise<void> {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  if (isSqlite) {
    for (const table of ['search_fts', 'search_gram_fts', 'search_title_fts']) await sql`drop table if exists ${sql.id(table)}`.execute(db);
    await sql`create virtual table search_fts using fts5(title_key, summary_key, body_key, tokenize = 'trigram')`.execute(db);
  } else {
    await sql`drop index if exists search_documents_grams_gin`.execute(db);
    await sql`alter table search_documents drop column if exists grams`.execute(db);
  }
  await db.schema
    .createTable('search_grams')
    .addColumn('cooperative_id', 'text', (c) => c.notNull())
    .addColumn('gram', 'text', (c) => c.notNull())
    .addColumn('document_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_grams_pk', ['cooperative_id', 'gram', 'document_id'])
    .$call((b) => (isSqlite ? b.modifyEnd(sql`without rowid`) : b))
    .execute();
  await db.schema.createIndex('search_grams_document_idx').on('search_grams').column('document_id').execute();
  await db.deleteFrom('search_documents').execute();
}
