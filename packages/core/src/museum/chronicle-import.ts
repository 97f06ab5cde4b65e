import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { recordAudit, type Actor } from '../accounts/audit-log';
import type { StoryStatus, StoryVisibility } from '../catalog/types';
import type { TerroirTables } from '../db/schema';
import { columnKeys, normalizeHeader } from '../csv/column-mapping';
import type { CsvDelimiter, CsvEncoding } from '../csv/csv-decoding';
import { importReasonZh } from '../csv/import-messages';
import { readSpreadsheetRecords, type ParsedCsv } from '../csv/product-import';
import type { Locale, LocalizedText } from '../locale/locale';
import { createChronicleEntry, listChronicleForEditing } from './chronicle';
import type { HistoricalDate } from './historical-date';
import { parseHistoricalDateText } from './historical-date-text';
import { setMuseumLinks } from './museum-links';
import { listPlacesForEditing } from './places';

type Db = Kysely<TerroirTables> | Transaction<TerroirTables>;

/** What a chronicle spreadsheet column can be read as. */
export const CHRONICLE_IMPORT_FIELDS = ['date', 'title', 'body', 'source', 'place'] as const;
export type ChronicleImportField = (typeof CHRONICLE_IMPORT_FIELDS)[number];

/** Header text (as keyed by `columnKeys`) → field, or null to ignore the column. */
export type ChronicleColumnMapping = Record<string, ChronicleImportField | null>;

/** Exact header spellings, Chinese and English (compared half-width, lower-case, spaces as `_`). */
export const CHRONICLE_FIELD_HEADERS: Record<ChronicleImportField, readonly string[]> = {
  date: ['年份', '时间', '年代', '朝代', '日期', '年月', '时期', '时代', 'year', 'date', 'period', 'when'],
  title: ['标题', '题目', '事件', '大事', '名称', 'title', 'event', 'headline'],
  body: ['内容', '正文', '描述', '详情', '记述', '说明', 'text', 'body', 'content', 'description'],
  source: ['出处', '来源', '资料来源', '引用', '文献', '依据', 'source', 'citation', 'reference'],
  place: ['地点', '地方', '位置', '场所', 'place', 'location'],
};

/** Keywords inside longer headers ("年份（或朝代）", "事件标题"), most specific first. */
const FIELD_KEYWORDS: Array<[string, ChronicleImportField]> = [
  ['出处', 'source'],
  ['来源', 'source'],
  ['地点', 'place'],
  ['标题', 'title'],
  ['正文', 'body'],
  ['内容', 'body'],
  ['年份', 'date'],
  ['朝代', 'date'],
  ['年代', 'date'],
  ['时间', 'date'],
  ['date', 'date'],
  ['year', 'date'],
];

/** Limits of one chronicle file (the file itself is read with the product import's limits). */
export const CHRONICLE_IMPORT_LIMITS = { dateText: 200, title: 200, body: 20_000, source: 500, place: 120 };

/** A column of the file and the field it is read as. */
export interface ChronicleColumn {
  index: number;
  header: string;
  field: ChronicleImportField | null;
  source: 'explicit' | 'header' | 'keyword' | null;
  samples: string[];
}

/** One row that cannot be imported, where a person finds it in the spreadsheet (row 1 is the header). */
export interface ChronicleImportError {
  row: number;
  column: ChronicleImportField | null;
  /** `date_required`, `unreadable_date`, `impossible_date`, `required`, `too_long`, `unknown_place`, `duplicate_entry`, or a file problem. */
  reason: string;
  /** English; may quote the cell. */
  message: string;
  messageZh: string;
}

/** One row the import would write (`create`) or finds already imported (`unchanged`). */
export interface ChronicleImportRow {
  row: number;
  action: 'create' | 'unchanged';
  /** Made from the date text and title, so importing the same file again changes nothing. */
  slug: string;
  /** The date cell as written, kept as the date's display label. */
  dateText: string;
  date: HistoricalDate;
  title: string;
  /** The museum place the row names, when there is one. */
  placeId: string | null;
}

export interface ChronicleImportPlan {
  encoding: CsvEncoding;
  delimiter: CsvDelimiter;
  valid: boolean;
  columns: ChronicleColumn[];
  errors: ChronicleImportError[];
  rows: ChronicleImportRow[];
  summary: { create: number; unchanged: number };
}

/** How to read a chronicle file beyond its bytes. */
export interface ChronicleImportOptions {
  /** Header → field; default: suggested from the headers. */
  mapping?: ChronicleColumnMapping;
  /** The language the texts are written in (default zh-CN); the date text becomes the label in it. */
  locale?: Locale;
  /** Default `published`. */
  status?: StoryStatus;
  /** Default `public`. */
  visibility?: StoryVisibility;
}

/** A mapping that cannot be used; each issue names the mapping key at fault. */
export class ChronicleMappingError extends Error {
  override readonly name = 'ChronicleMappingError';
  constructor(
    readonly issues: Array<{ field: string; code: 'unknown_field' | 'unknown_column' | 'duplicate_field' | 'required_field_unmapped'; message: string }>,
  ) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('; '));
  }
}

const REASONS_ZH: Record<string, string> = {
  date_required: '年份/时间这一格是空的。',
  unreadable_date: '年份看不懂（例如 1935、1935年6月、约1900、1950-1958、1960年代、清、清末、明万历年间）。',
  impossible_date: '这个日期不存在（例如 2月30日、没有公元0年、超出年号的年数）。',
  required: '标题必须填写。',
  too_long: '内容太长。',
  unknown_place: '村里博物馆还没有这个地点；请先添加地点，或清空这一格。',
  duplicate_entry: '与前面某一行的年份和标题相同。',
  missing_column: '请指定哪一列是年份/时间，哪一列是标题。',
  duplicate_column: '同一个字段出现了两列。',
};

const reasonZh = (reason: string) => REASONS_ZH[reason] ?? importReasonZh(reason);

function guessField(header: string): { field: ChronicleImportField; source: 'header' | 'keyword' } | null {
  const name = normalizeHeader(header);
  if (!name) return null;
  for (const field of CHRONICLE_IMPORT_FIELDS) if (CHRONICLE_FIELD_HEADERS[field].some((h) => normalizeHeader(h) === name)) return { field, source: 'header' };
  for (const [word, field] of FIELD_KEYWORDS) if (name.includes(word)) return { field, source: 'keyword' };
  return null;
}

/**
 * Suggests which column of a chronicle spreadsheet is which field, from its headers in Chinese
 * or English (年份/时间/年代/朝代 → date, 标题 → title, 内容/正文 → body, 出处/来源 → source,
 * 地点 → place); the first column naming a field wins.
 *
 * @example
 * suggestChronicleColumns(['年代', '事件标题', '正文', '出处'], []).map((c) => c.field) // ['date', 'title', 'body', 'source']
 */
export function suggestChronicleColumns(header: string[], sample: string[][]): ChronicleColumn[] {
  const keys = columnKeys(header);
  const taken = new Set<ChronicleImportField>();
  return header.map((raw, index) => {
    const guess = guessField(raw);
    const field = guess && !taken.has(guess.field) ? guess.field : null;
    if (field) taken.add(field);
    return { index, header: keys[index]!, field, source: field ? guess!.source : null, samples: samplesOf(sample, index) };
  });
}

function samplesOf(rows: string[][], index: number): string[] {
  return rows
    .map((r) => (r[index] ?? '').trim())
    .filter(Boolean)
    .slice(0, 3)
    .map((s) => s.slice(0, 60));
}

function explicitColumns(header: string[], sample: string[][], mapping: ChronicleColumnMapping): ChronicleColumn[] {
  const keys = columnKeys(header);
  const issues: ChronicleMappingError['issues'] = [];
  const seen = new Set<string>();
  for (const [key, field] of Object.entries(mapping)) {
    if (field !== null && !(CHRONICLE_IMPORT_FIELDS as readonly string[]).includes(field))
      issues.push({ field: `mapping.${key}`, code: 'unknown_field', message: `${String(field)} is not one of ${CHRONICLE_IMPORT_FIELDS.join(', ')}` });
    else if (!keys.includes(key)) issues.push({ field: `mapping.${key}`, code: 'unknown_column', message: 'the file has no such column' });
    else if (field !== null && seen.has(field)) issues.push({ field: `mapping.${key}`, code: 'duplicate_field', message: `${field} is mapped twice` });
    else if (field !== null) seen.add(field);
  }
  for (const required of ['date', 'title'] as const)
    if (!seen.has(required)) issues.push({ field: `mapping.${required}`, code: 'required_field_unmapped', message: `no column is the ${required}` });
  if (issues.length > 0) throw new ChronicleMappingError(issues);
  return keys.map((key, index) => {
    const field = Object.hasOwn(mapping, key) ? mapping[key]! : null;
    return { index, header: key, field, source: field ? 'explicit' : null, samples: samplesOf(sample, index) };
  });
}

/** The slug of an imported row: stable for the same date text and title, so a second import finds it. */
function importSlug(dateText: string, title: string): string {
  return `c-${createHash('sha256').update(`${dateText.trim()}\n${title.trim()}`).digest('hex').slice(0, 12)}`;
}

/** Undoes a spreadsheet export's guard against formulas (a leading apostrophe). */
function unguard(cell: string): string {
  return /^''*[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

interface ReadRow extends ChronicleImportRow {
  body: string;
  source: string;
}

async function plan(
  db: Db,
  cooperativeId: string,
  parsed: ParsedCsv,
  options: ChronicleImportOptions,
): Promise<{ result: ChronicleImportPlan; rows: ReadRow[] }> {
  const errors: ChronicleImportError[] = parsed.errors.map((e) => ({ row: e.row, column: null, reason: e.reason, message: e.message, messageZh: '' }));
  const [header = [], ...data] = parsed.records;
  let columns: ChronicleColumn[] = [];
  const rows: ReadRow[] = [];
  if (errors.length === 0) {
    columns = options.mapping ? explicitColumns(header, data.slice(0, 20), options.mapping) : suggestChronicleColumns(header, data.slice(0, 20));
    const at = new Map(columns.filter((c) => c.field).map((c) => [c.field!, c.index]));
    if (!options.mapping) {
      // Two columns whose headers both name one field exactly: which one to read is the user's call.
      const exact = columns.filter((c) => guessField(header[c.index] ?? '')?.source === 'header').map((c) => guessField(header[c.index] ?? '')!.field);
      const twice = exact.find((f, i) => exact.indexOf(f) !== i);
      if (twice)
        errors.push({ row: 1, column: twice, reason: 'duplicate_column', message: `Two columns are the ${twice}; choose one with a mapping.`, messageZh: '' });
    }
    for (const required of ['date', 'title'] as const)
      if (!at.has(required))
        errors.push({ row: 1, column: required, reason: 'missing_column', message: `Choose the column that holds the ${required}.`, messageZh: '' });
    if (errors.length === 0) {
      const places = await listPlacesForEditing(db, cooperativeId);
      const placeByName = new Map<string, string>();
      for (const p of places) for (const name of [p.name['zh-CN'], p.name.en, p.slug]) if (name?.trim()) placeByName.set(name.trim().toLowerCase(), p.id);
      const existing = new Set((await listChronicleForEditing(db, cooperativeId)).map((e) => e.slug));
      const firstRowOf = new Map<string, number>();
      data.forEach((record, i) => {
        const row = i + 2;
        if (record.every((cell) => cell.trim() === '')) return;
        const fail = (column: ChronicleImportField | null, reason: string, message: string) => errors.push({ row, column, reason, message, messageZh: '' });
        const before = errors.length;
        const cell = (field: ChronicleImportField): string => {
          const index = at.get(field);
          const value = index === undefined ? '' : unguard((record[index] ?? '').trim());
          if (value.length > CHRONICLE_IMPORT_LIMITS[field === 'date' ? 'dateText' : field]) {
            fail(field, 'too_long', `At most ${CHRONICLE_IMPORT_LIMITS[field === 'date' ? 'dateText' : field]} characters.`);
            return '';
          }
          return value;
        };
        const dateText = cell('date');
        const reading = errors.length === before ? parseHistoricalDateText(dateText) : null;
        if (reading && !reading.ok) fail('date', reading.reason, reading.message);
        const title = cell('title');
        if (!title && errors.filter((e) => e.row === row && e.column === 'title').length === 0) fail('title', 'required', 'An entry needs a title.');
        const body = cell('body');
        const source = cell('source');
        const placeName = cell('place');
        const placeId = placeName ? (placeByName.get(placeName.toLowerCase()) ?? null) : null;
        if (placeName && !placeId)
          fail('place', 'unknown_place', `The museum has no place called "${placeName.slice(0, 40)}" (add it first, or leave the cell empty).`);
        if (errors.length > before || !reading?.ok) return;
        const slug = importSlug(dateText, title);
        const first = firstRowOf.get(slug);
        if (first !== undefined) {
          fail(null, 'duplicate_entry', `Same date and title as row ${first}.`);
          return;
        }
        firstRowOf.set(slug, row);
        rows.push({
          row,
          action: existing.has(slug) ? 'unchanged' : 'create',
          slug,
          dateText,
          date: reading.date,
          title,
          placeId,
          body,
          source,
        });
      });
    }
  }
  const sorted = errors.sort((a, b) => a.row - b.row).slice(0, 500);
  const result: ChronicleImportPlan = {
    encoding: parsed.encoding,
    delimiter: parsed.delimiter,
    valid: errors.length === 0,
    columns,
    errors: sorted.map((e) => ({ ...e, messageZh: reasonZh(e.reason) })),
    rows: errors.length === 0 ? rows.map(({ body: _b, source: _s, ...row }) => row) : [],
    summary: { create: rows.filter((r) => r.action === 'create').length, unchanged: rows.filter((r) => r.action === 'unchanged').length },
  };
  return { result, rows };
}

/**
 * What importing a chronicle spreadsheet would do, row by row, without writing: each entry it
 * would create (its date read with precision, slug and place), each it finds already imported,
 * and every row it cannot read with the row number and reason. Encodings, delimiters and limits
 * are the product import's. Throws {@link ChronicleMappingError} for an unusable `mapping`.
 *
 * @example
 * const plan = await planChronicleImport(db, coopId, await readFile('村史.csv'));
 * plan.rows[0] // { row: 2, action: 'create', dateText: '清末', date: { precision: 'period', period: 'qing', label: { 'zh-CN': '清末' } }, … }
 * plan.errors // [{ row: 5, column: 'date', reason: 'unreadable_date', … }]
 */
export async function planChronicleImport(
  db: Db,
  cooperativeId: string,
  bytes: Uint8Array,
  options: ChronicleImportOptions = {},
): Promise<ChronicleImportPlan> {
  return (await plan(db, cooperativeId, await readSpreadsheetRecords(bytes), options)).result;
}

/**
 * Imports a chronicle spreadsheet in one transaction: every row readable, or nothing written.
 * Each row becomes a chronicle entry (search index written with it, as `createChronicleEntry`
 * does), the date cell kept as the date's label, linked to the museum place it names; rows
 * already imported (same date text and title) are left as they are. With an `actor`, the
 * import is audited as `chronicle_entry.import` in the same transaction.
 *
 * @example
 * const plan = await importChronicle(db, coopId, bytes, { actor: { kind: 'user', userId } });
 * plan.summary // { create: 12, unchanged: 0 }
 */
export async function importChronicle(
  db: Kysely<TerroirTables>,
  cooperativeId: string,
  bytes: Uint8Array,
  options: ChronicleImportOptions & { actor?: Actor } = {},
  at: Date = new Date(),
): Promise<ChronicleImportPlan> {
  // Read before the transaction opens: parsing yields, and must not hold the database meanwhile.
  const parsed = await readSpreadsheetRecords(bytes);
  const locale = options.locale ?? 'zh-CN';
  return db.transaction().execute(async (trx) => {
    const { result, rows } = await plan(trx, cooperativeId, parsed, options);
    if (!result.valid) return result;
    const created: string[] = [];
    for (const row of rows) {
      if (row.action !== 'create') continue;
      const text = (value: string): LocalizedText => (value ? { [locale]: value } : {});
      const entry = await createChronicleEntry(
        trx,
        {
          cooperativeId,
          slug: row.slug,
          date: { ...row.date, label: { [locale]: row.dateText } },
          title: text(row.title),
          body: text(row.body),
          source: text(row.source),
          status: options.status ?? 'published',
          visibility: options.visibility ?? 'public',
        },
        at,
      );
      if (row.placeId) await setMuseumLinks(trx, cooperativeId, { kind: 'chronicle', id: entry.id }, { places: [row.placeId] });
      created.push(entry.id);
    }
    if (options.actor && created.length > 0)
      await recordAudit(trx, {
        cooperativeId,
        actor: options.actor,
        action: 'chronicle_entry.import',
        entity: 'chronicle_entry',
        entityId: null,
        after: { ...result.summary, encoding: result.encoding, entries: created.slice(0, 500) },
      });
    return result;
  });
}
