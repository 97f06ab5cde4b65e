/** The admin API from the browser: JSON with the session's CSRF token, and uploads with progress. */

import type { AdminSchemas } from '@terroir/client/admin';

/** One field's problem, as the admin API's error body (docs/admin-openapi.json `Error`) names it. */
export type FieldIssue = Pick<NonNullable<AdminSchemas['Error']['error']['issues']>[number], 'field' | 'code' | 'message'>;

/** An error answer of the admin API (`{ error: { code, message, field?, issues? } }`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly issues: FieldIssue[] = [],
    readonly body?: unknown,
  ) {
    super(message);
  }

  /** Messages by field (`title.zh-CN`, `variants[0].priceMinor`) for inline display, in the UI's language when the code is known. */
  fieldErrors(translate: (code: string, fallback: string) => string = (_code, fallback) => fallback): Record<string, string> {
    const out: Record<string, string> = {};
    for (const issue of this.issues) if (issue.field && !out[issue.field]) out[issue.field] = translate(issue.code, issue.message);
    if (this.field && !out[this.field]) out[this.field] = translate(this.code, this.message);
    return out;
  }
}

let csrfToken = '';
export const setCsrfToken = (token: string) => {
  csrfToken = token;
};

/** Fired when the session has ended (expired, logged out elsewhere): the app shows the login again. */
export const SESSION_ENDED = 'terroir-admin:session-ended';

interface WireIssue {
  field?: string;
  path?: Array<string | number> | string;
  code?: string;
  message?: string;
}

/** `["variants", 0, "priceMinor"]` → `variants[0].priceMinor`, the names the forms use. */
function fieldName(path: WireIssue['path']): string {
  if (typeof path === 'string') return path;
  if (!path) return '';
  return path.reduce<string>((name, part) => (typeof part === 'number' ? `${name}[${part}]` : name ? `${name}.${part}` : part), '');
}

/**
 * The one place the app reads an error answer of the API, so a change of the error format is
 * a change here only. Reads `{ error: { code, message, field?, issues? } }` (issues naming
 * their field as `field` or as a zod-style `path`), and a flat `{ code, message }`.
 *
 * @example
 * readApiError(422, '{"error":{"code":"invalid_body","message":"…","issues":[{"path":["slug"],"code":"invalid_format","message":"…"}]}}').fieldErrors()
 * // { slug: '…' }
 */
export function readApiError(status: number, text: string): ApiError {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return new ApiError(status, status === 0 ? 'network' : 'error', `HTTP ${status}`);
  }
  const record = (body ?? {}) as Record<string, unknown>;
  const e = (typeof record.error === 'object' && record.error !== null ? record.error : record) as {
    code?: unknown;
    message?: unknown;
    field?: unknown;
    issues?: unknown;
  };
  const issues = (Array.isArray(e.issues) ? (e.issues as WireIssue[]) : []).map((issue) => ({
    field: issue.field ?? fieldName(issue.path),
    code: issue.code ?? 'invalid',
    message: issue.message ?? '',
  }));
  const code = typeof e.code === 'string' ? e.code : typeof record.error === 'string' ? record.error : 'error';
  return new ApiError(
    status,
    code,
    typeof e.message === 'string' ? e.message : `HTTP ${status}`,
    typeof e.field === 'string' ? e.field : undefined,
    issues,
    body,
  );
}

/** Fired when the cooperative requires owners to use two-factor and this owner has not set it up: the app opens the account page. */
export const TWO_FACTOR_REQUIRED = 'terroir-admin:two-factor-required';

function errorFrom(status: number, text: string): ApiError {
  if (status === 401) dispatchEvent(new Event(SESSION_ENDED));
  const error = readApiError(status, text);
  if (status === 403 && error.code === 'two_factor_required') dispatchEvent(new Event(TWO_FACTOR_REQUIRED));
  return error;
}

/**
 * Calls the admin API with JSON.
 *
 * @example
 * const { items } = await api<{ items: Product[] }>('GET', `/admin/api/coops/${coop}/products?q=梨`);
 */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers['x-csrf-token'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    // fetch rejects only when no answer arrived (offline, connection reset).
    throw new ApiError(0, 'network', 'Network error');
  }
  const text = await response.text();
  if (!response.ok) throw errorFrom(response.status, text);
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Sends a file with XMLHttpRequest, whose upload events report progress (fetch has none).
 *
 * @example
 * await sendWithProgress('POST', url, form, (fraction) => setProgress(fraction));
 */
export function sendWithProgress<T>(
  method: string,
  path: string,
  body: FormData | Blob,
  onProgress: (fraction: number) => void,
  contentType?: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.setRequestHeader('accept', 'application/json');
    if (contentType) xhr.setRequestHeader('content-type', contentType);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      onProgress(1);
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText || 'null') as T);
      else reject(errorFrom(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Network error'));
    xhr.send(body);
  });
}
