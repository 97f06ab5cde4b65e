import type { Locale, Page, ProductDetail, ProductSummary } from './types';

/** Where and for whom the widgets talk to the storefront API. */
export interface ApiConfig {
  /** Base URL of the API (ends before `/v1`), e.g. `https://shop.example.cn/api`. */
  api: string;
  /** Cooperative slug. */
  coop: string;
  lang: Locale;
}

/** A failed call: HTTP status (0 for a network or CORS failure) and the API's error code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: { field: string; code: string; message: string; available?: number }[] = [],
  ) {
    super(message);
  }
}

/**
 * The API base: the `api` attribute when given, else `/api` on the origin that served this
 * script (so one script tag is all a site needs).
 *
 * @example
 * apiBase(undefined, 'https://shop.example.cn/widgets/v1/terroir.js') // 'https://shop.example.cn/api'
 */
export function apiBase(api: string | undefined, scriptUrl: string = import.meta.url): string {
  if (api) return api.replace(/\/+$/, '');
  try {
    return new URL(scriptUrl).origin + '/api';
  } catch {
    return '/api';
  }
}

/** The API's error code for a page whose origin the cooperative has not allowed (docs/widgets.md). */
export const ORIGIN_NOT_ALLOWED = 'origin_not_allowed';
let warned = false;

// GETs in flight or done, shared by every widget on the page: two widgets asking for the
// same product make one request. Failed ones are forgotten so a retry asks again.
const cache = new Map<string, Promise<unknown>>();

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'omit', ...init });
  } catch (error) {
    throw new ApiError(0, 'network', String(error));
  }
  // Media URLs may be root-relative (`/media/pear.svg`): they belong to the API's origin, not
  // to the page embedding us, so resolve every `url` field against the response URL.
  const text = await response.text();
  let body: { error?: { code?: string; message?: string; issues?: [] } } | null = null;
  try {
    body = JSON.parse(text, (key, value: unknown) => (key === 'url' && typeof value === 'string' ? new URL(value, response.url).href : value));
  } catch {
    // Not JSON (a proxy's error page): handled below as a plain HTTP failure.
  }
  if (!response.ok) {
    const e = body?.error;
    if (e?.code === ORIGIN_NOT_ALLOWED && !warned) {
      // For the site's developer: the exact origin to allow, and where. Shoppers see a plain sentence.
      warned = true;
      console.error(`Terroir widgets: this site is not allowed yet. Add exactly "${location.origin}" to the cooperative's allowed origins (docs/widgets.md).`);
    }
    throw new ApiError(response.status, e?.code ?? 'http_' + response.status, e?.message ?? response.statusText, e?.issues);
  }
  return body as T;
}

/**
 * GETs `path` under `/v1/coops/:coop` with `lang`, deduplicated page-wide.
 *
 * @example
 * await get<{ items: ProductSummary[] }>(config, '/products', { category: 'fresh' })
 */
export function get<T>(config: ApiConfig, path: string, params: Record<string, string | undefined> = {}): Promise<T> {
  const url = new URL(`${config.api}/v1/coops/${encodeURIComponent(config.coop)}${path}`, location.href);
  for (const [name, value] of Object.entries({ ...params, lang: config.lang })) if (value) url.searchParams.set(name, value);
  const key = url.href;
  let pending = cache.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = request<T>(key);
    cache.set(key, pending);
    pending.catch(() => cache.delete(key));
  }
  return pending;
}

/** POSTs JSON under `/v1/coops/:coop`. */
export function post<T>(config: ApiConfig, path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
  return request<T>(`${config.api}/v1/coops/${encodeURIComponent(config.coop)}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/**
 * Typed reads of the storefront API the products + cart path needs before any interaction (the
 * story chunks read their own; the cart's content its quote and fulfilment).
 */
export const storefront = {
  products: (c: ApiConfig, params: { category?: string; season?: string; product?: string; limit?: string }) =>
    get<Page<ProductSummary>>(c, '/products', params),
  product: (c: ApiConfig, slug: string) => get<{ product: ProductDetail }>(c, '/products/' + encodeURIComponent(slug)),
};
