import type { z } from '@hono/zod-openapi';
import { validator } from 'hono/validator';
import { LOCALES, PRODUCT_CATEGORIES, PRODUCT_SORTS } from '@terroir/core';
import { isCleanText } from '../http/text-schemas';
import { validationHook } from '../http/validation-hook';
import { ProductListQuery } from './catalog-schemas';

/*
 * The product list is the storefront's busiest read, and every response-cache miss validates its
 * query. zod builds issue lists, result objects and promises for each parse; the plainly valid
 * query (known values, a decimal limit) is recognised here in plain JavaScript instead, and
 * anything else still goes to zod, for its verdict and its 400 answer.
 */

/** The product list's validated query: what `ProductListQuery` (zod) parses a valid one to. */
export type ProductListQueryValue = z.output<typeof ProductListQuery>;

/** The query parameters as Hono's validator reads them (a repeated name gives an array). */
type RawQuery = Record<string, string | string[]>;

const DECIMAL_LIMIT = /^(?:[1-9][0-9]?|100)$/;
const CURSOR = /^[A-Za-z0-9_-]{1,512}$/;

const oneOf = <T extends string>(values: readonly T[], value: string | string[] | undefined): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value);
const cleanText = (value: string | string[] | undefined, min: number, max: number): value is string =>
  typeof value === 'string' && value.length >= min && value.length <= max && isCleanText(value);

/**
 * The query as `ProductListQuery.parse` would give it, when every known parameter is plainly
 * valid (given once, an allowed value, a decimal `limit`, a well-formed `cursor`); `undefined`
 * when zod has to decide: every invalid query, and valid forms zod coerces (`limit=010`).
 * Unknown parameters are ignored, as zod strips them.
 *
 * @example
 * plainProductListQuery({ lang: 'en', limit: '12', zz: '1' }) // { sort: 'featured', limit: 12, lang: 'en' }
 * plainProductListQuery({ limit: '0' }) // undefined: zod answers the 400
 */
export function plainProductListQuery(values: RawQuery): ProductListQueryValue | undefined {
  const query: ProductListQueryValue = { sort: 'featured', limit: 24 };
  for (const name of Object.keys(values)) {
    const value = values[name];
    switch (name) {
      case 'lang':
        if (!oneOf(LOCALES, value)) return undefined;
        query.lang = value;
        break;
      case 'category':
        if (!oneOf(PRODUCT_CATEGORIES, value)) return undefined;
        query.category = value;
        break;
      case 'producer':
        if (!cleanText(value, 1, 120)) return undefined;
        query.producer = value;
        break;
      case 'tag':
        if (!cleanText(value, 1, 64)) return undefined;
        query.tag = value;
        break;
      case 'season':
        if (value !== 'in-season') return undefined;
        query.season = value;
        break;
      case 'q':
        if (!cleanText(value, 0, 100)) return undefined;
        query.q = value;
        break;
      case 'sort':
        if (!oneOf(PRODUCT_SORTS, value)) return undefined;
        query.sort = value;
        break;
      case 'limit':
        if (typeof value !== 'string' || !DECIMAL_LIMIT.test(value)) return undefined;
        query.limit = Number(value);
        break;
      case 'cursor':
        if (typeof value !== 'string' || !CURSOR.test(value)) return undefined;
        query.cursor = value;
        break;
    }
  }
  return query;
}

/**
 * Validates the product list's query like the route's zod schema (same values, same 400 answer
 * through the validation hook), with {@link plainProductListQuery} first.
 *
 * @example
 * app.get('/v1/coops/:coop/products', productListQueryValidator, (c) => c.json(c.req.valid('query')));
 */
export const productListQueryValidator = validator('query', async (values: RawQuery, c): Promise<ProductListQueryValue | Response> => {
  const plain = plainProductListQuery(values);
  if (plain) return plain;
  const result = await ProductListQuery.safeParseAsync(values);
  if (result.success) return result.data;
  return validationHook({ success: false, error: result.error, target: 'query' }, c)!;
});
