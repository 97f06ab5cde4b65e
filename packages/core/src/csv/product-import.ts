import { createHash } from 'node:crypto';
import { parse, type Options } from 'csv-parse';
import type { Kysely, Transaction } from 'kysely';
import type { Actor } from '../accounts/audit-log';
import { recordAudit } from '../accounts/audit-log';
import { addVariant, insertProduct, listProductsWithVariants, updateProduct, updateVariant } from '../catalog/catalog-editor';
import { cooperativePricing } from '../cooperatives/cooperatives';
import { setStockIfUnchanged } from '../inventory/stock-adjustments';
import { refreshProductPriceFrom } from '../catalog/catalog-writer';
import { localizedTextSchema } from '../catalog/catalog-column-schemas';
import { newId } from '../catalog/ids';
import { parseJsonColumn } from '../db/json-column';
import type { HarvestWindow, Product, ProductCategory, ProductStatus, SaleUnit, Variant } from '../catalog/types';
import type { LocalizedText } from '../locale/locale';
import type { TerroirTables } from '../db/schema';
import { decodeCsvBytes, sniffDelimiter, type CsvDelimiter, type CsvEncoding } from './csv-decoding';
import { toHalfWidth } from './price-parsing';
import {
  FIELD_HEADERS,
  ImportMappingError,
  columnKeys,
  mappingIssues,
  normalizeHeader,
  suggestColumnMapping,
  type ColumnMapping,
  type ColumnSuggestion,
  type ImportField,
} from './column-mapping';
import { normalizeWord, parseCategory, parsePriceCell, parseSeasonMonths, parseUnitWord, type ImportWordTables } from './import-words';
import { loadImportSettings, saveImportSettings } from './import-settings';
import { importReasonZh } from './import-messages';

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;

/** The columns of a product CSV, each with the header spellings recognised for it (see column-mapping.ts). */
export const PRODUCT_CSV_COLUMNS = FIELD_HEADERS;
export type ProductCsvColumn = ImportField;

/** Limits that keep one upload from tying up the server. */
export const PRODUCT_IMPORT_LIMITS = { maxRows: 5000, maxCellLength: 2000, maxBytes: 5 * 1024 * 1024 };

/** One problem, where a person can find it in their spreadsheet (row 1 is the header). */
export interface ImportRowError {
  row: number;
  column: ProductCsvColumn | null;
  reason: string;
  message: string;
  /** The same problem in Chinese (generic per reason; `message` may quote the cell). */
  messageZh: string;
  /** For `unknown_category` and `unknown_unit`: the word not understood, to add to the cooperative's word table. */
  word?: string;
}

export type ImportAction = 'create' | 'update' | 'unchanged';

export interface ImportRowPlan {
  row: number;
  productSlug: string;
  /** The product's title as read (zh-CN, else en): a generated slug means little to a person. */
  title: string;
  variant: string;
  action: ImportAction;
  /** Fields that would change (for updates), e.g. `price`, `stock`, `title_zh`. */
  changes: string[];
}

/** Variant rows of one product that disagree on a product field. */
export interface ProductFieldConflict {
  row: number;
  firstRow: number;
  column: ProductCsvColumn;
  /** `report`: an error until the caller chooses `first-row`; `first-row`: the first row's value is used. */
  resolution: 'report' | 'first-row';
}

/** How the import reads a file beyond its bytes. */
export interface ProductImportOptions {
  /** Header key (see `columnKeys`) → field; columns left out are ignored. Default: the suggestion (remembered mapping first). */
  mapping?: ColumnMapping;
  /** When variant rows of one product disagree on a product field: `report` (default) as errors, or use the `first-row`. */
  productFieldConflict?: 'report' | 'first-row';
  /** `refuse` (default): any unreadable row stops the import; `skip`: leave unreadable rows out and name them in `skippedRows`. */
  invalidRows?: 'refuse' | 'skip';
  /** Category and unit words added to the cooperative's remembered ones for this import. */
  words?: Partial<ImportWordTables>;
}

export interface ProductImportPlan {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  valid: boolean;
  /** Each column of the file: its key, the field it is read as, how sure, and sample values. */
  columns: ColumnSuggestion[];
  /** Where the mapping came from: the caller's, or suggested (remembered words and headers). */
  mappingSource: 'explicit' | 'suggested';
  productFieldConflicts: ProductFieldConflict[];
  /** Rows left out because `invalidRows: 'skip'` (empty otherwise). */
  skippedRows: ImportRowError[];
  errors: ImportRowError[];
  rows: ImportRowPlan[];
  summary: Record<ImportAction, number>;
}

const STATUS_ALIASES: Record<string, ProductStatus> = {
  active: 'active',
  上架: 'active',
  在售: 'active',
  draft: 'draft',
  草稿: 'draft',
  archived: 'archived',
  下架: 'archived',
  归档: 'archived',
};

/** Own keys only: a cell reading "constructor" must not find Object's. */
function statusWord(cell: string): ProductStatus | undefined {
  const key = cell.toLowerCase();
  return Object.hasOwn(STATUS_ALIASES, key) ? STATUS_ALIASES[key] : undefined;
}

interface ParsedRow {
  row: number;
  /** Empty until `assignSlugs` when the file has no slug column. */
  productSlug: string;
  /** Product-level values from this row, for the consistency check across a product's rows. */
  product: {
    category?: ProductCategory;
    status?: ProductStatus;
    title: LocalizedText;
    summary: LocalizedText;
    tags?: string[];
    harvestWindows?: HarvestWindow[];
  };
  variantKey: string;
  /** `null` for a product row without a variant (every variant column empty): how the export writes a product that has none. */
  variant: {
    sku?: string;
    label: LocalizedText;
    priceMinor: number;
    unit: SaleUnit;
    unitQuantity: number;
    netGrams?: number;
    stockOnHand?: number;
    status?: ProductStatus;
  } | null;
}

/** The columns that describe a variant; a row with all of them empty is a product without variants. */
const VARIANT_COLUMNS: readonly ProductCsvColumn[] = ['sku', 'variant_zh', 'variant_en', 'price', 'unit', 'quantity', 'net_grams', 'stock', 'variant_status'];

/** Undoes the export's guard against spreadsheet formulas (a leading apostrophe). */
function unguard(cell: string): string {
  return /^''*[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

type ColumnIndex = Partial<Record<ProductCsvColumn, number>>;

/**
 * Decides which column is which: the caller's mapping (checked; an unusable one throws
 * `ImportMappingError`), else the suggestion from the remembered mapping and the headers.
 */
function resolveColumns(
  records: string[][],
  remembered: ColumnMapping,
  explicit: ColumnMapping | undefined,
  errors: ImportRowError[],
): { index: ColumnIndex; columns: ColumnSuggestion[] } {
  const [header = [], ...data] = records;
  const keys = columnKeys(header);
  const sample = data.slice(0, 20);
  let columns: ColumnSuggestion[];
  if (explicit) {
    const issues = mappingIssues(keys, explicit);
    if (issues.length > 0) throw new ImportMappingError(issues);
    const guessed = suggestColumnMapping(header, sample);
    columns = guessed.map((c) => {
      const field = Object.hasOwn(explicit, c.header) ? explicit[c.header]! : null;
      return { ...c, field, confidence: field ? 1 : 0, source: field ? 'explicit' : null };
    });
  } else {
    columns = suggestColumnMapping(header, sample, remembered);
    // Two columns whose headers both name one field exactly: which to read is the user's call.
    const exact = new Map<ProductCsvColumn, number>();
    header.forEach((raw, i) => {
      const name = normalizeHeader(raw);
      const field = name
        ? (Object.keys(FIELD_HEADERS) as ProductCsvColumn[]).find((f) => FIELD_HEADERS[f].some((a) => normalizeHeader(a) === name))
        : undefined;
      if (!field) return;
      if (exact.has(field) && columns[i]!.field === null)
        errors.push({ row: 1, column: field, reason: 'duplicate_column', message: `Column ${field} appears twice.`, messageZh: '' });
      exact.set(field, i);
    });
  }
  const index: ColumnIndex = {};
  for (const c of columns) if (c.field) index[c.field] = c.index;
  if (index.price === undefined)
    errors.push({ row: 1, column: 'price', reason: 'missing_column', message: 'Choose the column that holds the price.', messageZh: '' });
  if (index.title_zh === undefined && index.title_en === undefined)
    errors.push({
      row: 1,
      column: 'title_zh',
      reason: 'missing_column',
      message: 'Choose the column that holds the product name (title_zh or title_en).',
      messageZh: '',
    });
  return { index, columns };
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function parseRows(records: string[][], index: ColumnIndex, words: ImportWordTables, errors: ImportRowError[]): ParsedRow[] {
  const [, ...data] = records;
  const rows: ParsedRow[] = [];
  data.forEach((record, i) => {
    const row = i + 2;
    if (record.every((cell) => cell.trim() === '')) return;
    const fail = (column: ProductCsvColumn | null, reason: string, message: string, word?: string) =>
      errors.push({ row, column, reason, message, messageZh: '', ...(word ? { word } : {}) });
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
    if (index.product_slug !== undefined && (!SLUG.test(slug) || slug.length > 80))
      fail('product_slug', 'invalid_slug', 'Use lower-case letters, digits and single hyphens (at most 80).');
    const categoryCell = cell('category');
    const category = categoryCell ? (parseCategory(categoryCell, words) ?? undefined) : undefined;
    if (categoryCell && !category)
      fail(
        'category',
        'unknown_category',
        `Unknown category "${categoryCell.slice(0, 30)}" (fresh/生鲜/鲜果, processed/加工/干果, craft/手工艺品, experience/体验; add your own word to the word table).`,
        normalizeWord(categoryCell).slice(0, 20),
      );
    const seasonCell = cell('season');
    const harvestWindows = seasonCell ? (parseSeasonMonths(seasonCell) ?? undefined) : undefined;
    if (seasonCell && !harvestWindows) fail('season', 'invalid_season', `Cannot read "${seasonCell.slice(0, 30)}" as months (e.g. 3-5月, 九月至十一月, 全年).`);
    const statusCell = cell('status');
    const status = statusCell ? statusWord(statusCell) : undefined;
    if (statusCell && !status) fail('status', 'unknown_status', `Unknown status "${statusCell}" (active/上架, draft/草稿, archived/下架).`);
    const variantStatusCell = cell('variant_status');
    const variantStatus = variantStatusCell ? statusWord(variantStatusCell) : undefined;
    if (variantStatusCell && !variantStatus) fail('variant_status', 'unknown_status', `Unknown status "${variantStatusCell}".`);
    const text = (zh: ProductCsvColumn, en: ProductCsvColumn, max: number): LocalizedText => {
      const out: LocalizedText = {};
      const z = cell(zh);
      const e = cell(en);
      if (z) out['zh-CN'] = z;
      if (e) out.en = e;
      for (const [column, value] of [
        [zh, z],
        [en, e],
      ] as const)
        if (value && value.length > max) fail(column, 'too_long', `At most ${max} characters.`);
      return out;
    };
    const title = text('title_zh', 'title_en', 200);
    if (!title['zh-CN'] && !title.en) fail(index.title_zh !== undefined ? 'title_zh' : 'title_en', 'required', 'A product needs a title.');
    const summary = text('summary_zh', 'summary_en', 500);
    const tagsCell = cell('tags');
    const tags =
      tagsCell === undefined
        ? undefined
        : tagsCell
            .split(/[|;；,，、]/)
            .map((t) => t.trim())
            .filter(Boolean);
    if (tags && (tags.length > 30 || tags.some((t) => t.length > 40))) fail('tags', 'too_long', 'At most 30 tags of 40 characters.');
    if (productOnly) {
      if (errors.length === before)
        rows.push({ row, productSlug: slug, product: { category, status, title, summary, tags, harvestWindows }, variantKey: '', variant: null });
      return;
    }
    const label = text('variant_zh', 'variant_en', 100);
    const sku = cell('sku') || undefined;
    if (sku && sku.length > 64) fail('sku', 'too_long', 'At most 64 characters.');
    const priceCell = cell('price') ?? '';
    const price = parsePriceCell(priceCell, words);
    const priceMinor = price?.minor ?? null;
    if (priceMinor === null) fail('price', 'invalid_price', `Cannot read "${priceCell.slice(0, 30)}" as a price (e.g. 12.5, ¥12.50, 12元, 12.5 元/斤).`);
    const unitCell = cell('unit') ?? '';
    // A unit cell wins; an empty one takes the unit the price names ("12.5 元/斤").
    const unit = unitCell ? parseUnitWord(unitCell, words) : (price?.per ?? null);
    if (!unit && (unitCell || price))
      fail(
        'unit',
        'unknown_unit',
        `Unknown unit "${unitCell.slice(0, 20)}" (斤, 两, 公斤/千克, 克, 个, 瓶, 袋, 盒, 把/捆; add your own word to the word table).`,
        normalizeWord(unitCell).replace(/^\d+/, '').slice(0, 20),
      );
    else if (unit && unitCell && price?.per && price.per.unit !== unit.unit)
      fail('unit', 'conflict', `The unit differs from the one in the price cell ("${priceCell.slice(0, 30)}").`);
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
    if (quantityCell !== undefined && unit?.quantity != null && unit.quantity !== quantityCell)
      fail('quantity', 'conflict', 'The quantity differs from the one in the unit cell.');
    const netGrams = wholeNumber('net_grams', 1, 10_000_000);
    const stock = wholeNumber('stock', 0, 10_000_000);
    if (errors.length > before) return;
    rows.push({
      row,
      productSlug: slug,
      product: { category, status, title, summary, tags, harvestWindows },
      variantKey: sku ? `sku:${sku}` : `label:${label['zh-CN'] ?? label.en ?? ''}`,
      variant: {
        sku,
        label,
        priceMinor: priceMinor!,
        unit: unit!.unit,
        unitQuantity: quantityCell ?? unit!.quantity ?? 1,
        netGrams,
        stockOnHand: stock,
        status: variantStatus,
      },
    });
  });
  return rows;
}

/** The key a product's rows share when the file has no slug column: its title. */
function titleKey(title: LocalizedText): string {
  return (title['zh-CN'] ?? title.en ?? '').trim();
}

/**
 * A slug for a product known only by its title: readable when the title is Latin
 * ("laiyang-pear-3f2a9c"), and always with a hash of the title so two titles never share one.
 */
export function slugForTitle(title: string): string {
  const hash = createHash('sha256').update(title.trim()).digest('hex').slice(0, 8);
  const latin = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return latin ? `${latin}-${hash}` : `p-${hash}`;
}

/**
 * Without a slug column, rows of one product share a title: an existing product of the
 * cooperative with that title (either language) is updated, anything else gets `slugForTitle`.
 */
async function assignSlugs(db: Db, cooperativeId: string, rows: ParsedRow[]): Promise<void> {
  const existing = await db
    .selectFrom('products')
    .select(['slug', 'title'])
    .where('cooperative_id', '=', cooperativeId)
    .orderBy('created_at')
    .orderBy('slug')
    .execute();
  const byTitle = new Map<string, string>();
  for (const p of existing) {
    let title: LocalizedText;
    try {
      title = parseJsonColumn(localizedTextSchema, p.title, { table: 'products', id: p.slug, column: 'title' });
    } catch {
      continue; // a corrupted title matches no row of the sheet
    }
    for (const text of [title['zh-CN'], title.en]) if (text && !byTitle.has(text.trim())) byTitle.set(text.trim(), p.slug);
  }
  for (const row of rows) {
    const key = titleKey(row.product.title);
    row.productSlug = byTitle.get(key) ?? slugForTitle(key);
  }
}

interface ProductGroup {
  slug: string;
  rows: ParsedRow[];
}

function sameJson(a: unknown, b: unknown) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function groupRows(rows: ParsedRow[], errors: ImportRowError[], conflicts: ProductFieldConflict[], mode: 'report' | 'first-row'): ProductGroup[] {
  const groups = new Map<string, ProductGroup>();
  for (const row of rows) {
    const group = groups.get(row.productSlug) ?? { slug: row.productSlug, rows: [] };
    const first = group.rows[0];
    if (first) {
      // A product's own columns must agree on every one of its variant rows.
      // A product's own columns must agree on every one of its variant rows, unless the
      // caller chose to take the first row's values.
      for (const [field, column] of [
        ['category', 'category'],
        ['status', 'status'],
        ['title', 'title_zh'],
        ['summary', 'summary_zh'],
        ['tags', 'tags'],
        ['harvestWindows', 'season'],
      ] as const) {
        if (!sameJson(first.product[field], row.product[field])) {
          conflicts.push({ row: row.row, firstRow: first.row, column, resolution: mode });
          if (mode === 'report')
            errors.push({
              row: row.row,
              column,
              reason: 'inconsistent_product',
              message: `Differs from row ${first.row} for the same product (import with "use the first row" to take row ${first.row}'s value).`,
              messageZh: '',
            });
        }
      }
      if (!row.variant || group.rows.some((r) => !r.variant)) {
        errors.push({
          row: row.row,
          column: 'price',
          reason: 'inconsistent_product',
          message: `A row without a variant must be its product's only row (see row ${first.row}).`,
          messageZh: '',
        });
      }
      const twin = row.variant && group.rows.find((r) => r.variantKey === row.variantKey);
      if (twin && row.variant)
        errors.push({
          row: row.row,
          column: row.variant.sku ? 'sku' : 'variant_zh',
          reason: 'duplicate_variant',
          message: `Same variant as row ${twin.row}; give each variant a distinct sku or 规格.`,
          messageZh: '',
        });
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

function desiredChanges(
  groups: ProductGroup[],
  existing: Map<string, ExistingProduct>,
  cooperativeId: string,
  currency: string,
  index: ColumnIndex,
  errors: ImportRowError[],
): Change[] {
  const has = (column: ProductCsvColumn) => index[column] !== undefined;
  const at = new Date().toISOString();
  const out: Change[] = [];
  for (const group of groups) {
    const current = existing.get(group.slug);
    const first = group.rows[0]!;
    if (!current && !first.product.category) {
      errors.push({ row: first.row, column: 'category', reason: 'required', message: 'A new product needs a category.', messageZh: '' });
      continue;
    }
    // Only columns present in the file change a product: a price list without summaries
    // leaves the summaries alone.
    // Cells are read trimmed, so a stored text that equals its cell up to surrounding
    // whitespace (or is "" or blank under an empty cell) is left as it is: re-importing an
    // unchanged export must change nothing.
    const merged = (field: LocalizedText, zh: ProductCsvColumn, en: ProductCsvColumn, value: LocalizedText): LocalizedText => {
      const next: LocalizedText = { ...field };
      for (const [column, locale] of [
        [zh, 'zh-CN'],
        [en, 'en'],
      ] as const) {
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
      harvestWindows: first.product.harvestWindows ?? base.harvestWindows,
    };
    const productChanges = current
      ? (['category', 'status', 'title', 'summary', 'tags', 'harvestWindows'] as const).filter((f) => !sameJson(current[f], product[f]))
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
      if (found && found.currency !== currency)
        errors.push({ row: row.row, column: 'price', reason: 'mixed_currency', message: `This variant is priced in ${found.currency}.`, messageZh: '' });
      const variantChanges = found
        ? [
            ...(['label', 'priceMinor', 'unit', 'unitQuantity', 'netGrams', 'status', 'sku'] as const)
              .filter((f) => !sameJson(found[f], variant[f]))
              .map((f) => (f === 'priceMinor' ? 'price' : f)),
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
async function decodeAndParse(bytes: Uint8Array, errors: ImportRowError[]): Promise<{ encoding: CsvEncoding; delimiter: CsvDelimiter; records: string[][] }> {
  if (bytes.byteLength > PRODUCT_IMPORT_LIMITS.maxBytes) {
    errors.push({ row: 0, column: null, reason: 'file_too_large', message: `Files of at most ${PRODUCT_IMPORT_LIMITS.maxBytes} bytes.`, messageZh: '' });
    return { encoding: 'utf-8', delimiter: ',', records: [] };
  }
  const { text, encoding } = decodeCsvBytes(bytes);
  const delimiter = sniffDelimiter(text);
  try {
    // The header plus maxRows rows; one more record means the file is over the limit.
    const { records, tooMany } = await parseInSlices(
      text,
      { relax_column_count: true, skip_empty_lines: false, bom: true, max_record_size: 64 * 1024, delimiter },
      PRODUCT_IMPORT_LIMITS.maxRows + 1,
    );
    if (tooMany) {
      errors.push({ row: 0, column: null, reason: 'too_many_rows', message: `At most ${PRODUCT_IMPORT_LIMITS.maxRows} rows per file.`, messageZh: '' });
      return { encoding, delimiter, records: [] };
    }
    if (records.length < 2) errors.push({ row: 1, column: null, reason: 'empty_file', message: 'The file has no rows under its header.', messageZh: '' });
    return { encoding, delimiter, records };
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 0;
    errors.push({
      row: line,
      column: null,
      reason: 'malformed_csv',
      message: `The file is not valid CSV near line ${line} (an unclosed quote?).`,
      messageZh: '',
    });
    return { encoding, delimiter, records: [] };
  }
}

/** A file decoded and parsed (outside any transaction), with the problems found so far. */
export type ParsedCsv = { encoding: CsvEncoding; delimiter: CsvDelimiter; records: string[][]; errors: ImportRowError[] };

async function parseFile(bytes: Uint8Array): Promise<ParsedCsv> {
  const errors: ImportRowError[] = [];
  return { ...(await decodeAndParse(bytes, errors)), errors };
}

/**
 * Reads a spreadsheet file with the product import's rules (encoding and delimiter sniffed, the
 * same size and row limits, parsed a slice at a time), for other imports such as the
 * chronicle's. File-level problems come back in `errors` (row 0 or 1, `column: null`).
 *
 * @example
 * const { encoding, records, errors } = await readSpreadsheetRecords(await readFile('村史.csv'));
 */
export function readSpreadsheetRecords(bytes: Uint8Array): Promise<ParsedCsv> {
  return parseFile(bytes);
}

/** Row-level problems a caller may choose to skip: a row that cannot be read on its own. */
function isRowProblem(error: ImportRowError): boolean {
  return error.row >= 2;
}

async function plan(db: Db, cooperativeId: string, parsed: ParsedCsv, options: ProductImportOptions) {
  const errors = [...parsed.errors];
  const { encoding, delimiter, records } = parsed;
  const remembered = await loadImportSettings(db, cooperativeId);
  const words: ImportWordTables = {
    categories: { ...remembered.words.categories, ...(options.words?.categories ?? {}) },
    units: { ...remembered.words.units, ...(options.words?.units ?? {}) },
  };
  let changes: Change[] = [];
  let columns: ColumnSuggestion[] = [];
  const conflicts: ProductFieldConflict[] = [];
  let skippedRows: ImportRowError[] = [];
  if (errors.length === 0) {
    const resolved = resolveColumns(records, remembered.columns, options.mapping, errors);
    columns = resolved.columns;
    if (errors.length === 0) {
      const coop = await cooperativePricing(db, cooperativeId);
      const rowErrors: ImportRowError[] = [];
      const rows = parseRows(records, resolved.index, words, rowErrors);
      if (options.invalidRows === 'skip') skippedRows = rowErrors.filter(isRowProblem);
      errors.push(...rowErrors.filter((e) => options.invalidRows !== 'skip' || !isRowProblem(e)));
      if (resolved.index.product_slug === undefined) await assignSlugs(db, cooperativeId, rows);
      const groups = groupRows(rows, errors, conflicts, options.productFieldConflict ?? 'report');
      const existing = await loadExisting(
        db,
        cooperativeId,
        groups.map((g) => g.slug),
      );
      changes = desiredChanges(groups, existing, cooperativeId, coop.currency, resolved.index, errors);
    }
  }
  const bilingual = (list: ImportRowError[]) =>
    list
      .sort((a, b) => a.row - b.row)
      .slice(0, 500)
      .map((e) => ({ ...e, messageZh: importReasonZh(e.reason) }));
  const summary: Record<ImportAction, number> = { create: 0, update: 0, unchanged: 0 };
  for (const change of changes) summary[change.action]++;
  const result: ProductImportPlan = {
    encoding,
    delimiter,
    valid: errors.length === 0,
    columns,
    mappingSource: options.mapping ? 'explicit' : 'suggested',
    productFieldConflicts: conflicts.slice(0, 500),
    skippedRows: bilingual(skippedRows),
    errors: bilingual(errors),
    rows: changes.map((c) => ({
      row: c.row.row,
      productSlug: c.row.productSlug,
      title: titleKey(c.product.title),
      variant: c.variant ? (c.variant.sku ?? c.variant.label['zh-CN'] ?? c.variant.label.en ?? '') : '',
      action: c.action,
      changes: c.changes,
    })),
    summary,
  };
  return { result, changes, columns, words };
}

/**
 * What importing a product CSV would do, row by row, without writing anything: also which
 * column is read as which field (`columns`, with sample values), for a mapping step.
 * Throws `ImportMappingError` when `options.mapping` cannot be used.
 *
 * @example
 * const plan = await planProductImport(db, coop.id, await readFile('prices.csv'));
 * if (!plan.valid) console.table(plan.errors);
 * const again = await planProductImport(db, coop.id, bytes, { mapping: { 品名: 'title_zh', 售价: 'price', 单位: 'unit' }, productFieldConflict: 'first-row' });
 */
export async function planProductImport(db: Db, cooperativeId: string, bytes: Uint8Array, options: ProductImportOptions = {}): Promise<ProductImportPlan> {
  return (await plan(db, cooperativeId, await parseFile(bytes), options)).result;
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
 * changes nothing. With `saveMapping`, the mapping used and the word tables (remembered plus
 * `options.words`) are remembered for the cooperative's next import, in the same transaction.
 *
 * @example
 * const plan = await importProducts(db, coop.id, bytes, { actor, mapping, productFieldConflict: 'first-row', saveMapping: true });
 * console.log(plan.summary); // { create: 3, update: 1, unchanged: 12 }
 */
export async function importProducts(
  db: Kysely<TerroirTables>,
  cooperativeId: string,
  bytes: Uint8Array,
  options: ProductImportOptions & { actor?: Actor; saveMapping?: boolean } = {},
): Promise<ProductImportPlan> {
  // Parsed before the transaction opens: the parse yields to other requests, and must not
  // hold the database meanwhile.
  const parsed = await parseFile(bytes);
  return db.transaction().execute(async (trx) => {
    const { result, changes, columns, words } = await plan(trx, cooperativeId, parsed, options);
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
          const ok = await setStockIfUnchanged(trx, {
            cooperativeId,
            variantId: change.variant.id,
            expected: change.stockFrom,
            target: change.variant.stockOnHand,
            reason: 'count-correction',
            note: 'CSV import',
            userId,
          });
          if (!ok) throw new ImportConflictError(change.row.row);
        }
      }
      touched.add(change.product.id);
    }
    for (const productId of touched) await refreshProductPriceFrom(trx, productId);
    if (options.saveMapping) {
      const mapping: ColumnMapping = Object.fromEntries(columns.map((c) => [c.header, c.field]));
      await saveImportSettings(trx, cooperativeId, { columns: mapping, words }, userId);
    }
    if (options.actor && (result.summary.create > 0 || result.summary.update > 0)) {
      await recordAudit(trx, {
        cooperativeId,
        actor: options.actor,
        action: 'catalog.import',
        entity: 'product',
        entityId: null,
        after: { ...result.summary, encoding: result.encoding, skippedRows: result.skippedRows.map((e) => e.row), mappingSaved: options.saveMapping === true },
      });
    }
    return result;
  });
}
