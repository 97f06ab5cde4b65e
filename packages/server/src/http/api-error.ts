import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { constraintViolation } from './constraint-error';
import { errorMessage, type KnownErrorCode } from './error-messages';
import { logRequestError } from '../observability/telemetry';

/** Stable, machine-readable error codes of the API (docs/api.md lists each with its status). */
export type ApiErrorCode = KnownErrorCode | (string & {});

/** One problem among several (a query with two bad parameters, a cart with two bad lines). */
export interface ApiIssue {
  field: string;
  code: string;
  message: string;
  [extra: string]: unknown;
}

/** The JSON body of every error response: `{ error: { code, message, field?, issues? } }`. */
export interface ApiErrorBody {
  error: {
    code: ApiErrorCode;
    message: string;
    field?: string;
    issues?: ApiIssue[];
  };
}

/** What an {@link ApiError} says; `message` defaults to the code's entry in the message table. */
export interface ApiErrorOptions {
  code: ApiErrorCode;
  message?: string;
  field?: string;
  issues?: ApiIssue[];
  /** Extra response headers (`Retry-After`, `WWW-Authenticate`). */
  headers?: Record<string, string>;
  cause?: unknown;
}

/**
 * An error meant for the client, storefront and admin alike: thrown anywhere in a handler or
 * middleware, answered by {@link apiErrorHandler} as JSON with its status. It is a Hono
 * `HTTPException`, so even an app without our error handler answers it properly.
 *
 * @example
 * throw new ApiError(404, { code: 'not_found', message: 'No product "pear-9".', field: 'product' });
 * throw new ApiError(409, { code: 'slug_taken', field: 'slug' }); // message from the table
 */
export class ApiError extends HTTPException {
  readonly code: ApiErrorCode;
  readonly field: string | undefined;
  readonly issues: ApiIssue[] | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(status: ContentfulStatusCode, options: ApiErrorOptions);
  /** @deprecated Pass an options object: `new ApiError(status, { code, message, field })`. */
  constructor(status: ContentfulStatusCode, code: ApiErrorCode, message: string, options?: Omit<ApiErrorOptions, 'code' | 'message'>);
  constructor(
    status: ContentfulStatusCode,
    codeOrOptions: ApiErrorCode | ApiErrorOptions,
    message?: string,
    rest: Omit<ApiErrorOptions, 'code' | 'message'> = {},
  ) {
    const options: ApiErrorOptions = typeof codeOrOptions === 'string' ? { ...rest, code: codeOrOptions, message } : codeOrOptions;
    super(status, { message: options.message ?? errorMessage(options.code) ?? options.code, cause: options.cause });
    this.name = 'ApiError';
    this.code = options.code;
    this.field = options.field;
    this.issues = options.issues;
    this.headers = options.headers;
  }

  /** The response body. */
  toBody(): ApiErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.field === undefined ? {} : { field: this.field }),
        ...(this.issues === undefined ? {} : { issues: this.issues }),
      },
    };
  }

  /** The JSON response, also used by Hono's own error handler when ours is not installed. */
  override getResponse(): Response {
    return new Response(JSON.stringify(this.toBody()), {
      status: this.status,
      headers: { 'Content-Type': 'application/json; charset=UTF-8', 'X-Content-Type-Options': 'nosniff', ...this.headers },
    });
  }
}

/**
 * A 404 for a resource named by a path parameter. Without arguments, the admin API's bare
 * "Not found.", the same for "does not exist" and "not yours" so other tenants' ids leak nothing.
 *
 * @example
 * throw notFound('product', 'pear-9');
 * throw notFound();
 */
export function notFound(field?: string, value?: string): ApiError {
  if (field === undefined) return new ApiError(404, { code: 'not_found' });
  const noun = field === 'coop' ? 'cooperative' : field;
  return new ApiError(404, { code: 'not_found', message: `No ${noun} "${(value ?? '').slice(0, 100)}".`, field });
}

/**
 * The JSON error response for an ApiError.
 *
 * @example
 * return apiErrorResponse(c, new ApiError(400, { code: 'invalid_parameter', message: 'Bad limit', field: 'limit' }));
 */
export function apiErrorResponse(c: Context, error: ApiError): Response {
  for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
  return c.json(error.toBody(), error.status);
}

const CODE_BY_STATUS: Record<number, ApiErrorCode> = {
  400: 'bad_request',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
};

/**
 * `app.onError` handler of every API: ApiErrors, database constraint violations (a race past
 * a check ends as 409, not 500) and Hono's other HTTPExceptions become their 4xx JSON; anything
 * else is logged and answered with a 500 that reveals nothing.
 *
 * @example
 * app.onError(apiErrorHandler);
 */
export const apiErrorHandler: ErrorHandler = function apiErrorHandler(error, c) {
  if (error instanceof ApiError) return apiErrorResponse(c, error);
  const constraint = constraintViolation(error);
  if (constraint) return apiErrorResponse(c, new ApiError(constraint.status, { code: constraint.code }));
  if (error instanceof HTTPException && error.status < 500) {
    const status = error.status;
    const code = CODE_BY_STATUS[status] ?? 'bad_request';
    return apiErrorResponse(c, new ApiError(status, { code, message: errorMessage(code) }));
  }
  logRequestError(c, error, 'unhandled error', { method: c.req.method, path: c.req.path.slice(0, 300) });
  return apiErrorResponse(c, new ApiError(500, { code: 'internal_error' }));
};

/**
 * `app.notFound` handler: a JSON 404 for any path the API does not serve.
 *
 * @example
 * app.notFound(apiNotFoundHandler);
 */
export const apiNotFoundHandler: NotFoundHandler = function apiNotFoundHandler(c) {
  return apiErrorResponse(c, new ApiError(404, { code: 'not_found', message: `No such endpoint: ${c.req.method} ${c.req.path.slice(0, 200)}` }));
};
