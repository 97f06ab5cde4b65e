export { foldText, pinyinForms, pinyinOfTerm, searchTerms } from './search-fold';
export {
  clearCooperativeIndex,
  indexChronicleEntry,
  indexProduct,
  indexStory,
  reindexAll,
  reindexCooperative,
  SEARCH_DOCUMENT_TYPES,
  type SearchDocumentType,
  unindexDocument,
} from './search-index';
export {
  InvalidSearchCursorError,
  parseSearchQuery,
  SEARCH_CANDIDATE_LIMIT,
  SEARCH_QUERY_MAX_LENGTH,
  type SearchHit,
  type SearchOptions,
  type SearchResult,
  type SearchSuggestion,
  SearchQueryTooLongError,
  searchDocuments,
  searchMatchCondition,
  suggestTitles,
} from './search-query';
export { listSearchMisses, recordSearchMiss, SEARCH_MISSES_LIMIT, type SearchMiss } from './search-misses';
export { highlight } from './search-snippet';
export type { SearchTables } from './search-tables';
export { likeSearchBaseline, searchIndexBytes } from './search-measures';
