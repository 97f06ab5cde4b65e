import { createRoute, z, type OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import type { Role } from '@terroir/core';
import { ErrorSchema } from '../catalog/catalog-schemas';
import { jsonBody } from '../http/json-body';
import { requireRole, requireSession, type AdminEnv } from './admin-auth';

/*
 * The admin API's routes are zod-openapi definitions: what the validators check and what
 * docs/admin-openapi.json says come from the same schemas. `adminRoute` adds what every
 * admin route shares: the role check (before the body is read), the JSON body reading,
 * the security requirements and the error answers.
 */

/** The per-cooperative prefix in OpenAPI form; zod-openapi turns `{coop}` into Hono's `:coop`. */
export const COOP_PATH = '/admin/api/coops/{coop}';

const pathParam = (name: string, description: string, example?: string) =>
  z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name, in: 'path' }, description, ...(example ? { example } : {}) });

/**
 * Path parameters: `{coop}` plus the named ids. Ids are checked by the handler (unknown or
 * not yours → 404, never 400, so another tenant's ids look like any missing record).
 *
 * @example
 * pathParams('id', 'variantId') // for `${COOP_PATH}/products/{id}/variants/{variantId}`
 */
export function pathParams<const Names extends string[]>(...names: Names) {
  const shape: Record<string, z.ZodString> = { coop: pathParam('coop', 'Cooperative slug.', 'laiyang-pear') };
  for (const name of names)
    shape[name] = pathParam(
      name,
      name === 'id' ? 'Id of the record the path names.' : name === 'toId' ? 'Id of the linked story.' : `Id of the ${name.replace(/Id$/, '')}.`,
    );
  return z.object(shape);
}

/** The record shape of answers (documented loosely: the fields are those of the core types). */
export const RecordSchema = z.looseObject({ id: z.string() }).openapi('AdminRecord');
export const PageSchema = z.looseObject({ items: z.array(z.looseObject({})) }).openapi('AdminPage');

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'The request does not match the schema (`invalid_body`, `invalid_parameter`) or is not JSON (`invalid_json`); `error.field` names the first problem.',
  401: 'No valid session cookie or API token (`unauthenticated`).',
  403: 'The role may not do this (`forbidden`), a token on a people route (`session_required`), or a cookie write without the CSRF header or from another origin (`csrf_failed`).',
  404: 'No such cooperative or record, or not yours: both look the same (`not_found`).',
  409: 'The state does not allow it (slug taken, stock, order status…); `error.code` says which.',
  413: 'The body is larger than the limit (`payload_too_large`).',
  415: 'The body is not `application/json` (`unsupported_media_type`).',
  422: 'Well-formed, but a business rule refuses it; `error.code` says which.',
  429: 'Too many attempts (`too_many_attempts`); see `Retry-After`.',
  503: 'A service it depends on is unreachable (`storage_unavailable`: the media store); nothing was saved, try again.',
};

/**
 * Error responses for the given statuses, each `{ error: { code, message, field?, issues? } }`.
 *
 * @example
 * responses: { 200: …, ...errorResponses(404, 409) }
 */
export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [status, { description: ERROR_DESCRIPTIONS[status] ?? 'Error.', content: { 'application/json': { schema: ErrorSchema } } }]),
  );
}

/** Who may call a route: any member with one of the roles, or only a person logged in (no tokens), or anyone. */
type Access = { roles: Role[]; sessionOnly?: boolean } | 'session' | 'public';

export interface AdminRouteSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Full OpenAPI path (`${COOP_PATH}/products/{id}`). */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** A non-JSON body (CSV, multipart upload), for routes that read it themselves: documented, not validated here. */
  rawBody?: { mediaType: string; schema: z.ZodType; description: string };
  /** The success answer: status and body schema (none for 204). */
  ok: { status: 200 | 201 | 202 | 204; schema?: z.ZodType; description: string };
  /** Error statuses beyond those every route of its kind can answer. */
  errors?: number[];
}

const SESSION_WRITE: Record<string, string[]> = { sessionCookie: [], csrfToken: [] };

/**
 * One admin route definition.
 *
 * @example
 * const listProducers = adminRoute({ method: 'get', path: `${COOP_PATH}/producers`, operationId: 'listProducers', tag: 'Catalog',
 *   summary: 'List producers', access: { roles: ['owner', 'editor', 'fulfilment'] }, params: pathParams(), ok: { status: 200, schema: PageSchema, description: 'A page.' } });
 * app.openapi(listProducers, handler);
 */
export function adminRoute(spec: AdminRouteSpec): RouteConfig {
  const write = spec.method !== 'get';
  const middleware: MiddlewareHandler<AdminEnv>[] = [];
  if (typeof spec.access === 'object') {
    middleware.push(requireRole(...spec.access.roles));
    if (spec.access.sessionOnly) middleware.push(requireSession());
  }
  if (spec.body) middleware.push(jsonBody());
  const security: Record<string, string[]>[] =
    spec.access === 'public'
      ? []
      : spec.access === 'session' || spec.access.sessionOnly
        ? [write ? SESSION_WRITE : { sessionCookie: [] }]
        : [write ? SESSION_WRITE : { sessionCookie: [] }, { apiToken: [] }];
  const statuses = new Set<number>([
    ...(spec.params || spec.query || spec.body ? [400] : []),
    ...(spec.access === 'public' ? [] : [401, 403]),
    ...(spec.path.startsWith(COOP_PATH) ? [404] : []),
    ...(spec.body || spec.rawBody ? [413, 415] : []),
    ...(spec.errors ?? []),
  ]);
  return createRoute({
    method: spec.method,
    path: spec.path,
    operationId: spec.operationId,
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    security,
    middleware: middleware as MiddlewareHandler[],
    request: {
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      ...(spec.body ? { body: { required: true, content: { 'application/json': { schema: spec.body } } } } : {}),
      ...(spec.rawBody
        ? { body: { required: true, description: spec.rawBody.description, content: { [spec.rawBody.mediaType]: { schema: spec.rawBody.schema } } } }
        : {}),
    },
    responses: {
      [spec.ok.status]: spec.ok.schema
        ? { description: spec.ok.description, content: { 'application/json': { schema: spec.ok.schema } } }
        : { description: spec.ok.description },
      ...errorResponses(...[...statuses].sort()),
    },
  });
}

/**
 * Adds a route to the OpenAPI document only: for the few handlers registered with plain
 * `app.post` because they read the body themselves (uploads streamed, CSV, login).
 * The route table test checks that every such handler is documented.
 *
 * @example
 * documentRoute(app, uploadMediaRoute);
 * app.post(`${COOP}/media`, requireRole('owner', 'editor'), uploadHandler);
 */
export function documentRoute(app: OpenAPIHono<AdminEnv>, route: RouteConfig): void {
  const { middleware: _middleware, ...documented } = route;
  app.openAPIRegistry.registerPath(documented);
}

/**
 * The validated part of a request, typed by the schema that validated it (the route
 * definitions are built by {@link adminRoute}, so zod-openapi cannot infer it).
 *
 * @example
 * const input = valid(c, 'json', producerSchema);
 */
export function valid<S extends z.ZodType>(c: Context, target: 'json' | 'query', _schema: S): z.output<S> {
  return (c.req.valid as (target: string) => unknown)(target) as z.output<S>;
}

/**
 * Declares the security schemes the routes refer to.
 *
 * @example
 * registerSecuritySchemes(app, '__Host-terroir_session');
 */
export function registerSecuritySchemes(app: OpenAPIHono<AdminEnv>, cookieName: string): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: cookieName,
    description: 'The session cookie set by `POST /admin/api/session` (HttpOnly, SameSite=Strict).',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'csrfToken', {
    type: 'apiKey',
    in: 'header',
    name: 'X-CSRF-Token',
    description: 'The `csrfToken` of the login answer (or `GET /admin/api/me`); required with the cookie on every write, from the admin origin.',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiToken', {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API token created by an owner (`POST …/tokens`): `Authorization: Bearer trt_…`. No CSRF header needed; refused on people and credential routes.',
  });
}
