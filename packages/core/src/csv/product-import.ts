import { parse, type Options } from 'csv-parse';
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../accounts/audit-log';
import { recordAudit } from '../accounts/audit-log';
import { addVariant, insertProduct, listProductsWithVariants, updateProduct, updateVariant } from '../catalog/catalog-editor';
import { cooperativePricing } from '../cooperatives/cooperatives';
import { setStockIfUnchanged } from '../inventory/stock-adjustments';
import { refreshProductPriceFrom } from '../catalog/catalog-writer';
import { newId } from '../catalog/ids';
import type { Product, ProductCategory, ProductStatus, SaleUnit, Variant } from '../catalog/types';
import type { LocalizedText } from '../locale/locale';
import type { TerroirTables } from '../db/schema';
import { decodeCsvBytes, type CsvEncoding } from './csv-decoding';
import { parsePriceToMinor, toHalfWidth } from './price-parsing';
import { parseUnit } from './unit-parsing';

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;

/** The columns of a product CSV, each with the header spellings accepted for it. */
export const PRODUCT_CSV_COLUMNS = {
  product_slug: ['product_slug', 'slug', '商品标识', '商品编码'],
  category: ['category', '类别', '分类'],
  status: ['status', '状态'],
  title_zh: ['title_zh', '名称', '商品名称'],
  title_en: ['title_en', '英文名称'],
  summary_zh: ['summary_zh', '简介'],
  summary_en: ['summary_en', '英文简介'],
  tags: ['tags', '标签'],
  sku: ['sku', '货号'],
  variant_zh: ['variant_zh', '规格'],
  variant_en: ['variant_en', '英文规格'],
  price: ['price', '价格', '单价', '售价'],
  unit: ['unit', '单位'],
  quantity: ['quantity', '数量'],
  net_grams: ['net_grams', '净重克', '净重(克)'],
  stock: ['stock', '库存'],
  variant_status: ['variant_status', '规格状态'],
} as const;
export type ProductCsvColumn = keyof typeof PRODUCT_CSV_COLUMNS;

/** Limits that keep one upload from tying up the server. */
export const PRODUCT_IMPORT_LIMITS = { maxRows: 5000, maxCellLength: 2000, maxBytes: 5 * 1024 * 1024 };

/** One problem, where a person can find it in their spreadsheet (row 1 is the header). */
export interface ImportRowError {
  row: number;
  column: ProductCsvColumn | null;
  reason: string;
  message: string;
}

export type ImportAction = 'create' | 'update' | 'unchanged';

export interface ImportRowPlan {
  row: number;
  productSlug: string;
  variant: string;
  action: ImportAction;
  /** Fields that would change (for updates), e.g. `price`, `stock`, `title_zh`. */
  changes: string[];
}

export interface ProductImportPlan {
  encoding: CsvEncoding;
  valid: boolean;
  errors: ImportRowError[];
  rows: ImportRowPlan[];
  summary: Record<ImportAction, number>;
}

const CATEGORY_ALIASES: Record<string, ProductCategory> = {
  fresh: 'fresh', 生鲜: 'fresh', 鲜果: 'fresh', 农产品: 'fresh',
  processed: 'processed', 加工: 'processed', 加工品: 'processed', 加工食品: 'processed',
  craft: 'craft', 手工艺: 'craft', 手工: 'craft', 工艺品: 'craft',
  experience: 'experience', 体验: 'experience',
};
const STATUS_ALIASES: Record<string, ProductStatus> = {
  active: 'active', 上架: 'active', 在售: 'active',
  draft: 'draft', 草稿: 'draft',
  archived: 'archived', 下架: 'archived', 归档: 'archived',
};

interface ParsedRow {
  row: number;
  productSlug: string;
  /** Product-level values from this row, for the consistency check across a product's rows. */
  product: { category?: ProductCategory; status?: ProductStatus; title: LocalizedText; summary: LocalizedText; tags?: string[] };
  variantKey: string;
  /** `null` for a product row without a variant (every variant column empty): how the export writes a product that has none. */
  variant: { sku?: string; label: LocalizedText; priceMinor: number; unit: SaleUnit; unitQuantity: number; netGrams?: number; stockOnHand?: number; status?: ProductStatus } | null;
}

/** The columns that describe a variant; a row with all of them empty is a product without variants. */
const VARIANT_COLUMNS: readonly ProductCsvColumn[] = ['sku', 'variant_zh', 'variant_en', 'price', 'unit', 'quantity', 'net_grams', 'stock', 'variant_status'];

/** Undoes the export's guard against spreadsheet formulas (a leading apostrophe). */
function unguard(cell: string): string {
  return /^''*[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

function normalizeHeader(cell: string): string {
  return toHalfWidth(cell).trim().toLowerCase().replace(/\s+/g, '_');
}

function headerIndex(header: string[], errors: ImportRowError[]): Partial<Record<ProductCsvColumn, number>> {
  const index: Partial<Record<ProductCsvColumn, number>> = {};
  header.forEach((raw, i) => {
    const name = normalizeHeader(raw);
    if (name === '') return;
    const column = (Object.keys(PRODUCT_CSV_COLUMNS) as ProductCsvColumn[]).find((c) => (PRODUCT_CSV_COLUMNS[c] as readonly string[]).some((alias) => normalizeHeader(alias) === name));
    if (!column) {
      errors.push({ row: 1, column: null, reason: 'unknown_column', message: `Unknown column "${raw.slice(0, 50)}".` });
    } else if (index[column] !== undefined) {
      errors.push({ row: 1, column, reason: 'duplicate_column', message: `Column ${column} appears twice.` });
    } else {
      index[column] = i;
    }
  });
  for (const required of ['product_slug', 'price', 'unit'] as const) {
    if (index[required] === undefined) errors.push({ row: 1, column: required, reason: 'missing_column', message: `The column ${required} is required.` });
  }
  if (index.title_zh === undefined && index.title_en === undefined) errors.push({ row: 1, column: 'title_zh', reason: 'missing_column', message: 'A title column (title_zh or title_en) is required.' });
  return index;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function parseRows(records: string[][], errors: ImportRowError[]): { index: Partial<Record<ProductCsvColumn, number>>; rows: ParsedRow[] } {
  const [header = [], ...data] = records;
  const index = headerIndex(header, errors);
  if (errors.length > 0) return { index, rows: [] };
  const rows: ParsedRow[] = [];
  data.forEach((record, i) => {
    const row = i + 2;
    if (record.every((cell) => cell.trim() === '')) return;
    const fail = (column: ProductCsvColumn | null, reason: string, message: string) => errors.push({ row, column, reason, message });
    const cell = (column: ProductCsvColumn): string | undefined => {
      const at = index[column];
      if (at === undefined) return undefined;
      const value = unguard((record[at] ?? '').trim());
      if (value.length > PRODUCT_IMPORT_LIMITS.maxCellLength) {
        fail(column, 'too_long', `At most ${PRODUCT_IMPORT_LIMITS.maxCellLength} characters.`);
        return '';
      }
      return value;
    };
    const before = errors.length;
    const productOnly = VARIANT_COLUMNS.every((column) => !cell(column));
    const slug = toHalfWidth(cell('product_slug') ?? '').toLowerCase();
    if (!SLUG.test(slug) || slug.length > 80) fail('product_slug', 'invalid_slug', 'Use lower-case letters, digits and single hyphens (at most 80).');
    const categoryCell = cell('category');
    const category = categoryCell ? CATEGORY_ALIASES[categoryCell.toLowerCase()] : undefined;
    if (categoryCell && !category) fail('category', 'unknown_category', `Unknown category "${categoryCell}" (fresh/生鲜, processed/加工, craft/手工艺, experience/体验).`);
    const statusCell = cell('status');
    const status = statusCell ? STATUS_ALIASES[statusCell.toLowerCase()] : undefined;
    if (statusCell && !status) fail('status', 'unknown_status', `Unknown status "${statusCell}" (active/上架, draft/草稿, archived/下架).`);
    const variantStatusCell = cell('variant_status');
    const variantStatus = variantStatusCell ? STATUS_ALIASES[variantStatusCell.toLowerCase()] : undefined;
    if (variantStatusCell && !variantStatus) fail('variant_status', 'unknown_status', `Unknown status "${variantStatusCell}".`);
    const text = (zh: ProductCsvColumn, en: ProductCsvColumn, max: number): LocalizedText => {
      const out: LocalizedText = {};
      const z = cell(zh);
      const e = cell(en);
      if (z) out['zh-CN'] = z;
      if (e) out.en = e;
      for (const [column, value] of [[zh, z], [en, e]] as const) if (value && value.length > max) fail(column, 'too_long', `At most ${max} characters.`);
      return out;
    };
    const title = text('title_zh', 'title_en', 200);
    if (!title['zh-CN'] && !title.en) fail(index.title_zh !== undefined ? 'title_zh' : 'title_en', 'required', 'A product needs a title.');
    const summary = text('summary_zh', 'summary_en', 500);
    const tagsCell = cell('tags');
    const tags = tagsCell === undefined ? undefined : tagsCell.split(/[|;；,，、]/).map((t) => t.trim()).filter(Boolean);
    if (tags && (tags.length > 30 || tags.some((t) => t.length > 40))) fail('tags', 'too_long', 'At most 30 tags of 40 characters.');
    if (productOnly) {
      if (errors.length === before) rows.push({ row, productSlug: slug, product: { category, status, title, summary, tags }, variantKey: '', variant: null });
      return;
    }
    const label = text('variant_zh', 'variant_en', 100);
    const sku = cell('sku') || undefined;
    if (sku && sku.length > 64) fail('sku', 'too_long', 'At most 64 characters.');
    const priceCell = cell('price') ?? '';
    const priceMinor = parsePriceToMinor(priceCell);
    if (priceMinor === null) fail('price', 'invalid_price', `Cannot read "${priceCell.slice(0, 30)}" as a price (e.g. 12.5, ¥12.50, 12元).`);
    const unitCell = cell('unit') ?? '';
    const unit = parseUnit(unitCell);
    if (!unit) fail('unit', 'unknown_unit', `Unknown unit "${unitCell.slice(0, 20)}" (斤, 公斤/千克, 克, 个, 盒, 把/捆).`);
    const wholeNumber = (column: ProductCsvColumn, min: number, max: number): number | undefined => {
      const value = cell(column);
      if (value === undefined || value === '') return undefined;
      const normalized = toHalfWidth(value).replace(/\s+/g, '');
      if (!/^\d{1,9}$/.test(normalized) || Number(normalized) < min || Number(normalized) > max) {
        fail(column, 'invalid_number', `Use a whole number from ${min} to ${max}.`);
        return undefined;
      }
      return Number(normalized);
    };
    const quantityCell = wholeNumber('quantity', 1, 100_000);
    if (quantityCell !== undefined && unit?.quantity != null && unit.quantity !== quantityCell) fail('quantity', 'conflict', 'The quantity differs from the one in the unit cell.');
    const netGrams = wholeNumber('net_grams', 1, 10_000_000);
    const stock = wholeNumber('stock', 0, 10_000_000);
    if (errors.length > before) return;
    rows.push({
      row,
      productSlug: slug,
      product: { category, status, title, summary, tags },
      variantKey: sku ? `sku:${sku}` : `label:${label['zh-CN'] ?? label.en ?? ''}`,
      variant: { sku, label, priceMinor: priceMinor!, unit: unit!.unit, unitQuantity: quantityCell ?? unit!.quantity ?? 1, netGrams, stockOnHand: stock, status: variantStatus },
    });
  });
  return { index, rows };
}

interface ProductGroup {
  slug: string;
  rows: ParsedRow[];
}

function sameJson(a: unknown, b: unknown) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function groupRows(rows: ParsedRow[], errors: ImportRowError[]): ProductGroup[] {
  const groups = new Map<string, ProductGroup>();
  for (const row of rows) {
    const group = groups.get(row.productSlug) ?? { slug: row.productSlug, rows: [] };
    const first = group.rows[0];
    if (first) {
      // A product's own columns must agree on every one of its variant rows.
      for (const [field, column] of [['category', 'category'], ['status', 'status'], ['title', 'title_zh'], ['summary', 'summary_zh'], ['tags', 'tags']] as const) {
        if (!sameJson(first.product[field], row.product[field])) {
          errors.push({ row: row.row, column, reason: 'inconsistent_product', message: `Differs from row ${first.row} for the same product.` });
        }
      }
      if (!row.variant || group.rows.some((r) => !r.variant)) {
        errors.push({ row: row.row, column: 'price', reason: 'inconsistent_product', message: `A row without a variant must be its product's only row (see row ${first.row}).` });
      }
      const twin = row.variant && group.rows.find((r) => r.variantKey === row.variantKey);
      if (twin && row.variant) errors.push({ row: row.row, column: row.variant.sku ? 'sku' : 'variant_zh', reason: 'duplicate_variant', message: `Same variant as row ${twin.row}; give each variant a distinct sku or 规格.` });
    }
    group.rows.push(row);
    groups.set(row.productSlug, group);
  }
  return [...groups.values()];
}

type ExistingProduct = Product & { variants: Variant[] };

async function loadExisting(db: Db, cooperativeId: string, slugs: string[]): Promise<Map<string, ExistingProduct>> {
  const out = new Map<string, ExistingProduct>();
  for (let i = 0; i < slugs.length; i += 500) {
    const chunk = slugs.slice(i, i + 500);
    for (const product of await listProductsWithVariants(db, cooperativeId, { slugs: chunk })) out.set(product.slug, product);
  }
  return out;
}

function findVariant(existing: ExistingProduct | undefined, row: ParsedRow): Variant | undefined {
  if (!existing) return undefined;
  if (!row.variant) return undefined;
  const sku = row.variant.sku;
  if (sku) return existing.variants.find((v) => v.sku === sku);
  const key = row.variantKey.slice('label:'.length);
  // Compared as the export wrote the label and the importer reads it back: trimmed, and an
  // empty Chinese label gives way to the English one.
  return existing.variants.find((v) => !v.sku && (v.label['zh-CN']?.trim() || v.label.en?.trim() || '') === key);
}

interface Change {
  row: ParsedRow;
  action: ImportAction;
  changes: string[];
  product: Product;
  productIsNew: boolean;
  productChanged: boolean;
  /** `null` for a product row without a variant. */
  variant: Variant | null;
  variantIsNew: boolean;
  variantChanged: boolean;
  stockFrom: number | null;
}

function desiredChanges(groups: ProductGroup[], existing: Map<string, ExistingProduct>, cooperativeId: string, currency: string, index: Partial<Record<ProductCsvColumn, number>>, errors: ImportRowError[]): Change[] {
  const has = (column: ProductCsvColumn) => index[column] !== undefined;
  const at = new Date().toISOString();
  const out: Change[] = [];
  for (const group of groups) {
    const current = existing.get(group.slug);
    const first = group.rows[0]!;
    if (!current && !first.product.category) {
      errors.push({ row: first.row, column: 'category', reason: 'required', message: 'A new product needs a category.' });
      continue;
    }
    // Only columns present in the file change a product: a price list without summaries
    // leaves the summaries alone.
    // Cells are read trimmed, so a stored text that equals its cell up to surrounding
    // whitespace (or is "" or blank under an empty cell) is left as it is: re-importing an
    // unchanged export must change nothing.
    const merged = (field: LocalizedText, zh: ProductCsvColumn, en: ProductCsvColumn, value: LocalizedText): LocalizedText => {
      const next: LocalizedText = { ...field };
      for (const [column, locale] of [[zh, 'zh-CN'], [en, 'en']] as const) {
        if (!has(column) || (next[locale] ?? '').trim() === (value[locale] ?? '')) continue;
        if (value[locale]) next[locale] = value[locale];
        else delete next[locale];
      }
      return next;
    };
    const base: Product = current ?? {
      id: newId('prd'),
      cooperativeId,
      slug: group.slug,
      category: first.product.category!,
      title: {},
      summary: {},
      description: {},
      images: [],
      tags: [],
      certifications: [],
      harvestWindows: [],
      preorder: false,
      status: 'active',
      position: 0,
      createdAt: at,
      updatedAt: at,
    };
    const product: Product = {
      ...base,
      category: first.product.category ?? base.category,
      status: first.product.status ?? base.status,
      title: merged(base.title, 'title_zh', 'title_en', first.product.title),
      summary: merged(base.summary, 'summary_zh', 'summary_en', first.product.summary),
      tags: first.product.tags ?? base.tags,
    };
    const productChanges = current
      ? (['category', 'status', 'title', 'summary', 'tags'] as const).filter((f) => !sameJson(current[f], product[f]))
      : [];
    group.rows.forEach((row, position) => {
      if (!row.variant) {
        out.push({
          row,
          action: !current ? 'create' : productChanges.length > 0 ? 'update' : 'unchanged',
          changes: productChanges,
          product,
          productIsNew: !current,
          productChanged: productChanges.length > 0,
          variant: null,
          variantIsNew: false,
          variantChanged: false,
          stockFrom: null,
        });
        return;
      }
      const rowVariant = row.variant;
      const found = findVariant(current, row);
      const variant: Variant = {
        ...(found ?? { id: newId('var'), productId: product.id, currency, stockOnHand: 0, status: 'active' as const, position }),
        sku: rowVariant.sku ?? found?.sku,
        label: found ? merged(found.label, 'variant_zh', 'variant_en', rowVariant.label) : rowVariant.label,
        priceMinor: rowVariant.priceMinor,
        unit: rowVariant.unit,
        unitQuantity: rowVariant.unitQuantity,
        netGrams: has('net_grams') ? rowVariant.netGrams : found?.netGrams,
        status: rowVariant.status ?? found?.status ?? 'active',
      };
      if (variant.netGrams === undefined) delete variant.netGrams;
      if (variant.sku === undefined) delete variant.sku;
      const targetStock = rowVariant.stockOnHand ?? found?.stockOnHand ?? 0;
      if (found && found.currency !== currency) errors.push({ row: row.row, column: 'price', reason: 'mixed_currency', message: `This variant is priced in ${found.currency}.` });
      const variantChanges = found
        ? [
            ...(['label', 'priceMinor', 'unit', 'unitQuantity', 'netGrams', 'status', 'sku'] as const).filter((f) => !sameJson(found[f], variant[f])).map((f) => (f === 'priceMinor' ? 'price' : f)),
            ...(found.stockOnHand !== targetStock ? ['stock'] : []),
          ]
        : [];
      const changes = [...(position === 0 ? productChanges : []), ...variantChanges];
      const isNew = !current || !found;
      out.push({
        row,
        action: isNew ? 'create' : changes.length > 0 ? 'update' : 'unchanged',
        changes,
        product,
        productIsNew: !current,
        productChanged: position === 0 && productChanges.length > 0,
        variant: { ...variant, stockOnHand: found ? found.stockOnHand : targetStock },
        variantIsNew: !found,
        variantChanged: variantChanges.some((c) => c !== 'stock'),
        stockFrom: found && found.stockOnHand !== targetStock ? found.stockOnHand : null,
      });
      if (found && found.stockOnHand !== targetStock) out[out.length - 1]!.variant = { ...variant, stockOnHand: targetStock };
    });
  }
  return out;
}

/**
 * Text handed to the CSV parser at a time; the event loop gets a turn between slices.
 * Small, because csv-parse costs tens of microseconds per record: 512 characters of the tiniest rows
 * is under two hundred records, a few milliseconds.
 */
const PARSE_SLICE_CHARS = 512;

/**
 * Parses CSV text a slice at a time, yielding to other requests (a shopper's page) between
 * slices, and stops as soon as there are more than `maxRecords`: a hostile file must not
 * hold the one thread a small site has (issue 14 #13).
 */
function parseInSlices(text: string, options: Options, maxRecords: number): Promise<{ records: string[][]; tooMany: boolean }> {
  return new Promise((resolve, reject) => {
    const records: string[][] = [];
    let finished = false;
    const parser = parse(options);
    const finish = (tooMany: boolean) => {
      if (finished) return;
      finished = true;
      if (tooMany) parser.destroy();
      resolve({ records, tooMany });
    };
    // 'data', not an async iterator: one promise per record made the loop itself the stall.
    parser.on('data', (record: string[]) => {
      if (finished) return;
      records.push(record);
      if (records.length > maxRecords) finish(true);
    });
    parser.on('error', (error) => {
      if (!finished) {
        finished = true;
        reject(error);
      }
    });
    parser.on('end', () => finish(false));
    void (async () => {
      for (let at = 0; at < text.length && !finished; at += PARSE_SLICE_CHARS) {
        parser.write(text.slice(at, at + PARSE_SLICE_CHARS));
        await new Promise<void>((resume) => setImmediate(resume));
      }
      if (!finished) parser.end();
    })();
  });
}

/**
 * Decodes and parses a CSV a slice at a time and stops at the row limit: a file of a
 * million tiny rows costs the first 5,001 of them, never a full synchronous parse.
 */
async function decodeAndParse(bytes: Uint8Array, errors: ImportRowError[]): Promise<{ encoding: CsvEncoding; records: string[][] }> {
  if (bytes.byteLength > PRODUCT_IMPORT_LIMITS.maxBytes) {
    errors.push({ row: 0, column: null, reason: 'file_too_large', message: `Files of at most ${PRODUCT_IMPORT_LIMITS.maxBytes} bytes.` });
    return { encoding: 'utf-8', records: [] };
  }
  const { text, encoding } = decodeCsvBytes(bytes);
  const delimiter = text.includes('\t') && !text.includes(',') ? '\t' : ',';
  try {
    // The header plus maxRows rows; one more record means the file is over the limit.
    const { records, tooMany } = await parseInSlices(text, { relax_column_count: true, skip_empty_lines: false, bom: true, max_record_size: 64 * 1024, delimiter }, PRODUCT_IMPORT_LIMITS.maxRows + 1);
    if (tooMany) {
      errors.push({ row: 0, column: null, reason: 'too_many_rows', message: `At most ${PRODUCT_IMPORT_LIMITS.maxRows} rows per file.` });
      return { encoding, records: [] };
    }
    if (records.length < 2) errors.push({ row: 1, column: null, reason: 'empty_file', message: 'The file has no rows under its header.' });
    return { encoding, records };
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    errors.push({ row: line, column: null, reason: 'malformed_csv', message: `The file is not valid CSV near line ${line} (an unclosed quote?).` });
    return { encoding, records: [] };
  }
}

/** A file decoded and parsed (outside any transaction), with the problems found so far. */
type ParsedCsv = { encoding: CsvEncoding; records: string[][]; errors: ImportRowError[] };

async function parseFile(bytes: Uint8Array): Promise<ParsedCsv> {
  const errors: ImportRowError[] = [];
  return { ...(await decodeAndParse(bytes, errors)), errors };
}

async function plan(db: Db, cooperativeId: string, parsed: ParsedCsv) {
  const errors = [...parsed.errors];
  const { encoding, records } = parsed;
  let changes: Change[] = [];
  if (errors.length === 0) {
    const coop = await cooperativePricing(db, cooperativeId);
    const { index, rows } = parseRows(records, errors);
    const groups = groupRows(rows, errors);
    const existing = await loadExisting(db, cooperativeId, groups.map((g) => g.slug));
    changes = desiredChanges(groups, existing, cooperativeId, coop.currency, index, errors);
  }
  errors.sort((a, b) => a.row - b.row);
  const summary: Record<ImportAction, number> = { create: 0, update: 0, unchanged: 0 };
  for (const change of changes) summary[change.action]++;
  const result: ProductImportPlan = {
    encoding,
    valid: errors.length === 0,
    errors: errors.slice(0, 500),
    rows: changes.map((c) => ({ row: c.row.row, productSlug: c.row.productSlug, variant: c.variant ? (c.variant.sku ?? c.variant.label['zh-CN'] ?? c.variant.label.en ?? '') : '', action: c.action, changes: c.changes })),
    summary,
  };
  return { result, changes };
}

/**
 * What importing a product CSV would do, row by row, without writing anything.
 *
 * @example
 * const plan = await planProductImport(db, coop.id, await readFile('prices.csv'));
 * if (!plan.valid) console.table(plan.errors);
 */
export async function planProductImport(db: Db, cooperativeId: string, bytes: Uint8Array): Promise<ProductImportPlan> {
  return (await plan(db, cooperativeId, await parseFile(bytes))).result;
}

/** Thrown when stock changed between reading and writing (an order came in): nothing was written. */
export class ImportConflictError extends Error {
  constructor(readonly row: number) {
    super(`Stock of the variant on row ${row} changed during the import; nothing was written. Try again.`);
    this.name = 'ImportConflictError';
  }
}

/**
 * Imports a product CSV in one transaction: every row valid, or nothing written. Stock
 * changes are recorded as `count-correction` adjustments. Re-importing the same file
 * changes nothing.
 *
 * @example
 * const plan = await importProducts(db, coop.id, bytes, { actor });
 * console.log(plan.summary); // { create: 3, update: 1, unchanged: 12 }
 */
export async function importProducts(db: Kysely<TerroirTables>, cooperativeId: string, bytes: Uint8Array, options: { actor?: Actor } = {}): Promise<ProductImportPlan> {
  // Parsed before the transaction opens: the parse yields to other requests, and must not
  // hold the database meanwhile.
  const parsed = await parseFile(bytes);
  return db.transaction().execute(async (trx) => {
    const { result, changes } = await plan(trx, cooperativeId, parsed);
    if (!result.valid) return result;
    const touched = new Set<string>();
    const createdProducts = new Set<string>();
    const userId = options.actor?.kind === 'user' ? options.actor.userId : null;
    for (const change of changes) {
      if (change.productIsNew && !createdProducts.has(change.product.id)) {
        await insertProduct(trx, change.product);
        createdProducts.add(change.product.id);
      } else if (change.productChanged) {
        await updateProduct(trx, change.product);
      }
      if (!change.variant) {
        // A product without variants: nothing more to write.
      } else if (change.variantIsNew) {
        await addVariant(trx, change.variant);
      } else {
        if (change.variantChanged) await updateVariant(trx, change.variant);
        if (change.stockFrom !== null) {
          const ok = await setStockIfUnchanged(trx, { cooperativeId, variantId: change.variant.id, expected: change.stockFrom, target: change.variant.stockOnHand, reason: 'count-correction', note: 'CSV import', userId });
          if (!ok) throw new ImportConflictError(change.row.row);
        }
      }
      touched.add(change.product.id);
    }
    for (const productId of touched) await refreshProductPriceFrom(trx, productId);
    if (options.actor && (result.summary.create > 0 || result.summary.update > 0)) {
      await recordAudit(trx, { cooperativeId, actor: options.actor, action: 'catalog.import', entity: 'product', entityId: null, after: { ...result.summary, encoding: result.encoding } });
    }
    return result;
  });
}
