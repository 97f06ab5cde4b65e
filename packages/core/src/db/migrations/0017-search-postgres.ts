import { sql, SqliteAdapter, type Kysely } from 'kysely';
import { reindexAll } from '../../search/search-index';

/*
 * Issue 10, third step: bounded candidates on both databases (PostgreSQL used to score every
 * match in SQL before cutting to the best 100).
 *
 * `search_title_parts`: one row per document and distinct part of its title key (each
 * locale's title, its pinyin and initials), keyed (cooperative, part, document).
 * A range scan over it returns the documents whose title equals or starts with the query,
 * the exact matches first, however many other documents match: the ranking's best candidates
 * (+30 / +20) are always read. PostgreSQL compares parts in code-point order (`collate "C"`),
 * as SQLite does, so a prefix range is the same on both.
 *
 * The grams of titles (both databases) also hold their pinyin by syllable and by pair of
 * syllables (`ying`, `tao`, `yingtao`), so a query word of one or two Chinese characters is
 * matched, characters and pinyin, by one lookup in the gram index instead of a gram lookup
 * united with a trigram scan (8 ms for `樱桃 7号` at 100k products, with no match).
 *
 * PostgreSQL's GIN indexes on the documents keep a pending list of 128 kB at most.
 *
 * SQLite also gets `search_documents_scope_idx` (doc, cooperative_id, type): the candidate and
 * facet scans read a document's cooperative and type from it (about 40 bytes an entry) instead
 * of its row (about 1 KB with the texts and keys), which was most of their time at 100k
 * products.
 */
const GIN_INDEXES = ['search_documents_grams_gin', 'search_documents_title_key_trgm', 'search_documents_summary_key_trgm', 'search_documents_body_key_trgm'];

export async function up(db: Kysely<any>): Promise<void> {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  if (isSqlite) {
    await sql`create table search_title_parts (
      cooperative_id text not null references cooperatives (id) on delete cascade,
      part text not null,
      doc integer not null,
      primary key (cooperative_id, part, doc)
    ) without rowid`.execute(db);
    await sql`create index search_documents_scope_idx on search_documents (doc, cooperative_id, type)`.execute(db);
  } else {
    await sql`create table search_title_parts (
      cooperative_id text not null references cooperatives (id) on delete cascade,
      part text collate "C" not null,
      document_id text not null,
      primary key (cooperative_id, part, document_id)
    )`.execute(db);
    // A small GIN pending list (128 kB instead of 4 MB): every search scans the whole list, and
    // after an import of 3,000 products it made searches twice as slow until autovacuum; with
    // no list at all (`fastupdate = off`) the import took 40 % longer.
    for (const index of GIN_INDEXES) {
      await sql`alter index ${sql.id(index)} set (gin_pending_list_limit = 128)`.execute(db);
      await sql`select gin_clean_pending_list(${index}::regclass)`.execute(db);
    }
  }
  // Rebuilt from the records: the title parts, and the grams now hold pinyin syllables.
  await reindexAll(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  if (isSqlite) await sql`drop index if exists search_documents_scope_idx`.execute(db);
  else for (const index of GIN_INDEXES) await sql`alter index if exists ${sql.id(index)} reset (gin_pending_list_limit)`.execute(db);
  await sql`drop table if exists search_title_parts`.execute(db);
}
