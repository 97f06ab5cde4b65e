import { toHalfWidth } from './price-parsing';

/**
 * What a spreadsheet column can be imported as: the template's columns (see
 * `PRODUCT_CSV_COLUMNS`) plus `season` (上市月份 → harvest months).
 */
export const IMPORT_FIELDS = [
  'product_slug',
  'category',
  'status',
  'title_zh',
  'title_en',
  'summary_zh',
  'summary_en',
  'tags',
  'sku',
  'variant_zh',
  'variant_en',
  'price',
  'unit',
  'quantity',
  'net_grams',
  'stock',
  'variant_status',
  'season',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Header text (as keyed by `columnKeys`) → field, or null to ignore the column. */
export type ColumnMapping = Record<string, ImportField | null>;

/** How sure a suggestion is: 1 for a remembered or exact header, 0.6 for a keyword inside it. */
export interface ColumnSuggestion {
  /** 0-based position in the file. */
  index: number;
  /** The mapping key: the header text, made unique (`备注 (2)`) and never empty (`#3`). */
  header: string;
  field: ImportField | null;
  confidence: number;
  source: 'explicit' | 'remembered' | 'header' | 'keyword' | null;
  /** Up to three non-empty values from the first rows, to help a person choose. */
  samples: string[];
}

/** Exact header spellings (compared half-width, lower-case, spaces as `_`). */
export const FIELD_HEADERS: Record<ImportField, readonly string[]> = {
  product_slug: ['product_slug', 'slug', '商品标识', '商品编码'],
  category: ['category', '类别', '分类', '类目', '品类', '商品分类'],
  status: ['status', '状态'],
  title_zh: ['title_zh', '名称', '商品名称', '品名', '产品名称', '商品名', '产品', '商品', 'title', 'name'],
  title_en: ['title_en', '英文名称', '英文名', 'english_name'],
  summary_zh: ['summary_zh', '简介', '描述', '商品描述', '商品简介', '说明', '介绍', 'summary', 'description'],
  summary_en: ['summary_en', '英文简介', '英文描述'],
  tags: ['tags', '标签', '关键词'],
  sku: ['sku', '货号', '编码', '商品货号', '条码', '编号'],
  variant_zh: ['variant_zh', '规格', '规格名称', '型号', '包装', 'variant', 'spec'],
  variant_en: ['variant_en', '英文规格'],
  price: ['price', '价格', '单价', '售价', '零售价', '价钱', '销售价'],
  unit: ['unit', '单位', '计量单位', '销售单位'],
  quantity: ['quantity', '每份数量', '装量'],
  net_grams: ['net_grams', '净重克', '净重(克)', '净重'],
  stock: ['stock', '库存', '数量', '库存数量', '存货', 'qty'],
  variant_status: ['variant_status', '规格状态'],
  season: ['season', '上市月份', '季节', '上市季节', '产季', '上市时间', '月份', 'months'],
};

/** Keywords found inside longer headers ("商品名称（必填）", "售价/元"), most specific first. */
const FIELD_KEYWORDS: Array<[string, ImportField]> = [
  ['英文', 'title_en'],
  ['月份', 'season'],
  ['季', 'season'],
  ['上市', 'season'],
  ['库存', 'stock'],
  ['规格', 'variant_zh'],
  ['单位', 'unit'],
  ['价', 'price'],
  ['price', 'price'],
  ['分类', 'category'],
  ['类别', 'category'],
  ['类目', 'category'],
  ['简介', 'summary_zh'],
  ['描述', 'summary_zh'],
  ['说明', 'summary_zh'],
  ['编码', 'sku'],
  ['货号', 'sku'],
  ['sku', 'sku'],
  ['标签', 'tags'],
  ['名称', 'title_zh'],
  ['品名', 'title_zh'],
  ['name', 'title_zh'],
  ['数量', 'stock'],
  ['stock', 'stock'],
];

/** Header text as the matcher compares it. */
export function normalizeHeader(cell: string): string {
  return toHalfWidth(cell).trim().toLowerCase().replace(/\s+/g, '_');
}

/**
 * The keys a mapping uses for a file's header row: the trimmed header text, `#N` (1-based)
 * for an empty one, and `text (2)` for a repeated one.
 *
 * @example
 * columnKeys(['品名', '', '备注', '备注']) // ['品名', '#2', '备注', '备注 (2)']
 */
export function columnKeys(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((raw, i) => {
    const text = raw.trim().slice(0, 100);
    if (!text) return `#${i + 1}`;
    const n = (seen.get(text) ?? 0) + 1;
    seen.set(text, n);
    return n === 1 ? text : `${text} (${n})`;
  });
}

function guess(header: string): { field: ImportField; confidence: number; source: 'header' | 'keyword' } | null {
  const name = normalizeHeader(header);
  if (!name) return null;
  for (const field of IMPORT_FIELDS)
    if (FIELD_HEADERS[field].some((alias) => normalizeHeader(alias) === name)) return { field, confidence: 1, source: 'header' };
  const hit = FIELD_KEYWORDS.find(([word]) => name.includes(word));
  return hit ? { field: hit[1], confidence: 0.6, source: 'keyword' } : null;
}

/**
 * Suggests which field each column is, from a remembered mapping first and the header's
 * wording (Chinese or English) after; two columns never get one field (the more confident,
 * then the first, keeps it).
 *
 * @example
 * suggestColumnMapping(['商品名称', '规格', '价格', '库存'], [])
 * // [{ header: '商品名称', field: 'title_zh', confidence: 1, … }, { header: '规格', field: 'variant_zh', … }, …]
 */
export function suggestColumnMapping(header: string[], rows: string[][], remembered: ColumnMapping = {}): ColumnSuggestion[] {
  const keys = columnKeys(header);
  const out: ColumnSuggestion[] = keys.map((key, index) => {
    const samples: string[] = [];
    for (const row of rows) {
      const value = (row[index] ?? '').trim();
      if (value && samples.length < 3 && !samples.includes(value)) samples.push(value.slice(0, 60));
      if (samples.length >= 3) break;
    }
    if (Object.hasOwn(remembered, key) && (remembered[key] === null || (IMPORT_FIELDS as readonly string[]).includes(remembered[key]!))) {
      return { index, header: key, field: remembered[key]!, confidence: 1, source: 'remembered', samples };
    }
    const g = guess(header[index] ?? '');
    return { index, header: key, field: g?.field ?? null, confidence: g?.confidence ?? 0, source: g?.source ?? null, samples };
  });
  const byField = new Map<ImportField, ColumnSuggestion>();
  for (const s of [...out].sort((a, b) => b.confidence - a.confidence || a.index - b.index)) {
    if (!s.field) continue;
    if (byField.has(s.field)) Object.assign(s, { field: null, confidence: 0, source: null });
    else byField.set(s.field, s);
  }
  return out;
}

/** One problem with a mapping, named by its path (`mapping.<header>`). */
export interface MappingIssue {
  field: string;
  code: 'unknown_field' | 'unknown_column' | 'required_field_unmapped' | 'duplicate_field';
  message: string;
}

/** Thrown by the import when the caller's mapping cannot be used; the API answers 422. */
export class ImportMappingError extends Error {
  constructor(readonly issues: MappingIssue[]) {
    super(`The column mapping cannot be used: ${issues.map((i) => `${i.field} ${i.code}`).join(', ')}.`);
    this.name = 'ImportMappingError';
  }
}

/**
 * Checks a mapping against a file's column keys: every target a known field, every key a
 * column of the file, no field twice, a title and a price mapped.
 *
 * @example
 * mappingIssues(['品名', '价'], { 品名: 'title_zh', 价: 'colour' })
 * // [{ field: 'mapping.价', code: 'unknown_field', … }, { field: 'mapping.price', code: 'required_field_unmapped', … }]
 */
export function mappingIssues(keys: string[], mapping: Record<string, unknown>): MappingIssue[] {
  const issues: MappingIssue[] = [];
  const owner = new Map<string, string>();
  for (const [key, target] of Object.entries(mapping)) {
    const path = `mapping.${key.slice(0, 100)}`;
    if (!keys.includes(key)) issues.push({ field: path, code: 'unknown_column', message: `The file has no column "${key.slice(0, 100)}".` });
    if (target === null) continue;
    if (typeof target !== 'string' || !(IMPORT_FIELDS as readonly string[]).includes(target)) {
      issues.push({ field: path, code: 'unknown_field', message: `"${String(target).slice(0, 40)}" is not a field (${IMPORT_FIELDS.join(', ')}).` });
      continue;
    }
    const first = owner.get(target);
    if (first !== undefined)
      issues.push({ field: path, code: 'duplicate_field', message: `Both "${first.slice(0, 100)}" and "${key.slice(0, 100)}" are mapped to ${target}.` });
    else owner.set(target, key);
  }
  if (!owner.has('title_zh') && !owner.has('title_en'))
    issues.push({ field: 'mapping.title_zh', code: 'required_field_unmapped', message: 'Map a column to title_zh or title_en (the product name).' });
  if (!owner.has('price')) issues.push({ field: 'mapping.price', code: 'required_field_unmapped', message: 'Map a column to price.' });
  return issues;
}
