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
 * PostgreSQL's GIN indexes on the documents are written without a pending list
 * (`fastupdate = off`).
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
    // Writes go straight into the GIN indexes: with the default pending list, every search
    // after a bulk write scanned up to 4 MB of unsorted entries per index until autovacuum
    // (20–40 ms instead of 1–3 ms at 10k products right after an import).
    for (const index of GIN_INDEXES) {
      await sql`alter index ${sql.id(index)} set (fastupdate = off)`.execute(db);
      await sql`select gin_clean_pending_list(${index}::regclass)`.execute(db);
    }
  }
  // Rebuilt from the records: the title parts, and the grams now hold pinyin syllables.
  await reindexAll(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  if (isSqlite) await sql`drop index if exists search_documents_scope_idx`.execute(db);
  else for (const index of GIN_INDEXES) await sql`alter index if exists ${sql.id(index)} reset (fastupdate)`.execute(db);
  await sql`drop table if exists search_title_parts`.execute(db);
}
