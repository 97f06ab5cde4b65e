import { writeFence } from '../http/write-fence';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { PostgresAdapter } from 'kysely';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import {
  DEFAULT_THROTTLE,
  escapeJsonForHtml,
  LocalDiskStorage,
  PRODUCT_IMPORT_LIMITS,
  type DatabaseCapabilities,
  type MediaLimits,
  type MediaStorage,
  type PaymentProvider,
  type ScryptParams,
  type TerroirDatabase,
  type ThrottleConfig,
} from '@terroir/core';
import { authenticate, resolveCooperative, type AdminEnv } from './admin-auth';
import type { AdminContext } from './admin-context';
import { ApiError, apiErrorHandler, apiErrorResponse } from '../http/api-error';
import { noSniff } from '../http/api-headers';
import { payloadTooLarge } from '../http/body-limit-answer';
import { validationHook } from '../http/validation-hook';
import { registerSecuritySchemes } from './admin-openapi';
import { ADMIN_OPENAPI_PATH, adminOpenApiConfig } from './admin-openapi-config';
import { registerCatalogRoutes } from './catalog-routes';
import { registerChronicleImportRoutes } from './chronicle-import-routes';
import { registerCsvRoutes } from './csv-routes';
import { registerFulfilmentRoutes } from './fulfilment-routes';
import { registerMediaRoutes } from './media-routes';
import { registerOrderRoutes } from './order-routes';
import { registerInvitationRoutes } from './invitation-routes';
import { registerSessionRoutes } from './session-routes';
import { registerStoryRoutes } from './story-routes';
import { registerMuseumAdminRoutes } from './museum-admin-routes';
import { registerSearchRoutes } from './search-routes';
import { registerMemoryAdminRoutes } from './memory-admin-routes';
import { registerTwoFactorRoutes, requireOwnerTwoFactor } from './two-factor-routes';
import { COOP, registerWorkspaceRoutes } from './workspace-routes';

export interface AdminApiOptions {
  db: TerroirDatabase['db'];
  /**
   * Several app processes on PostgreSQL: the storefronts' `versionWindowMs`. Every write answers
   * only after that long, so no storefront serves it stale once the answer is out (default 0).
   */
  versionWindowMs?: number;
  /**
   * The session cookie. Default `__Host-terroir_session`, Secure: browsers accept `__Host-`
   * cookies only over HTTPS, so for plain-http development on localhost pass
   * `{ name: 'terroir_session', secure: false }`.
   */
  cookie?: { name?: string; secure?: boolean };
  /**
   * Origins the admin app is served from (`https://shop.example.cn`). Cookie-authenticated
   * writes and logins from any other Origin are refused. Default: the origin of the request
   * URL, right when the server sees the same host the browser does (no rewriting proxy).
   */
  allowedOrigins?: string[];
  /** The caller's IP for login throttling. Default: the socket's address (never X-Forwarded-For, which anyone can send). */
  clientIp?: (c: Context) => string | undefined;
  /** Largest accepted request body in bytes (default 1 MiB); larger ones get 413. */
  bodyLimitBytes?: number;
  /** Largest accepted CSV upload in bytes (default 5 MiB). */
  importLimitBytes?: number;
  throttle?: ThrottleConfig;
  /** scrypt cost for passwords set through the API; lower it only in tests. */
  scryptParams?: ScryptParams;
  /**
   * What the database can do (`openDatabase()` returns it): order state changes lock rows
   * on PostgreSQL and take SQLite's write lock up front. Default: read from the Kysely adapter.
   */
  capabilities?: DatabaseCapabilities;
  /** The payment provider, for refunds from the order screen. Without one, refunds answer 409. */
  payments?: PaymentProvider;
  /**
   * Where uploads go (default: `LocalDiskStorage` in `TERROIR_MEDIA_DIR` or ./media) and the
   * per-kind size limits. Serve the files with `mediaFiles({ storage })` at `/media`.
   */
  media?: { storage?: MediaStorage; limits?: Partial<MediaLimits> };
}

/** PostgreSQL locks rows and takes concurrent writers; SQLite has one writer at a time. */
function capabilitiesOf(db: TerroirDatabase['db']): DatabaseCapabilities {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return { rowLocks: postgres, concurrentWriters: postgres };
}

/**
 * Escapes `<`, `>`, `&` and the JavaScript line separators inside the admin API's JSON
 * answers. Text is stored as typed (a story may well mention <script>), and this keeps it
 * inert even if a response is ever sniffed or inlined into a page. Only uncompressed JSON
 * this app produced is rewritten: never bytes another app encoded.
 */
async function escapeHtmlInJson(c: Context, next: () => Promise<void>) {
  await next();
  if (!c.res.headers.get('content-type')?.startsWith('application/json') || c.res.headers.has('content-encoding')) return;
  const escaped = escapeJsonForHtml(await c.res.text());
  const headers = new Headers(c.res.headers);
  headers.delete('content-length');
  c.res = new Response(escaped, { status: c.res.status, headers });
}

function socketIp(c: Context): string | undefined {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress;
}

/**
 * The cooperative workspace's admin API: sessions, settings, members, API tokens, the
 * catalog, stories and their links, the audit log. Every route lives under `/admin/api`;
 * mount the returned app at the root of the server that serves the admin pages, so the
 * session cookie stays on the admin's own origin.
 *
 * @example
 * const app = new Hono();
 * app.route('/', createAdminApi({ db, cookie: { name: 'terroir_session', secure: false } }));
 */
export function createAdminApi(options: AdminApiOptions): OpenAPIHono<AdminEnv> {
  const cookie = { name: options.cookie?.name ?? '__Host-terroir_session', secure: options.cookie?.secure ?? true };
  if (cookie.name.startsWith('__Host-') && !cookie.secure) throw new Error('A __Host- cookie must be Secure; use another name for plain-http development.');
  const ctx: AdminContext = {
    db: options.db,
    cookie,
    allowedOrigins: options.allowedOrigins ? () => options.allowedOrigins! : (c) => [new URL(c.req.url).origin],
    clientIp: options.clientIp ?? socketIp,
    throttle: options.throttle ?? DEFAULT_THROTTLE,
    scryptParams: options.scryptParams,
    capabilities: options.capabilities ?? capabilitiesOf(options.db),
    payments: options.payments,
    media: { storage: options.media?.storage ?? new LocalDiskStorage(), limits: options.media?.limits },
  };

  const app = new OpenAPIHono<AdminEnv>({ defaultHook: validationHook });
  app.onError(apiErrorHandler);
  app.notFound((c) => apiErrorResponse(c, new ApiError(404, { code: 'not_found' })));
  if (options.versionWindowMs) app.use('/admin/api/*', writeFence(options.versionWindowMs));
  app.use('/admin/api/*', secureHeaders(), noSniff(), async function noStore(c, next) {
    await next();
    c.header('Cache-Control', 'no-store');
  });
  const jsonLimit = bodyLimit({ maxSize: options.bodyLimitBytes ?? 1024 * 1024, onError: (c) => payloadTooLarge(c) });
  const importLimit = bodyLimit({ maxSize: options.importLimitBytes ?? PRODUCT_IMPORT_LIMITS.maxBytes, onError: (c) => payloadTooLarge(c) });
  // Media uploads are not wrapped in hono's bodyLimit, which buffers a chunked body whole
  // before counting it: the upload route streams the form and checks each kind's own cap as
  // the bytes arrive (media-upload.ts, issue 14 #7).
  app.use('/admin/api/*', function limitBody(c, next) {
    if (c.req.method === 'POST' && c.req.path.endsWith('/media')) return next();
    return (c.req.path.endsWith('/import') ? importLimit : jsonLimit)(c, next);
  });
  app.use('/admin/api/*', escapeHtmlInJson);
  registerSecuritySchemes(app, cookie.name);
  // Public, like the storefront's: it describes the API, holds no data.
  app.get(ADMIN_OPENAPI_PATH, (c) => c.json(app.getOpenAPI31Document(adminOpenApiConfig)));
  registerSessionRoutes(app, ctx);
  registerTwoFactorRoutes(app, ctx);
  app.use(`${COOP}/*`, authenticate(ctx), resolveCooperative(ctx), requireOwnerTwoFactor(ctx));
  registerWorkspaceRoutes(app, ctx);
  registerInvitationRoutes(app, ctx);
  registerCatalogRoutes(app, ctx);
  registerStoryRoutes(app, ctx);
  registerChronicleImportRoutes(app, ctx);
  registerMuseumAdminRoutes(app, ctx);
  registerSearchRoutes(app, ctx);
  registerMemoryAdminRoutes(app, ctx);
  registerCsvRoutes(app, ctx);
  registerOrderRoutes(app, ctx);
  registerFulfilmentRoutes(app, ctx);
  registerMediaRoutes(app, ctx);
  // Last: any other /admin/api path is the admin API's own JSON 404, never a fall-through
  // to whatever the host app serves next (pages, which would answer HTML or gzip).
  app.all('/admin/api/*', (c) =>
    apiErrorResponse(c, new ApiError(404, { code: 'not_found', message: `No such endpoint: ${c.req.method} ${c.req.path.slice(0, 200)}` })),
  );
  return app;
}
