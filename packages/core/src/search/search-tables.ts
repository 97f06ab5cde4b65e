/**
 * Tables of the search module (migrations 0012-search, 0015-search-compact,
 * 0017-search-postgres). The FTS5 tables (SQLite), the `grams` column (PostgreSQL) and
 * `search_title_parts` are only reached through sql.
 */
export interface SearchTables {
  search_documents: {
    /** `${type}:${ref_id}` */
    id: string;
    cooperative_id: string;
    type: string;
    ref_id: string;
    slug: string;
    /** Localized texts as JSON, for display and snippets. */
    title: string;
    summary: string;
    body: string;
    /** Folded texts searched: titles with their pinyin, summaries with tags, bodies. */
    title_key: string;
    summary_key: string;
    body_key: string;
    updated_at: string;
  };
  search_misses: { cooperative_id: string; query: string; count: number; last_at: string };
}
