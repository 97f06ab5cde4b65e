import type { z } from 'zod';

/*
 * Localized texts, lists and small objects are stored as JSON in text columns. They are
 * parsed through a schema on the way out, so a row damaged by hand or by an old bug fails
 * here with a message naming the row, instead of as an `undefined` deep in a page render.
 */

/** Where a JSON column value came from, for the error message. */
export interface ColumnRef {
  table: string;
  id: string;
  column: string;
}

/**
 * A stored row whose JSON column does not parse or does not match its schema.
 *
 * @example
 * try { await loadProduct(db, coopId, id) } catch (e) { if (e instanceof CorruptRowError) console.error(e.table, e.rowId, e.column) }
 */
export class CorruptRowError extends Error {
  override readonly name = 'CorruptRowError';
  readonly table: string;
  readonly rowId: string;
  readonly column: string;

  constructor(ref: ColumnRef, reason: string, options?: { cause?: unknown }) {
    super(`corrupt row: ${ref.table} ${ref.id}, column ${ref.column}: ${reason}`, options);
    this.table = ref.table;
    this.rowId = ref.id;
    this.column = ref.column;
  }
}

/**
 * Parses a JSON text column through a schema; throws {@link CorruptRowError} naming the
 * table, row id and column when the text is not JSON or not of the expected shape.
 *
 * @example
 * const title = parseJsonColumn(localizedTextSchema, row.title, { table: 'products', id: row.id, column: 'title' });
 */
export function parseJsonColumn<S extends z.ZodType>(schema: S, value: string, ref: ColumnRef): z.output<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(value);
  } catch (error) {
    throw new CorruptRowError(ref, 'not JSON', { cause: error });
  }
  // The common, well-formed value skips zod (a product list parses ~100 columns per page);
  // anything the check does not accept still goes through the schema, for its verdict and message.
  if (fastChecks.get(schema)?.(raw)) return raw as z.output<S>;
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new CorruptRowError(ref, `${issue?.message ?? 'unexpected shape'}${path}`, { cause: result.error });
  }
  return result.data;
}

/** Plain-JavaScript checks registered by {@link withFastCheck}, by schema. */
const fastChecks = new WeakMap<z.ZodType, (value: unknown) => boolean>();

/**
 * Registers a plain-JavaScript check for a schema without transforms, used by
 * {@link parseJsonColumn} before zod: when it returns true the parsed JSON is returned as it is.
 * It must accept only values the schema accepts unchanged (it may reject more: those fall back to
 * the schema). Returns the schema.
 *
 * @example
 * const tagsSchema = withFastCheck(z.array(z.string()), (v) => Array.isArray(v) && v.every((t) => typeof t === 'string'));
 */
export function withFastCheck<S extends z.ZodType>(schema: S, check: (value: unknown) => boolean): S {
  fastChecks.set(schema, check);
  return schema;
}

/**
 * Like {@link parseJsonColumn} for a nullable column: SQL `NULL` and JSON `null` give
 * `undefined`.
 *
 * @example
 * const era = parseOptionalJsonColumn(localizedTextSchema, row.era, { table: 'stories', id: row.id, column: 'era' });
 */
export function parseOptionalJsonColumn<S extends z.ZodType>(schema: S, value: string | null, ref: ColumnRef): z.output<S> | undefined {
  if (value == null || value === 'null') return undefined;
  return parseJsonColumn(schema, value, ref);
}

/**
 * A value as stored in a JSON text column (`null` for undefined).
 *
 * @example
 * toJsonColumn({ 'zh-CN': '梨' }) // '{"zh-CN":"梨"}'
 */
export const toJsonColumn = (value: unknown): string => JSON.stringify(value ?? null);
