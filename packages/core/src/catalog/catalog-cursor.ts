/** Sort orders of the product list. */
export const PRODUCT_SORTS = ['featured', 'newest', 'price-asc', 'price-desc'] as const;
export type ProductSort = (typeof PRODUCT_SORTS)[number];

/**
 * Where a page ends, for keyset pagination: the sort it belongs to and the sort key of the
 * last row served (`[position | createdAt | priceMinor-or-null, id]`).
 */
export interface CatalogCursor {
  sort: ProductSort | 'stories' | 'timeline' | 'museum-places' | 'museum-people' | 'museum-halls' | 'museum-memories';
  key: [number | string | null, string];
}

/** A cursor that was not made by us, was altered, or belongs to another sort order. */
export class InvalidCursorError extends Error {
  constructor(message = 'The cursor is malformed or belongs to a different sort order.') {
    super(message);
    this.name = 'InvalidCursorError';
  }
}

const MAX_CURSOR_LENGTH = 512;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/**
 * Encodes a cursor as opaque base64url text. It carries sort key values only, never SQL.
 *
 * @example
 * encodeCursor({ sort: 'featured', key: [3, 'prd_x'] }) // 'eyJzIjoiZmVhdHVyZWQiLCJrIjpbMywicHJkX3giXX0'
 */
export function encodeCursor(cursor: CatalogCursor): string {
  return Buffer.from(JSON.stringify({ s: cursor.sort, k: cursor.key }), 'utf8').toString('base64url');
}

/**
 * Decodes and checks a cursor for `expectedSort`; throws {@link InvalidCursorError} for
 * anything a client may have made up, so it can be answered with a 400.
 *
 * @example
 * decodeCursor(encodeCursor({ sort: 'newest', key: ['2026-09-01T00:00:00.000Z', 'prd_x'] }), 'newest')
 */
export function decodeCursor(text: string, expectedSort: CatalogCursor['sort']): CatalogCursor {
  if (text.length === 0 || text.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(text)) throw new InvalidCursorError();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (typeof parsed !== 'object' || parsed === null) throw new InvalidCursorError();
  const { s, k } = parsed as { s?: unknown; k?: unknown };
  if (s !== expectedSort || !Array.isArray(k) || k.length !== 2) throw new InvalidCursorError();
  const [value, id] = k as [unknown, unknown];
  if (typeof id !== 'string' || id.length === 0 || id.length > 100) throw new InvalidCursorError();
  const isInt = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v);
  switch (expectedSort) {
    case 'featured':
    case 'stories':
    case 'timeline':
    case 'museum-places':
    case 'museum-people':
    case 'museum-halls':
      if (!isInt(value)) throw new InvalidCursorError();
      break;
    case 'newest':
    case 'museum-memories':
      if (typeof value !== 'string' || !ISO_TIMESTAMP.test(value)) throw new InvalidCursorError();
      break;
    case 'price-asc':
    case 'price-desc':
      if (value !== null && !isInt(value)) throw new InvalidCursorError();
      break;
  }
  return { sort: expectedSort, key: [value as number | string | null, id] };
}
