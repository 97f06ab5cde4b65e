/** The admin API from the browser: JSON with the session's CSRF token, and uploads with progress. */

export interface FieldIssue {
  field: string;
  code: string;
  message: string;
}

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

async function errorFrom(status: number, text: string): Promise<ApiError> {
  if (status === 401) dispatchEvent(new Event(SESSION_ENDED));
  try {
    const body = JSON.parse(text) as { error?: { code?: string; message?: string; field?: string; issues?: FieldIssue[] } };
    const e = body.error ?? {};
    return new ApiError(status, e.code ?? 'error', e.message ?? `HTTP ${status}`, e.field, e.issues ?? [], body);
  } catch {
    return new ApiError(status, 'error', `HTTP ${status}`);
  }
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
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  const text = await response.text();
  if (!response.ok) throw await errorFrom(response.status, text);
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Sends a file with XMLHttpRequest, whose upload events report progress (fetch has none).
 *
 * @example
 * await sendWithProgress('POST', url, form, (fraction) => setProgress(fraction));
 */
export function sendWithProgress<T>(method: string, path: string, body: FormData | Blob, onProgress: (fraction: number) => void, contentType?: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, path);
    xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.setRequestHeader('accept', 'application/json');
    if (contentType) xhr.setRequestHeader('content-type', contentType);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = async () => {
      onProgress(1);
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText || 'null') as T);
      else reject(await errorFrom(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Network error'));
    xhr.send(body);
  });
}
