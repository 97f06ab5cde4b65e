import { sql, SqliteAdapter, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
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
/** Matches considered for ranking and facets; more than this are cut (by document id). */
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

function formCondition(db: Db, cooperativeId: string, form: string, withBody = true): Expression<SqlBool> {
  if ([...form].length < 3) {
    return sql<SqlBool>`d.id in (select g.document_id from search_grams g where g.cooperative_id = ${cooperativeId} and g.gram = ${form})`;
  }
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    // Terms hold letters and digits only; quoted, FTS5 reads them as one trigram phrase.
    const match = withBody ? `"${form}"` : `{title_key summary_key} : "${form}"`;
    return sql<SqlBool>`d.rowid in (select rowid from search_fts where search_fts match ${match})`;
  }
  const like = `%${escapeLike(form)}%`;
  if (!withBody) return sql<SqlBool>`(d.title_key like ${like} or d.summary_key like ${like})`;
  return sql<SqlBool>`(d.title_key like ${like} or d.summary_key like ${like} or d.body_key like ${like})`;
}

async function findCandidates(db: Db, cooperativeId: string, terms: Array<{ forms: string[] }>, titlesOnly = false): Promise<Candidate[]> {
  const conditions = terms.map(
    (t) =>
      sql<SqlBool>`(${sql.join(
        t.forms.map((f) => formCondition(db, cooperativeId, f, !titlesOnly)),
        sql` or `,
      )})`,
  );
  // Keys only (what ranking reads) and, for products, price, season and stock in the same
  // query; titles, summaries and bodies are read later for the one page shown.
  const columns = titlesOnly
    ? sql`d.id, d.type, d.ref_id, d.slug, d.title, d.title_key, '' as summary_key, '' as body_key, null as price_from_minor, 0 as season_mask, 0 as in_stock`
    : sql`d.id, d.type, d.ref_id, d.slug, '' as title, d.title_key, d.summary_key, d.body_key, p.price_from_minor, p.season_mask,
        case when d.type = 'product' and exists (select 1 from variants v where v.product_id = d.ref_id and v.status = 'active' and v.stock_on_hand > 0) then 1 else 0 end as in_stock`;
  const result = await sql<Candidate>`select ${columns}
    from search_documents d left join products p on d.type = 'product' and p.id = d.ref_id
    where d.cooperative_id = ${cooperativeId} and ${sql.join(conditions, sql` and `)}
    order by d.id limit ${titlesOnly ? SUGGEST_CANDIDATE_LIMIT : SEARCH_CANDIDATE_LIMIT}`.execute(db);
  return result.rows;
}
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
  const candidates = await findCandidates(db, cooperativeId, terms);
  for (const c of candidates) facets[c.type as SearchDocumentType] += 1;
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
  const month = (options.now ?? new Date()).getUTCMonth();
  const wanted = new Set(options.types && options.types.length > 0 ? options.types : SEARCH_DOCUMENT_TYPES);
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
  const nextCursor = offset + limit < scored.length ? `o${offset + limit}` : null;
  return { items, total: scored.length, facets, nextCursor, terms: flatTerms };
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
  const candidates = await findCandidates(db, cooperativeId, [{ forms }], true);
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
  const conditions = terms.map(
    (t) =>
      sql<SqlBool>`(${sql.join(
        t.forms.map((f) => formCondition(db, cooperativeId, f, false)),
        sql` or `,
      )})`,
  );
  return sql<SqlBool>`id in (select d.ref_id from search_documents d where d.cooperative_id = ${cooperativeId} and d.type = ${type} and ${sql.join(conditions, sql` and `)})`;
}
