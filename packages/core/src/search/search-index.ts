import { sql, SqliteAdapter, type Kysely, type Transaction } from 'kysely';
import { foldText, pinyinForms, pinyinSyllables, plainText } from './search-fold';

/*
 * The search index: one row per public document in search_documents, kept in the same
 * transaction as the record by the writers of products, stories and chronicle entries.
 * Drafts, archived products and community-only or unpublished stories and entries are
 * removed from it, never indexed.
 */

// biome-ignore lint/suspicious/noExplicitAny: used by migrations (untyped) and modules alike.
type Db = Kysely<any> | Transaction<any>;

/** The kinds of record search finds. */
export type SearchDocumentType = 'product' | 'story' | 'chronicle';
export const SEARCH_DOCUMENT_TYPES: readonly SearchDocumentType[] = ['product', 'story', 'chronicle'];

type Localized = Record<string, string | undefined>;

const SEPARATOR = ' | ';
const GRAM_SOURCE_LIMIT = 400;

const isSqlite = (db: Db) => db.getExecutor().adapter instanceof SqliteAdapter;
const parse = (json: string | null | undefined): Localized => {
  if (!json) return {};
  try {
    const value = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Localized) : {};
  } catch {
    return {};
  }
};
const values = (text: Localized) => Object.values(text).filter((v): v is string => typeof v === 'string' && v.length > 0);

interface DocumentInput {
  cooperativeId: string;
  type: SearchDocumentType;
  refId: string;
  slug: string;
  title: Localized;
  summary: Localized;
  body: Localized;
  extra?: string[];
}

/** The title key: every locale's title, then the pinyin of the Chinese ones (full, spaced, initials). */
export function titleKeyOf(title: Localized): string {
  const parts = values(title).map(foldText);
  for (const part of parts) {
    const forms = pinyinForms(part);
    if (forms.full) parts.push(forms.full, forms.spaced, forms.initials);
  }
  return parts.join(SEPARATOR);
}

/**
 * Distinct one- and two-character grams of a key, for queries shorter than a trigram. Latin
 * grams come from titles (with their pinyin and initials) only; Chinese ones from titles and
 * summaries: enough for `xm` or `梨`, without a gram row for every letter of every summary.
 */
function gramsOf(key: string, hanOnly = false): Set<string> {
  const grams = new Set<string>();
  const separator = hanOnly ? /[^\p{Script=Han}]+/u : /[^\p{L}\p{N}]+/u;
  for (const run of key.slice(0, GRAM_SOURCE_LIMIT * 4).split(separator)) {
    const chars = [...run].slice(0, GRAM_SOURCE_LIMIT);
    for (let i = 0; i < chars.length; i++) {
      grams.add(chars[i]!);
      if (i + 1 < chars.length) grams.add(chars[i]! + chars[i + 1]!);
    }
  }
  return grams;
}

/**
 * The pinyin of each Chinese title by syllable, and by pair of syllables (`ying`, `tao`,
 * `yingtao`), as grams: a query word of one or two Chinese characters (樱桃) is then found
 * through the gram index alone, by its characters or its pinyin, in one lookup. Shorter than
 * three letters they are already grams of the joined pinyin.
 */
function syllableGramsOf(title: Localized): Set<string> {
  const grams = new Set<string>();
  for (const part of values(title)) {
    const syllables = pinyinSyllables(foldText(part)).slice(0, GRAM_SOURCE_LIMIT);
    for (let i = 0; i < syllables.length; i++) {
      for (const gram of [syllables[i]!, i + 1 < syllables.length ? syllables[i]! + syllables[i + 1]! : '']) if (gram.length >= 3) grams.add(gram);
    }
  }
  return grams;
}

const documentId = (type: SearchDocumentType, refId: string) => `${type}:${refId}`;

/** The FTS5 tables keyed by the rowid of search_documents (SQLite; migration 0015-search-compact). */
const FTS_TABLES = ['search_fts', 'search_gram_fts', 'search_title_fts'] as const;
/** Longest title part kept in search_title_parts (a btree key); longer ones are cut. */
export const TITLE_PART_LIMIT = 256;

/**
 * What the database holds of the index. Migrations reindex with today's code before later
 * migrations have run: 0015-search-compact rebuilds the index before search_title_parts
 * (0017-search-postgres) exists, and 0017 then fills it.
 */
interface IndexLayout {
  titleParts: boolean;
}
const CURRENT_LAYOUT: IndexLayout = { titleParts: true };

async function layoutOf(db: Db): Promise<IndexLayout> {
  const found = isSqlite(db)
    ? await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table' and name = 'search_title_parts'`.execute(db)
    : await sql<{ n: number }>`select count(*)::int as n from (select to_regclass('search_title_parts') as t) x where t is not null`.execute(db);
  return { titleParts: Number(found.rows[0]?.n ?? 0) > 0 };
}

/**
 * The distinct parts of a title key (each locale's title, its pinyin and initials; the spaced
 * pinyin is left out), for search_title_parts: the documents whose title equals or starts with a query
 * are found by a range scan over them, whatever else matches.
 *
 * @example
 * titlePartsOf('莱阳梨 | laiyang pear | laiyangli | lai yang li | lyl') // ['莱阳梨', 'laiyang pear', 'laiyangli', 'lyl']
 */
function titlePartsOf(titleKey: string): string[] {
  const parts = new Set(titleKey.split(SEPARATOR).map((p) => [...p].slice(0, TITLE_PART_LIMIT).join('')));
  // The spaced pinyin starts with a query (which has no spaces) only where the joined pinyin does.
  return [...parts].filter((p) => p.length > 0 && !(p.includes(' ') && parts.has(p.replace(/ /g, ''))));
}

async function removeFtsRows(db: Db, rowid: number): Promise<void> {
  // contentless_delete=1: a row goes by rowid alone, whatever was indexed for it.
  for (const table of FTS_TABLES) await sql`delete from ${sql.id(table)} where rowid = ${rowid}`.execute(db);
}

/** Deletes a document's title parts by primary key (no index on the document alone). */
async function removeTitleParts(db: Db, cooperativeId: string, titleKey: string, ref: number | string): Promise<void> {
  const parts = titlePartsOf(titleKey);
  if (parts.length === 0) return;
  const column = isSqlite(db) ? sql.ref('doc') : sql.ref('document_id');
  await sql`delete from search_title_parts where cooperative_id = ${cooperativeId} and part in (${sql.join(parts)}) and ${column} = ${ref}`.execute(db);
}

async function removeDocument(db: Db, id: string, layout: IndexLayout = CURRENT_LAYOUT): Promise<void> {
  // One statement finds and deletes the row; its index entries go by what it returns.
  const sqlite = isSqlite(db);
  const deleted = await sql<{
    ref: number | string;
    cooperative_id: string;
    title_key: string;
  }>`delete from search_documents where id = ${id} returning ${sqlite ? sql`doc` : sql`id`} as ref, cooperative_id, title_key`.execute(db);
  const old = deleted.rows[0];
  if (!old) return;
  if (sqlite) await removeFtsRows(db, Number(old.ref));
  if (layout.titleParts) await removeTitleParts(db, old.cooperative_id, old.title_key, old.ref);
}

/** Writes a document's title parts (see {@link titlePartsOf}). */
async function writeTitleParts(db: Db, cooperativeId: string, titleKey: string, ref: number | string): Promise<void> {
  const parts = titlePartsOf(titleKey);
  if (parts.length === 0) return;
  const column = isSqlite(db) ? sql.ref('doc') : sql.ref('document_id');
  await sql`insert into search_title_parts (cooperative_id, part, ${column}) values ${sql.join(parts.map((part) => sql`(${cooperativeId}, ${part}, ${ref})`))}
    on conflict do nothing`.execute(db);
}

async function writeDocument(db: Db, input: DocumentInput, layout: IndexLayout = CURRENT_LAYOUT): Promise<void> {
  const id = documentId(input.type, input.refId);
  await removeDocument(db, id, layout);
  const body: Localized = {};
  for (const [locale, text] of Object.entries(input.body)) if (text) body[locale] = plainText(text);
  const titleKey = titleKeyOf(input.title);
  const summaryKey = [...values(input.summary), ...(input.extra ?? [])].map(foldText).join(SEPARATOR);
  const bodyKey = values(body).map(foldText).join(SEPARATOR);
  const titleGrams = new Set([...gramsOf(titleKey), ...syllableGramsOf(input.title)]);
  const summaryGrams = gramsOf(summaryKey, true);
  const sqlite = isSqlite(db);
  const values_ = {
    id,
    cooperative_id: input.cooperativeId,
    type: input.type,
    ref_id: input.refId,
    slug: input.slug,
    title: JSON.stringify(input.title),
    summary: JSON.stringify(input.summary),
    body: JSON.stringify(body),
    title_key: titleKey,
    summary_key: summaryKey,
    body_key: bodyKey,
    updated_at: new Date().toISOString(),
  };
  if (!sqlite) {
    // PostgreSQL: the grams live in a text[] column with a GIN index.
    await db
      .insertInto('search_documents')
      .values({ ...values_, grams: [...new Set([...titleGrams, ...summaryGrams])] } as typeof values_)
      .execute();
    if (layout.titleParts) await writeTitleParts(db, input.cooperativeId, titleKey, id);
    return;
  }
  const inserted = await sql<{
    rid: number;
  }>`insert into search_documents (id, cooperative_id, type, ref_id, slug, title, summary, body, title_key, summary_key, body_key, updated_at)
    values (${values_.id}, ${values_.cooperative_id}, ${values_.type}, ${values_.ref_id}, ${values_.slug}, ${values_.title}, ${values_.summary}, ${values_.body},
      ${titleKey}, ${summaryKey}, ${bodyKey}, ${values_.updated_at}) returning rowid as rid`.execute(db);
  const rowid = inserted.rows[0]!.rid;
  // A cooperative deleted by cascade leaves its FTS rows behind; a reused rowid clears them.
  await removeFtsRows(db, rowid);
  await sql`insert into search_fts (rowid, title_key, summary_key, body_key) values (${rowid}, ${titleKey}, ${summaryKey}, ${bodyKey})`.execute(db);
  await sql`insert into search_gram_fts (rowid, title_grams, summary_grams) values (${rowid}, ${[...titleGrams].join(' ')}, ${[...summaryGrams].join(' ')})`.execute(
    db,
  );
  await sql`insert into search_title_fts (rowid, words) values (${rowid}, ${titleKey})`.execute(db);
  if (layout.titleParts) await writeTitleParts(db, input.cooperativeId, titleKey, rowid);
}

/**
 * Brings one product's search document in line with the product: indexed when active,
 * removed otherwise (or when the product is gone). Call it in the transaction that wrote it.
 *
 * @example
 * await db.transaction().execute(async (trx) => { await updateProduct(trx, product); await indexProduct(trx, product.id); });
 */
export async function indexProduct(db: Db, productId: string): Promise<void> {
  await writeProduct(db, productId, CURRENT_LAYOUT);
}

async function writeProduct(db: Db, productId: string, layout: IndexLayout): Promise<void> {
  const row = await db.selectFrom('products').selectAll().where('id', '=', productId).executeTakeFirst();
  if (!row || row.status !== 'active') return removeDocument(db, documentId('product', productId), layout);
  let tags: string[] = [];
  try {
    const parsed = JSON.parse(row.tags);
    if (Array.isArray(parsed)) tags = parsed.filter((t): t is string => typeof t === 'string');
  } catch {
    tags = [];
  }
  await writeDocument(
    db,
    {
      cooperativeId: row.cooperative_id,
      type: 'product',
      refId: row.id,
      slug: row.slug,
      title: parse(row.title),
      summary: parse(row.summary),
      body: parse(row.description),
      extra: tags,
    },
    layout,
  );
}

/**
 * Brings one story's search document in line with the story: indexed only when public and
 * published, removed otherwise.
 *
 * @example
 * await indexStory(trx, story.id);
 */
export async function indexStory(db: Db, storyId: string): Promise<void> {
  await writeStory(db, storyId, CURRENT_LAYOUT);
}

async function writeStory(db: Db, storyId: string, layout: IndexLayout): Promise<void> {
  const row = await db.selectFrom('stories').selectAll().where('id', '=', storyId).executeTakeFirst();
  if (!row || row.visibility !== 'public' || row.status !== 'published') return removeDocument(db, documentId('story', storyId), layout);
  await writeDocument(
    db,
    {
      cooperativeId: row.cooperative_id,
      type: 'story',
      refId: row.id,
      slug: row.slug,
      title: parse(row.title),
      summary: parse(row.summary),
      body: parse(row.body),
    },
    layout,
  );
}

/**
 * Brings one chronicle entry's search document in line with the entry: indexed only when
 * public and published.
 *
 * @example
 * await indexChronicleEntry(trx, entry.id);
 */
export async function indexChronicleEntry(db: Db, entryId: string): Promise<void> {
  await writeChronicleEntry(db, entryId, CURRENT_LAYOUT);
}

async function writeChronicleEntry(db: Db, entryId: string, layout: IndexLayout): Promise<void> {
  const row = await db.selectFrom('chronicle_entries').selectAll().where('id', '=', entryId).executeTakeFirst();
  if (!row || row.visibility !== 'public' || row.status !== 'published') return removeDocument(db, documentId('chronicle', entryId), layout);
  await writeDocument(
    db,
    {
      cooperativeId: row.cooperative_id,
      type: 'chronicle',
      refId: row.id,
      slug: row.slug,
      title: parse(row.title),
      summary: {},
      body: parse(row.body),
    },
    layout,
  );
}

/**
 * Removes the document of a record that was deleted (the delete itself may already have
 * cascaded; this is harmless then).
 *
 * @example
 * await unindexDocument(trx, 'story', storyId);
 */
export async function unindexDocument(db: Db, type: SearchDocumentType, refId: string): Promise<void> {
  await removeDocument(db, documentId(type, refId));
}

/**
 * Removes every search document of a cooperative (before the cooperative itself is deleted,
 * or a rebuild).
 *
 * @example
 * await clearCooperativeIndex(trx, coop.id);
 */
export async function clearCooperativeIndex(db: Db, cooperativeId: string): Promise<void> {
  await clearCooperative(db, cooperativeId, CURRENT_LAYOUT);
}

async function clearCooperative(db: Db, cooperativeId: string, layout: IndexLayout): Promise<void> {
  if (layout.titleParts) await sql`delete from search_title_parts where cooperative_id = ${cooperativeId}`.execute(db);
  if (isSqlite(db)) {
    for (const table of FTS_TABLES) {
      await sql`delete from ${sql.id(table)} where rowid in (select rowid from search_documents where cooperative_id = ${cooperativeId})`.execute(db);
    }
  }
  await db.deleteFrom('search_documents').where('cooperative_id', '=', cooperativeId).execute();
}

/**
 * Rebuilds the search documents of one cooperative from its records. Returns how many
 * documents it now has.
 *
 * @example
 * const count = await reindexCooperative(db, coop.id);
 */
export async function reindexCooperative(db: Db, cooperativeId: string): Promise<number> {
  const run = async (trx: Db) => {
    const layout = await layoutOf(trx);
    await clearCooperative(trx, cooperativeId, layout);
    const products = await trx.selectFrom('products').select('id').where('cooperative_id', '=', cooperativeId).where('status', '=', 'active').execute();
    for (const p of products) await writeProduct(trx, p.id, layout);
    const stories = await trx.selectFrom('stories').select('id').where('cooperative_id', '=', cooperativeId).execute();
    for (const s of stories) await writeStory(trx, s.id, layout);
    const entries = await trx.selectFrom('chronicle_entries').select('id').where('cooperative_id', '=', cooperativeId).execute();
    for (const e of entries) await writeChronicleEntry(trx, e.id, layout);
    const count = await trx
      .selectFrom('search_documents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('cooperative_id', '=', cooperativeId)
      .executeTakeFirst();
    return Number(count?.n ?? 0);
  };
  return db.isTransaction ? run(db) : (db as Kysely<any>).transaction().execute(run);
}

/**
 * Rebuilds the search documents of every cooperative. Returns the number of documents.
 *
 * @example
 * await reindexAll(db);
 */
export async function reindexAll(db: Db): Promise<number> {
  const coops = await db.selectFrom('cooperatives').select('id').orderBy('id').execute();
  let total = 0;
  for (const coop of coops) total += await reindexCooperative(db, coop.id);
  return total;
}

/**
 * Runs `fn` in the caller's transaction, or in a new one when given a plain database: a record
 * and its search document are always written together.
 *
 * @example
 * await inWriteTransaction(db, async (trx) => { await trx.updateTable('stories')…; await indexStory(trx, id); });
 */
export async function inWriteTransaction<DB, T>(db: Kysely<DB> | Transaction<DB>, fn: (trx: Kysely<DB> | Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : (db as Kysely<DB>).transaction().execute(fn);
}
