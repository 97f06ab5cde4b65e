// @terroir/client: a typed fetch client for the storefront API. Paths, parameters, bodies,
// results and error bodies all come from `./schema` (generated from docs/openapi.json, the
// document the server serves), so a route change shows up here as a type change.
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './schema';

export type { components, operations, paths } from './schema';

/** Every named schema of the storefront API (`Schemas['ProductSummary']`, …). */
export type Schemas = components['schemas'];
/** The error body of every 4xx/5xx answer: `{ error: { code, message, field?, issues? } }`. */
export type ApiError = Schemas['Error'];
/** A served locale. */
export type Locale = Schemas['Cooperative']['defaultLocale'];
export type Cooperative = Schemas['Cooperative'];
export type ProductSummary = Schemas['ProductSummary'];
export type ProductDetail = Schemas['ProductDetail'];
export type ProductPage = Schemas['ProductPage'];
export type Variant = Schemas['Variant'];
export type Money = Schemas['Money'];
export type UnitPrice = Schemas['UnitPrice'];
export type Image = Schemas['Image'];
export type StorySummary = Schemas['StorySummary'];
export type StoryDetail = Schemas['StoryDetail'];
export type StoryPage = Schemas['StoryPage'];
export type StoryMedia = Schemas['StoryMedia'];
export type ProducerDetail = Schemas['ProducerDetail'];
export type Fulfilment = Schemas['Fulfilment'];
export type CartQuote = Schemas['CartQuote'];
export type CartQuoteRequest = Schemas['CartQuoteRequest'];
export type Checkout = Schemas['Checkout'];
export type CheckoutRequest = Schemas['CheckoutRequest'];
export type CheckoutError = Schemas['CheckoutError'];
export type OrderReceipt = Schemas['OrderReceipt'];

/** The client: `GET`/`POST` typed by path, answering `{ data, error, response }`. */
export type TerroirClient = Client<paths>;

export interface TerroirClientOptions {
  /**
   * Where the storefront is mounted, up to but excluding `/v1`: `https://village.example/api`
   * for a site that mounts it at `/api` (as the demo and `npm create terroir` sites do).
   */
  baseUrl: string;
  /** A fetch implementation (defaults to the global `fetch`); tests pass `app.request`-backed ones. */
  fetch?: (request: Request) => Promise<Response>;
  /** Headers sent with every request (e.g. `accept-language`). */
  headers?: ClientOptions['headers'];
}

/**
 * A typed client for a Terroir storefront. Every call answers `{ data, error, response }`:
 * `data` is the typed 2xx body, `error` the typed {@link ApiError} (or checkout's
 * {@link CheckoutError}) body; it never throws for an HTTP error, only for a network failure.
 *
 * @example
 * import { createTerroirClient } from '@terroir/client';
 *
 * const terroir = createTerroirClient({ baseUrl: 'http://127.0.0.1:3000/api' });
 * const { data, error } = await terroir.GET('/v1/coops/{coop}/products', {
 *   params: { path: { coop: 'laiyang-pear' }, query: { lang: 'en', limit: 5 } },
 * });
 * if (error) throw new Error(`${error.error.code}: ${error.error.message}`);
 * for (const product of data.items) console.log(product.title, product.priceFrom?.priceMinor);
 */
export function createTerroirClient(options: TerroirClientOptions): TerroirClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(baseUrl) && !baseUrl.startsWith('/')) {
    throw new TypeError(`createTerroirClient: baseUrl must be an absolute http(s) URL or a path starting with "/", got ${JSON.stringify(options.baseUrl)}`);
  }
  return createClient<paths>({
    baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  });
}

/** Operation ids of the storefront API, e.g. for logging. */
export type OperationId = keyof operations;
