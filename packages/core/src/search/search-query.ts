import { sql, SqliteAdapter, type Expression, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { TerroirTables } from '../db/schema';
import { escapeLike } from '../catalog/search-text';
import { pickLocalized, type Locale } from '../locale/locale';
import { foldText, pinyinOfTerm, searchTerms } from './search-fold';
import { SEARCH_DOCUMENT_TYPES, type SearchDocumentType } from './search-index';
import { highlight } from './search-snippet';

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;

/** Longest query accepted, in characters; longer ones are refused with {@link SearchQueryTooLongError}. */
export const SEARCH_QUERY_MAX_LENGTH = 200;
/** Terms beyond this many are ignored (a pasted paragraph still answers quickly). */
const MAX_TERMS = 8;
const MAX_TERM_LENGTH = 64;
/**
 * Matches counted for facets and `total`, and the deepest a result list pages; more are cut.
 * Ranking reads the best few hundred of them (by bm25 on SQLite, by score on PostgreSQL).
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
const isShort = (form: string) => [...form].length < 3;
/** Forms hold letters and digits only (see searchTerms); quoted, FTS5 reads each as one phrase. */
const phrase = (form: string) => `"${form}"`;
const isSqlite = (db: Db) => db.getExecutor().adapter instanceof SqliteAdapter;

function formCondition(db: Db, form: string, withBody = true): Expression<SqlBool> {
  if (isShort(form)) {
    // Grams index titles (with pinyin and initials) and the Chinese characters of summaries.
    if (isSqlite(db)) return sql<SqlBool>`d.rowid in (select rowid from search_gram_fts where search_gram_fts match ${phrase(form)})`;
    return sql<SqlBool>`d.grams @> ${[form]}::text[]`;
  }
  if (isSqlite(db)) {
    const match = withBody ? phrase(form) : `{title_key summary_key} : ${phrase(form)}`;
    return sql<SqlBool>`d.rowid in (select rowid from search_fts where search_fts match ${match})`;
  }
  const like = `%${escapeLike(form)}%`;
  if (!withBody) return sql<SqlBool>`(d.title_key like ${like} or d.summary_key like ${like})`;
  return sql<SqlBool>`(d.title_key like ${like} or d.summary_key like ${like} or d.body_key like ${like})`;
}

/** One condition per term (any of its forms); on PostgreSQL a term's grams are one GIN lookup (`&&`). */
function termCondition(db: Db, t: Term, withBody = true): Expression<SqlBool> {
  const short = t.forms.filter(isShort);
  const conditions =
    isSqlite(db) || short.length < 2
      ? t.forms.map((f) => formCondition(db, f, withBody))
      : [sql<SqlBool>`d.grams && ${short}::text[]`, ...t.forms.filter((f) => !isShort(f)).map((f) => formCondition(db, f, withBody))];
  return sql<SqlBool>`(${sql.join(conditions, sql` or `)})`;
}

const termsCondition = (db: Db, terms: Term[], withBody = true) =>
  sql.join(
    terms.map((t) => termCondition(db, t, withBody)),
    sql` and `,
  );

/**
 * SQLite: the rowids (`doc`) of the documents matching every term, from the FTS5 indexes alone
 * and in rowid order, so a LIMIT stops the scan early. Terms that fit one index are one MATCH;
 * the others filter it.
 */
function sqliteMatches(terms: Term[]): RawBuilder<unknown> {
  const parts = terms.map((t) => {
    const long = t.forms.filter((f) => !isShort(f)).map(phrase);
    const short = t.forms.filter(isShort).map(phrase);
    return { long: long.length > 0 ? long.join(' OR ') : null, short: short.length > 0 ? short.join(' OR ') : null };
  });
  const trigram = (match: string) => sql`select rowid as doc from search_fts where search_fts match ${match}`;
  const grams = (match: string) => sql`select rowid as doc from search_gram_fts where search_gram_fts match ${match}`;
  const all = (list: string[]) => list.map((m) => `(${m})`).join(' AND ');
  const longOnly = parts.filter((p) => p.long && !p.short).map((p) => p.long!);
  const shortOnly = parts.filter((p) => p.short && !p.long).map((p) => p.short!);
  const mixed = parts.filter((p) => p.short && p.long).map((p) => sql`${trigram(p.long!)} union ${grams(p.short!)}`);
  const sets = [...(longOnly.length > 0 ? [trigram(all(longOnly))] : []), ...(shortOnly.length > 0 ? [grams(all(shortOnly))] : []), ...mixed];
  if (sets.length === 1) return sets[0]!;
  // The first set (trigram terms, the most selective) is scanned; the others are looked up
  // once each (`+doc`: not a rowid constraint on FTS5, which would re-run the MATCH per row).
  const [first, ...rest] = sets;
  return sql`select doc from (${first}) where ${sql.join(
    rest.map((set) => sql`+doc in (${set})`),
    sql` and `,
  )}`;
}

/**
 * SQLite: the documents with a title word (title, pinyin, initials) starting with the query —
 * its one term's forms, or all its terms joined (`老树 梨` → 老树梨): the ones the ranking lifts
 * most (a title equal to or starting with the query), without scanning every match. One
 * prefix per form: FTS5 merges the doclists of every token a prefix covers, and a prefix per
 * term of `organic apple` cost 7 ms at 100k products.
 */
function sqliteTitleStarts(terms: Term[]): RawBuilder<unknown> {
  const compact = terms.map((t) => t.term).join('');
  const pinyin = pinyinOfTerm(compact);
  const forms = terms.length === 1 ? terms[0]!.forms : pinyin && pinyin !== compact ? [compact, pinyin] : [compact];
  const match = forms.map((f) => `${phrase(f)} *`).join(' OR ');
  return sql`select rowid as doc from search_title_fts where search_title_fts match ${match}`;
}

const inStockColumn = sql`case when d.type = 'product' and exists (select 1 from variants v where v.product_id = d.ref_id and v.status = 'active' and v.stock_on_hand > 0) then 1 else 0 end`;
const candidateColumns = sql`d.id, d.type, d.ref_id, d.slug, '' as title, d.title_key, d.summary_key, d.body_key, p.price_from_minor, p.season_mask`;

interface CandidateSet {
  candidates: Candidate[];
  /** Facet counts when every match is among the candidates (else they are counted apart). */
  facets: Record<SearchDocumentType, number> | null;
}

const countTypes = (rows: Array<{ type: string }>) => {
  const facets: Record<SearchDocumentType, number> = { product: 0, story: 0, chronicle: 0 };
  for (const r of rows) if (r.type in facets) facets[r.type as SearchDocumentType] += 1;
  return facets;
};

/**
 * At most `limit` (twice that on SQLite) matches of a query, to be ranked exactly in
 * TypeScript, products with price, season and stock. PostgreSQL cuts by the ranking's own
 * score in SQL (an exact cut); SQLite by two bounded index scans (see below).
 */
async function findCandidates(
  db: Db,
  cooperativeId: string,
  terms: Term[],
  types: readonly string[] | null,
  limit: number,
  month: number,
): Promise<CandidateSet> {
  const typeFilter = types ? sql`and d.type in (${sql.join([...types])})` : sql``;
  if (isSqlite(db)) {
    // Two bounded scans in rowid order (bm25 would rank every match first: 10 ms for 1,250
    // trigram matches at 10k products, growing with the catalog): documents whose title
    // words start with the query, and the first matches. TypeScript ranks their union exactly;
    // when the second scan ends early, every match is in hand (and counted for facets).
    const scan = (set: RawBuilder<unknown>, tier: number) =>
      sql`select * from (select f.doc, ${tier} as tier from (${set}) f cross join search_documents d on d.rowid = f.doc
        where d.cooperative_id = ${cooperativeId} ${typeFilter} limit ${limit})`;
    const rows = (
      await sql<Candidate & { tier: number }>`select ${candidateColumns}, ${inStockColumn} as in_stock, c.tier
        from (${scan(sqliteTitleStarts(terms), 0)} union all ${scan(sqliteMatches(terms), 1)}) c
        cross join search_documents d on d.rowid = c.doc left join products p on d.type = 'product' and p.id = d.ref_id`.execute(db)
    ).rows;
    const seen = new Set<string>();
    const candidates = rows.filter((r) => !seen.has(r.id) && seen.add(r.id));
    const complete = rows.filter((r) => Number(r.tier) === 1).length < limit;
    return { candidates, facets: complete && !types ? countTypes(candidates) : null };
  }
  const compact = terms.map((t) => t.term).join('');
  const rows = await sql<Candidate>`with ${postgresMatches(db, terms)} select * from (
      select ${candidateColumns}, ${inStockColumn} as in_stock, ${postgresScore(terms, compact)} as base_score
      from m cross join search_documents d left join products p on d.type = 'product' and p.id = d.ref_id
      where d.id = m.id and d.cooperative_id = ${cooperativeId} ${typeFilter}) c
    order by base_score + case when in_stock = 1 then 3 else 0 end + case when type = 'product' and (coalesce(season_mask, 0) & ${1 << month}) <> 0 then 2 else 0 end desc,
      case type when 'product' then 0 when 'story' then 1 else 2 end, length(title_key), id collate "C"
    limit ${limit}`.execute(db);
  return { candidates: rows.rows, facets: rows.rows.length < limit && !types ? countTypes(rows.rows) : null };
}

/**
 * PostgreSQL: `m`, the ids of the documents matching every term, gathered through the GIN
 * indexes first. Written as a materialized CTE so the planner cannot start from the
 * cooperative's index and test every document instead (what it chose after a bulk load,
 * before statistics caught up: 12 ms at 3,000 products for 375 matches).
 */
function postgresMatches(db: Db, terms: Term[]): RawBuilder<unknown> {
  return sql`m as materialized (select d.id from search_documents d where ${termsCondition(db, terms)})`;
}

/** {@link scoreOf} in PostgreSQL, without the stock and season lifts (added by the caller). */
function postgresScore(terms: Term[], compact: string): RawBuilder<number> {
  const has = (column: string, text: string) => sql`strpos(${sql.ref(`d.${column}`)}, ${text}) > 0`;
  const termScores = terms.map((t) => {
    const perForm = t.forms.map(
      (f) => sql`case when ${has('title_key', f)} then 10 when ${has('summary_key', f)} then 4 when ${has('body_key', f)} then 1 else 0 end`,
    );
    return perForm.length === 1 ? perForm[0]! : sql`greatest(${sql.join(perForm)})`;
  });
  const phraseScore = sql`case
      when strpos(' | ' || d.title_key || ' | ', ${` | ${compact} | `}) > 0 then 30
      when left(d.title_key, ${[...compact].length}) = ${compact} or strpos(d.title_key, ${` | ${compact}`}) > 0 then 20
      when ${has('title_key', compact)} then 12
      when ${has('summary_key', compact)} or ${has('body_key', compact)} then 3
      else 0 end`;
  return sql<number>`(${sql.join([...termScores, phraseScore], sql` + `)})`;
}

/** Matches per type, counted over at most {@link SEARCH_CANDIDATE_LIMIT} of them. */
async function countFacets(db: Db, cooperativeId: string, terms: Term[]): Promise<Record<SearchDocumentType, number>> {
  const rows = isSqlite(db)
    ? await sql<{ type: string; n: number }>`select type, count(*) as n from (select d.type from (${sqliteMatches(terms)}) f
        cross join search_documents d on d.rowid = f.doc where d.cooperative_id = ${cooperativeId} limit ${SEARCH_CANDIDATE_LIMIT}) x group by type`.execute(db)
    : await sql<{ type: string; n: number }>`with ${postgresMatches(db, terms)} select type, count(*) as n from (select d.type from m
        cross join search_documents d where d.id = m.id and d.cooperative_id = ${cooperativeId} limit ${SEARCH_CANDIDATE_LIMIT}) x group by type`.execute(db);
  const facets: Record<SearchDocumentType, number> = { product: 0, story: 0, chronicle: 0 };
  for (const r of rows.rows) if (r.type in facets) facets[r.type as SearchDocumentType] = Number(r.n);
  return facets;
}

/** Candidates per page window: pages within it are ranked over the same set. */
const CANDIDATE_WINDOW = 100;
const SUGGEST_CANDIDATE_LIMIT = 300;

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
  const found = await findCandidates(db, cooperativeId, terms, types, window, month);
  const candidates = found.candidates;
  Object.assign(facets, found.facets ?? (await countFacets(db, cooperativeId, terms)));
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
  const candidates = await suggestionCandidates(db, cooperativeId, forms);
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
 * Documents whose title words (titles, pinyin, initials) may start with one of the forms, at
 * most {@link SUGGEST_CANDIDATE_LIMIT}: on SQLite from the prefix-indexed `search_title_fts`,
 * on PostgreSQL from the grams and trigrams. The caller keeps the true prefix matches.
 */
async function suggestionCandidates(db: Db, cooperativeId: string, forms: string[]): Promise<Candidate[]> {
  const columns = sql`d.id, d.type, d.ref_id, d.slug, d.title, d.title_key`;
  if (isSqlite(db)) {
    const match = forms.map((f) => `${phrase(f)} *`).join(' OR ');
    const rows = (
      await sql<Candidate & { in_scope: number }>`select ${columns}, d.cooperative_id = ${cooperativeId} as in_scope
        from (select rowid as doc from search_title_fts where search_title_fts match ${match} limit ${SUGGEST_CANDIDATE_LIMIT}) f
        cross join search_documents d on d.rowid = f.doc`.execute(db)
    ).rows;
    const inScope = rows.filter((r) => Number(r.in_scope) === 1);
    if (rows.length < SUGGEST_CANDIDATE_LIMIT || inScope.length === rows.length) return inScope;
    const scoped = await sql<Candidate>`select ${columns} from search_title_fts f cross join search_documents d on d.rowid = f.rowid
      where search_title_fts match ${match} and d.cooperative_id = ${cooperativeId} limit ${SUGGEST_CANDIDATE_LIMIT}`.execute(db);
    return scoped.rows;
  }
  const rows =
    await sql<Candidate>`select ${columns} from search_documents d where d.cooperative_id = ${cooperativeId} and ${termCondition(db, { term: forms[0]!, forms }, false)}
    order by d.id limit ${SUGGEST_CANDIDATE_LIMIT}`.execute(db);
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
  return sql<SqlBool>`id in (select d.ref_id from search_documents d where d.cooperative_id = ${cooperativeId} and d.type = ${type} and ${termsCondition(db, terms, false)})`;
}
