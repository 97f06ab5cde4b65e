import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Stable, machine-readable error codes of the API. */
export type ApiErrorCode =
  | 'invalid_parameter'
  | 'invalid_body'
  | 'not_found'
  | 'method_not_allowed'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'too_many_requests'
  | 'internal_error'
  | (string & {});

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

/**
 * An error meant for the client: thrown anywhere in a handler, answered by
 * {@link apiErrorHandler} as JSON with its status.
 *
 * @example
 * throw new ApiError(404, 'not_found', 'No product "pear-9".', { field: 'product' });
 */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ApiErrorCode;
  readonly field: string | undefined;
  readonly issues: ApiIssue[] | undefined;

  constructor(status: ContentfulStatusCode, code: ApiErrorCode, message: string, options: { field?: string; issues?: ApiIssue[] } = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = options.field;
    this.issues = options.issues;
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
}

/**
 * A 404 for a resource named by a path parameter.
 *
 * @example
 * throw notFound('product', 'pear-9');
 */
export function notFound(field: string, value: string): ApiError {
  const noun = field === 'coop' ? 'cooperative' : field;
  return new ApiError(404, 'not_found', `No ${noun} "${value.slice(0, 100)}".`, { field });
}

/**
 * The JSON error response for an ApiError.
 *
 * @example
 * return apiErrorResponse(c, new ApiError(400, 'invalid_parameter', 'Bad limit', { field: 'limit' }));
 */
export function apiErrorResponse(c: Context, error: ApiError): Response {
  return c.json(error.toBody(), error.status);
}

const CODE_BY_STATUS: Record<number, ApiErrorCode> = {
  400: 'invalid_parameter',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
};

/**
 * `app.onError` handler: ApiErrors and Hono's HTTPExceptions (body limit, media type…) become
 * their 4xx JSON; anything else is logged and answered with a 500 that reveals nothing.
 *
 * @example
 * app.onError(apiErrorHandler);
 */
export const apiErrorHandler: ErrorHandler = function apiErrorHandler(error, c) {
  if (error instanceof ApiError) return apiErrorResponse(c, error);
  if (error instanceof HTTPException && error.status < 500) {
    const status = error.status as ContentfulStatusCode;
    return apiErrorResponse(c, new ApiError(status, CODE_BY_STATUS[status] ?? 'bad_request', error.message || 'Bad request.'));
  }
  console.error('terroir: unhandled error', error);
  return apiErrorResponse(c, new ApiError(500, 'internal_error', 'Something went wrong on our side.'));
};

/**
 * `app.notFound` handler: a JSON 404 for any path the API does not serve.
 *
 * @example
 * app.notFound(apiNotFoundHandler);
 */
export const apiNotFoundHandler: NotFoundHandler = function apiNotFoundHandler(c) {
  return apiErrorResponse(c, new ApiError(404, 'not_found', `No such endpoint: ${c.req.method} ${c.req.path.slice(0, 200)}`));
};
