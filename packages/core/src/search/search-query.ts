import { sql, SqliteAdapter, type Expression, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { escapeLike } from '../catalog/search-text';
import { pickLocalized, type Locale } from '../locale/locale';
import { foldText, pinyinOfTerm, searchTerms } from './search-fold';
import { SEARCH_DOCUMENT_TYPES, TITLE_PART_LIMIT, type SearchDocumentType } from './search-index';
import { highlight } from './search-snippet';

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;

/** Longest query accepted, in characters; longer ones are refused with {@link SearchQueryTooLongError}. */
export const SEARCH_QUERY_MAX_LENGTH = 200;
/** Terms beyond this many are ignored (a pasted paragraph still answers quickly). */
const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 64;
/**
 * Matches counted for facets and `total`, and the deepest a result list pages; more are cut.
 * Ranking reads a bounded set of them per page window (see findCandidates).
 */
export const SEARCH_CANDIDATE_LIMIT = 1000;

/** Thrown when a query is longer than {@link SEARCH_QUERY_MAX_LENGTH}. */
export class SearchQueryTooLongError extends Error {
  readonly field = 'q';
  constructor(readonly maxLength: number) {
    super(`The search query is longer than ${maxLength} characters.`);
    this.name = 'SearchQueryTooLongError';
  }
}

/** Thrown for a cursor this module did not hand out. */
export class InvalidSearchCursorError extends Error {
  readonly field = 'cursor';
  constructor() {
    super('Invalid search cursor.');
    this.name = 'InvalidSearchCursorError';
  }
}

export interface SearchOptions {
  q: string;
  /** Restricts results to these types (facet counts still cover every type). */
  types?: readonly SearchDocumentType[];
  locale: Locale;
  fallback: Locale;
  limit?: number;
  cursor?: string;
  /** Month used for "in season" (defaults to now). */
  now?: Date;
}

export interface SearchHit {
  type: SearchDocumentType;
  id: string;
  slug: string;
  title: string;
  locale: Locale;
  /** Title with matches in `<mark>`, HTML-escaped otherwise. */
  titleHtml: string;
  /** Summary or body excerpt with matches in `<mark>`, HTML-escaped otherwise. */
  snippetHtml: string;
  score: number;
  /** Products only: lowest active variant price in minor units, or null. */
  priceFromMinor: number | null;
  /** Products only: true when an active variant has stock; null for other types. */
  inStock: boolean | null;
}

export interface SearchResult {
  items: SearchHit[];
  total: number;
  facets: Record<SearchDocumentType, number>;
  nextCursor: string | null;
  /** The terms the query was folded to (what snippets mark). */
  terms: string[];
}

interface Candidate {
  id: string;
  type: string;
  ref_id: string;
  slug: string;
  /** Suggestions only (search reads titles for its page afterwards). */
  title: string;
  title_key: string;
  summary_key: string;
  body_key: string;
  price_from_minor: number | string | null;
  season_mask: number | string | null;
  in_stock: number | string | boolean;
}

/** The folded terms of a query, each with its alternatives (its pinyin when it holds Chinese). */
export function parseSearchQuery(q: string): Array<{ term: string; forms: string[] }> {
  if (q.length > SEARCH_QUERY_MAX_LENGTH) throw new SearchQueryTooLongError(SEARCH_QUERY_MAX_LENGTH);
  return searchTerms(q)
    .slice(0, MAX_TERMS)
    .map((t) => [...t].slice(0, MAX_TERM_LENGTH).join(''))
    .map((term) => {
      const pinyin = pinyinOfTerm(term);
      return { term, forms: pinyin && pinyin !== term ? [term, pinyin] : [term] };
    });
}

type Term = { term: string; forms: string[] };
/**
 * A term of one or two characters is looked up in the gram index, by its characters and by its
 * pinyin syllables (`樱桃` or `yingtao`: grams of titles hold syllables and syllable pairs);
 * a longer one, and its pinyin, in the trigram index. A term never needs both indexes.
 */
const viaGrams = (t: Term) => [...t.term].length < 3;
/** Forms hold letters and digits only (see searchTerms); quoted, FTS5 reads each as one phrase. */
const phrase = (form: string) => `"${form}"`;
const isSqlite = (db: Db) => db.getExecutor().adapter instanceof SqliteAdapter;

/**
 * Which keys a match may be in: titles only; titles and summaries (the list endpoints' `q=`,
 * which never searched bodies); or anywhere.
 */
type Scope = 'title' | 'listed' | 'any';

/** One condition per term: any of its forms, in the scope's keys. */
function termCondition(db: Db, t: Term, scope: Scope): Expression<SqlBool> {
  if (viaGrams(t)) {
    // Grams index titles (with pinyin, syllables and initials) and the Chinese characters of summaries.
    if (isSqlite(db)) {
      const forms = t.forms.map(phrase).join(' OR ');
      const match = scope === 'title' ? `title_grams : (${forms})` : forms;
      return sql<SqlBool>`d.rowid in (select rowid from search_gram_fts where search_gram_fts match ${match})`;
    }
    const inTitle = sql.join(
      t.forms.map((f) => sql`strpos(d.title_key, ${f}) > 0`),
      sql` or `,
    );
    return scope === 'title' ? sql<SqlBool>`(d.grams && ${t.forms}::text[] and (${inTitle}))` : sql<SqlBool>`d.grams && ${t.forms}::text[]`;
  }
  const conditions = t.forms.map((form) => {
    if (isSqlite(db)) {
      const match = scope === 'any' ? phrase(form) : scope === 'title' ? `title_key : ${phrase(form)}` : `{title_key summary_key} : ${phrase(form)}`;
      return sql<SqlBool>`d.rowid in (select rowid from search_fts where search_fts match ${match})`;
    }
    const like = `%${escapeLike(form)}%`;
    if (scope === 'title') return sql<SqlBool>`d.title_key like ${like}`;
    if (scope === 'listed') return sql<SqlBool>`(d.title_key like ${like} or d.summary_key like ${like})`;
    return sql<SqlBool>`(d.title_key like ${like} or d.summary_key like ${like} or d.body_key like ${like})`;
  });
  return sql<SqlBool>`(${sql.join(conditions, sql` or `)})`;
}

const termsCondition = (db: Db, terms: Term[], scope: Scope) =>
  sql.join(
    terms.map((t) => termCondition(db, t, scope)),
    sql` and `,
  );

/**
 * SQLite: the rowids (`doc`) of the documents matching every term, from the FTS5 indexes alone
 * and in rowid order, so a LIMIT stops the scan early. The terms of each index are one MATCH;
 * when both indexes are needed, the trigram terms (the more selective) are scanned and the
 * gram terms looked up once. `title`: every term in the title (title, pinyin, initials).
 */
function sqliteMatches(terms: Term[], scope: 'title' | 'any'): RawBuilder<unknown> {
  const inTitle = (column: string, match: string) => (scope === 'title' ? `${column} : (${match})` : match);
  const all = (list: Term[]) => list.map((t) => `(${t.forms.map(phrase).join(' OR ')})`).join(' AND ');
  const long = terms.filter((t) => !viaGrams(t));
  const short = terms.filter(viaGrams);
  const trigram = long.length > 0 ? sql`select rowid as doc from search_fts where search_fts match ${inTitle('title_key', all(long))}` : null;
  const grams = short.length > 0 ? sql`select rowid as doc from search_gram_fts where search_gram_fts match ${inTitle('title_grams', all(short))}` : null;
  if (!trigram) return grams!;
  if (!grams) return trigram;
  // `+doc`: not a rowid constraint on FTS5, which would re-run the MATCH for every row.
  return sql`select doc from (${trigram}) where +doc in (${grams})`;
}

/** A document found by a scan: its key (SQLite `doc`, PostgreSQL `id`) and type. */
interface Found {
  ref: number | string;
  type: string;
}

/**
 * The first `limit` documents of the cooperative (of these types) matching every term, in
 * index order: a bounded scan, whatever the number of matches. SQLite reads cooperative and
 * type from `search_documents_scope_idx`, not from the documents' rows.
 */
async function scanMatches(
  db: Db,
  cooperativeId: string,
  terms: Term[],
  scope: 'title' | 'any',
  types: readonly string[] | null,
  limit: number,
): Promise<Found[]> {
  const typeFilter = types ? sql`and d.type in (${sql.join([...types])})` : sql``;
  if (isSqlite(db)) {
    return (
      await sql<Found>`select f.doc as ref, d.type from (${sqliteMatches(terms, scope)}) f
        cross join search_documents d indexed by search_documents_scope_idx on d.doc = f.doc
        where d.cooperative_id = ${cooperativeId} ${typeFilter} limit ${limit}`.execute(db)
    ).rows;
  }
  return (
    await sql<Found>`select d.id as ref, d.type from search_documents d
      where d.cooperative_id = ${cooperativeId} and ${termsCondition(db, terms, scope)} ${typeFilter} limit ${limit}`.execute(db)
  ).rows;
}

/** The prefix range of `text`: every string that starts with it is >= text and < the bound. */
function prefixBound(text: string): string {
  const chars = [...text];
  const next = chars.pop()!.codePointAt(0)! + 1;
  // Past U+D7FF comes U+E000 (surrogates are not characters); U+10FFFF has no successor.
  return chars.join('') + String.fromCodePoint(next >= 0xd800 && next <= 0xdfff ? 0xe000 : Math.min(next, 0x10ffff));
}

/**
 * The documents with a title part (a locale's title, its pinyin, spaced pinyin or initials)
 * equal to or starting with the whole query, in part order: equal parts come first, so an
 * exact title is always among the first `limit` (unless `limit` documents share it).
 */
async function scanTitleStarts(db: Db, cooperativeId: string, query: string, types: readonly string[] | null, limit: number): Promise<Found[]> {
  // Parts are stored cut to TITLE_PART_LIMIT characters: a longer query is cut the same way.
  const compact = [...query].slice(0, TITLE_PART_LIMIT).join('');
  const bound = prefixBound(compact);
  // A document may have several parts starting with the query (`laiyangli`, `lai yang li`).
  const rows = limit * 3;
  let found: Found[];
  if (isSqlite(db)) {
    const typed = types
      ? sql`cross join search_documents d indexed by search_documents_scope_idx on d.doc = p.doc and d.cooperative_id = p.cooperative_id and d.type in (${sql.join([...types])})`
      : sql``;
    found = (
      await sql<Found>`select p.doc as ref, null as type from search_title_parts p ${typed}
        where p.cooperative_id = ${cooperativeId} and p.part >= ${compact} and p.part < ${bound} order by p.part, p.doc limit ${rows}`.execute(db)
    ).rows;
  } else {
    const typed = types ? sql`join search_documents d on d.id = p.document_id and d.type in (${sql.join([...types])})` : sql``;
    found = (
      await sql<Found>`select p.document_id as ref, null as type from search_title_parts p ${typed}
        where p.cooperative_id = ${cooperativeId} and p.part >= ${compact} and p.part < ${bound} order by p.part, p.document_id limit ${rows}`.execute(db)
    ).rows;
  }
  const seen = new Set<number | string>();
  return found.filter((f) => !seen.has(f.ref) && seen.add(f.ref)).slice(0, limit);
}

/** Keys, price, season and stock of the candidates, to be ranked in TypeScript. */
async function loadCandidates(db: Db, refs: Array<number | string>): Promise<Candidate[]> {
  if (refs.length === 0) return [];
  const columns = sql`d.id, d.type, d.ref_id, d.slug, '' as title, d.title_key, d.summary_key, d.body_key, p.price_from_minor, p.season_mask`;
  if (isSqlite(db)) {
    return (
      await sql<Candidate>`select ${columns},
        case when d.type = 'product' and exists (select 1 from variants v where v.product_id = d.ref_id and v.status = 'active' and v.stock_on_hand > 0) then 1 else 0 end as in_stock
        from search_documents d left join products p on d.type = 'product' and p.id = d.ref_id where d.doc in (${sql.join(refs)})`.execute(db)
    ).rows;
  }
  // A lateral lookup per candidate: as an EXISTS, the planner may hash every variant first.
  return (
    await sql<Candidate>`select ${columns}, case when s.found then 1 else 0 end as in_stock
      from search_documents d left join products p on d.type = 'product' and p.id = d.ref_id
      left join lateral (select true as found from variants v where d.type = 'product' and v.product_id = d.ref_id and v.status = 'active' and v.stock_on_hand > 0 limit 1) s on true
      where d.id = any(${refs}::text[])`.execute(db)
  ).rows;
}

/**
 * PostgreSQL: runs the scans with sequential scans disabled (in a transaction, or restored
 * afterwards in the caller's). Given a LIMIT, the planner prefers to read the table in order,
 * testing the gram array or three LIKEs on each row until enough match — for a common gram it
 * reads 8 rows for each match (25 ms for 1,000 matches at 10k products) — over the GIN bitmap
 * that visits the matches only (1.5 ms). SQLite runs `fn` as it is.
 */
async function withIndexScans<T>(db: Db, fn: (db: Db) => Promise<T>): Promise<T> {
  if (isSqlite(db)) return fn(db);
  if (!db.isTransaction) {
    return (db as Kysely<TerroirTables>).transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      return fn(trx);
    });
  }
  const before = await sql<{ setting: string }>`select current_setting('enable_seqscan') as setting, set_config('enable_seqscan', 'off', true)`.execute(db);
  try {
    return await fn(db);
  } finally {
    await sql`select set_config('enable_seqscan', ${before.rows[0]!.setting}, true)`.execute(db);
  }
}

interface CandidateSet {
  candidates: Candidate[];
  /** Matches per type, counted over at most {@link SEARCH_CANDIDATE_LIMIT} of them. */
  facets: Record<SearchDocumentType, number>;
}

const countTypes = (rows: Array<{ type: string }>) => {
  const facets: Record<SearchDocumentType, number> = { product: 0, story: 0, chronicle: 0 };
  for (const r of rows) if (r.type in facets) facets[r.type as SearchDocumentType] += 1;
  return facets;
};

/**
 * The matches of a query to rank in TypeScript for a page window of `window` results, with
 * price, season and stock, and the facet counts. The same bounded scans on both databases:
 *
 * 1. the first {@link SEARCH_CANDIDATE_LIMIT} matches (document and type only), for the
 *    facets; when they are all the matches and no more than `window`, every one is ranked;
 * 2. otherwise, tier by tier until `window` documents are in hand: the documents with a title
 *    (or its pinyin or initials) equal to or starting with the whole query, exact titles first;
 *    with several words, those whose title holds them as one phrase; the first with every word
 *    in the title; the first matches. In {@link scoreOf} each tier outranks the next (a title
 *    start adds 20, a phrase in the title 12, more than the stock and season lifts' 5 can
 *    bridge), except that those lifts can put a match of the last tier at most 2 points above
 *    one of the third when the query has several words. Within a tier of more than `window`
 *    documents, the first in index order (title order for the first) are ranked.
 */
async function findCandidates(db: Db, cooperativeId: string, terms: Term[], types: readonly string[] | null, window: number): Promise<CandidateSet> {
  const matches = await scanMatches(db, cooperativeId, terms, 'any', null, SEARCH_CANDIDATE_LIMIT);
  const facets = countTypes(matches);
  const complete = matches.length < SEARCH_CANDIDATE_LIMIT;
  const wanted = types ? matches.filter((m) => types.includes(m.type)) : matches;
  const refs = new Set<number | string>();
  if (complete && wanted.length <= window) {
    for (const m of wanted) refs.add(m.ref);
    return { candidates: await loadCandidates(db, [...refs]), facets };
  }
  const compact = terms.map((t) => t.term).join('');
  const tiers: Array<() => Promise<Found[]>> = [
    () => scanTitleStarts(db, cooperativeId, compact, types, window),
    // Several words: titles holding them as one phrase (`老树 梨` in 老树梨) come before the rest.
    ...(terms.length > 1 ? [() => scanMatches(db, cooperativeId, [{ term: compact, forms: [compact] }], 'title', types, window)] : []),
    () => scanMatches(db, cooperativeId, terms, 'title', types, window),
    // Filtering the first matches by type may leave too few: then scan for those types alone.
    async () => (wanted.length < window && !complete ? scanMatches(db, cooperativeId, terms, 'any', types, window) : wanted.slice(0, window)),
  ];
  for (const tier of tiers) {
    if (refs.size >= window) break;
    for (const m of await tier()) refs.add(m.ref);
  }
  return { candidates: await loadCandidates(db, [...refs]), facets };
}

/** Candidates per page window: pages within it are ranked over the same set. */
const CANDIDATE_WINDOW = 100;
/** Title candidates per suggestion scan (a document row is read for each: 300 cost 1 ms at 100k products). */
const SUGGEST_CANDIDATE_LIMIT = 100;

const TYPE_ORDER: Record<string, number> = { product: 0, story: 1, chronicle: 2 };

function scoreOf(c: Candidate, terms: Array<{ term: string; forms: string[] }>, compact: string): number {
  let score = 0;
  for (const t of terms) {
    let best = 0;
    for (const form of t.forms) {
      if (c.title_key.includes(form)) best = Math.max(best, 10);
      else if (c.summary_key.includes(form)) best = Math.max(best, 4);
      else if (c.body_key.includes(form)) best = Math.max(best, 1);
    }
    score += best;
  }
  // The whole query as one phrase beats the same terms scattered.
  const titleParts = c.title_key.split(' | ');
  if (compact && titleParts.some((p) => p === compact)) score += 30;
  else if (compact && titleParts.some((p) => p.startsWith(compact))) score += 20;
  else if (compact && c.title_key.includes(compact)) score += 12;
  else if (compact && (c.summary_key.includes(compact) || c.body_key.includes(compact))) score += 3;
  return score;
}

const parseLocalized = (json: string): Record<string, string> => {
  try {
    return JSON.parse(json) as Record<string, string>;
  } catch {
    return {};
  }
};

function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  if (!/^o[0-9]{1,5}$/.test(cursor)) throw new InvalidSearchCursorError();
  return Number(cursor.slice(1));
}

/**
 * Searches a cooperative's public products, stories and chronicle entries. Chinese,
 * traditional characters, pinyin (full or initials), mixed and English queries work; the
 * ranking puts title matches over summary over body, a whole-phrase match over scattered
 * terms, and lifts products in stock and in season. An empty or punctuation-only query
 * answers no results.
 *
 * @example
 * const { items, facets } = await searchDocuments(db, coop.id, { q: 'lyl', locale: 'zh-CN', fallback: 'zh-CN' });
 */
export async function searchDocuments(db: Db, cooperativeId: string, options: SearchOptions): Promise<SearchResult> {
  const terms = parseSearchQuery(options.q);
  const offset = decodeCursor(options.cursor);
  const limit = Math.min(Math.max(options.limit ?? 20, 1), 50);
  const facets: Record<SearchDocumentType, number> = { product: 0, story: 0, chronicle: 0 };
  const flatTerms = terms.map((t) => t.term);
  if (terms.length === 0) return { items: [], total: 0, facets, nextCursor: null, terms: flatTerms };
  const month = (options.now ?? new Date()).getUTCMonth();
  const types = options.types && options.types.length > 0 ? options.types : null;
  const window = Math.min(Math.ceil((offset + limit) / CANDIDATE_WINDOW) * CANDIDATE_WINDOW, SEARCH_CANDIDATE_LIMIT);
  const found = await withIndexScans(db, (scans) => findCandidates(scans, cooperativeId, terms, types, window));
  const candidates = found.candidates;
  Object.assign(facets, found.facets);
  const products = new Map<string, { price: number | null; season: number; inStock: boolean }>();
  for (const c of candidates) {
    if (c.type !== 'product') continue;
    products.set(c.ref_id, {
      price: c.price_from_minor == null ? null : Number(c.price_from_minor),
      season: Number(c.season_mask ?? 0),
      inStock: Number(c.in_stock) === 1 || c.in_stock === true,
    });
  }
  const compact = flatTerms.join('');
  const wanted = new Set(types ?? SEARCH_DOCUMENT_TYPES);
  const scored = candidates
    .filter((c) => wanted.has(c.type as SearchDocumentType))
    .map((c) => {
      let score = scoreOf(c, terms, compact);
      const product = products.get(c.ref_id);
      if (c.type === 'product' && product) {
        if (product.inStock) score += 3;
        if (product.season & (1 << month)) score += 2;
      }
      return { c, score, product };
    })
    .sort(
      (a, b) =>
        b.score - a.score ||
        TYPE_ORDER[a.c.type]! - TYPE_ORDER[b.c.type]! ||
        a.c.title_key.length - b.c.title_key.length ||
        (a.c.id < b.c.id ? -1 : a.c.id > b.c.id ? 1 : 0),
    );
  const page = scored.slice(offset, offset + limit);
  const marks = terms.flatMap((t) => t.forms);
  const texts = new Map<string, { title: string; summary: string; body: string }>();
  if (page.length > 0) {
    const rows = await db
      .selectFrom('search_documents')
      .select(['id', 'title', 'summary', 'body'])
      .where(
        'id',
        'in',
        page.map(({ c }) => c.id),
      )
      .execute();
    for (const r of rows) texts.set(r.id, r);
  }
  const items: SearchHit[] = page.map(({ c, score, product }) => {
    const text = texts.get(c.id) ?? { title: '{}', summary: '{}', body: '{}' };
    const title = pickLocalized(parseLocalized(text.title), options.locale, options.fallback);
    const summary = pickLocalized(parseLocalized(text.summary), options.locale, options.fallback);
    const body = pickLocalized(parseLocalized(text.body), options.locale, options.fallback);
    const summaryText = summary?.value ?? '';
    const bodyText = body?.value ?? '';
    const foldedSummary = foldText(summaryText);
    const source =
      marks.some((m) => foldedSummary.includes(m)) || !bodyText
        ? summaryText
        : marks.some((m) => foldText(bodyText).includes(m))
          ? bodyText
          : summaryText || bodyText;
    return {
      type: c.type as SearchDocumentType,
      id: c.ref_id,
      slug: c.slug,
      title: title?.value ?? c.slug,
      locale: (title?.locale ?? options.fallback) as Locale,
      titleHtml: highlight(title?.value ?? c.slug, marks),
      snippetHtml: highlight(source, marks, 120),
      score,
      priceFromMinor: c.type === 'product' ? (product?.price ?? null) : null,
      inStock: c.type === 'product' ? (product?.inStock ?? false) : null,
    };
  });
  const total = Math.max(
    scored.length,
    [...wanted].reduce((sum, type) => sum + facets[type], 0),
  );
  const nextCursor = offset + limit < Math.min(total, SEARCH_CANDIDATE_LIMIT) ? `o${offset + limit}` : null;
  return { items, total, facets, nextCursor, terms: flatTerms };
}

export interface SearchSuggestion {
  type: SearchDocumentType;
  id: string;
  slug: string;
  title: string;
}

/**
 * Title completions for a prefix typed so far (from the first keystroke): titles, their
 * pinyin and their initials that start with it. At most `limit` (default 8).
 *
 * @example
 * await suggestTitles(db, coop.id, { q: 'lai', locale: 'zh-CN', fallback: 'zh-CN' }) // [{ title: '莱阳梨', … }]
 */
export async function suggestTitles(
  db: Db,
  cooperativeId: string,
  options: { q: string; locale: Locale; fallback: Locale; limit?: number },
): Promise<SearchSuggestion[]> {
  const terms = parseSearchQuery(options.q);
  if (terms.length === 0) return [];
  const prefix = terms.map((t) => t.term).join('');
  const pinyinPrefix = pinyinOfTerm(prefix);
  const forms = pinyinPrefix && pinyinPrefix !== prefix ? [prefix, pinyinPrefix] : [prefix];
  const candidates = await withIndexScans(db, (scans) => suggestionCandidates(scans, cooperativeId, forms));
  const limit = Math.min(Math.max(options.limit ?? 8, 1), 20);
  return candidates
    .filter((c) => c.title_key.split(/ \| | /).some((p) => forms.some((f) => p.startsWith(f)) || forms.some((f) => p.replace(/ /g, '').startsWith(f))))
    .sort((a, b) => a.title_key.length - b.title_key.length || TYPE_ORDER[a.type]! - TYPE_ORDER[b.type]! || (a.id < b.id ? -1 : 1))
    .slice(0, limit)
    .map((c) => ({
      type: c.type as SearchDocumentType,
      id: c.ref_id,
      slug: c.slug,
      title: pickLocalized(parseLocalized(c.title), options.locale, options.fallback)?.value ?? c.slug,
    }));
}

/**
 * Documents whose title words (titles, pinyin, initials) may start with one of the forms, from
 * bounded scans of {@link SUGGEST_CANDIDATE_LIMIT}: on SQLite the prefix-indexed
 * `search_title_fts`; on PostgreSQL the title parts starting with each form (an index range)
 * and the titles holding one (grams and trigrams). The caller keeps the true prefix matches.
 */
async function suggestionCandidates(db: Db, cooperativeId: string, forms: string[]): Promise<Candidate[]> {
  const columns = sql`d.id, d.type, d.ref_id, d.slug, d.title, d.title_key`;
  if (isSqlite(db)) {
    const match = forms.map((f) => `${phrase(f)} *`).join(' OR ');
    // The cooperative is checked on the scope index; a row is read for its candidates only.
    return (
      await sql<Candidate>`select ${columns} from (select f.rowid as doc from search_title_fts f
        cross join search_documents s indexed by search_documents_scope_idx on s.doc = f.rowid
        where search_title_fts match ${match} and s.cooperative_id = ${cooperativeId} limit ${SUGGEST_CANDIDATE_LIMIT}) c
        cross join search_documents d on d.doc = c.doc`.execute(db)
    ).rows;
  }
  const starts = forms.map(
    (f) => sql`(select p.document_id from search_title_parts p where p.cooperative_id = ${cooperativeId} and p.part >= ${f} and p.part < ${prefixBound(f)}
      order by p.part, p.document_id limit ${SUGGEST_CANDIDATE_LIMIT})`,
  );
  const inTitle = sql`(select d.id from search_documents d where d.cooperative_id = ${cooperativeId}
    and ${termCondition(db, { term: forms[0]!, forms }, 'title')} limit ${SUGGEST_CANDIDATE_LIMIT})`;
  const rows = await sql<Candidate>`select ${columns} from search_documents d where d.id in (${sql.join([...starts, inTitle], sql` union `)})`.execute(db);
  return rows.rows;
}

/**
 * A condition for the existing list endpoints' `q=`: the row's id is among the documents of
 * that type whose titles, summaries or tags the search index matches (bodies are left out, as
 * the lists always did) (pinyin, initials and traditional characters included).
 * Undefined when the query has no searchable term (punctuation only).
 *
 * @example
 * const match = searchMatchCondition(db, coop.id, 'product', 'lyl'); if (match) q = q.where(match);
 */
export function searchMatchCondition(db: Db, cooperativeId: string, type: SearchDocumentType, q: string): Expression<SqlBool> | undefined {
  const terms = parseSearchQuery(q.slice(0, SEARCH_QUERY_MAX_LENGTH));
  if (terms.length === 0) return undefined;
  return sql<SqlBool>`id in (select d.ref_id from search_documents d where d.cooperative_id = ${cooperativeId} and d.type = ${type} and ${termsCondition(db, terms, 'listed')})`;
}
