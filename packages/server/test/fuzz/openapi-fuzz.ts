import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { arbitraryForSchema, hostileValue, resolveKnown, sometimes, HOSTILE_STRINGS, KnownValue, type JsonSchema } from './openapi-arbitraries';

/*
 * A fuzzer for any OpenAPI 3.1 document served by an in-process app: for every operation it
 * builds schema-aware random requests (path and query parameters, headers, JSON or multipart
 * bodies, and broken bodies), sends them through `fetch` (Hono's `app.request`) and checks
 * what every handler must hold to: no 5xx, an answer within the timeout, and every 4xx a
 * JSON body with a stable `error.code`. fast-check drives it, so a failure is reproducible
 * from the seed and shrunk to a small request.
 */

/** A response body seen earlier (by index), changed by `change`: appended, or `#cut:N` to cut it short. */
class KnownSample {
  constructor(
    readonly index: number,
    readonly change: string,
  ) {}
}

export interface OpenApiOperation {
  parameters?: Array<{ name: string; in: 'path' | 'query' | 'header' | 'cookie'; required?: boolean; schema?: JsonSchema } | { $ref: string }>;
  requestBody?: { required?: boolean; content: Record<string, { schema?: JsonSchema }> } | { $ref: string };
  responses?: Record<string, unknown>;
}

export interface OpenApiDocument {
  openapi: string;
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, OpenApiOperation | unknown>>;
  components?: { schemas?: Record<string, JsonSchema>; parameters?: Record<string, unknown>; requestBodies?: Record<string, unknown> };
}

export interface FuzzTarget {
  /** Shown in reports: "storefront", "admin". */
  name: string;
  document: OpenApiDocument;
  /** Prefix of the document's paths in `fetch` ('' when the app serves them as written). */
  basePath: string;
  /** Sends one request in-process (e.g. `(r) => app.request(r)`). */
  fetch(request: Request): Promise<Response> | Response;
  /** Headers every request carries (session cookie, CSRF token, Origin). */
  headers?: () => Record<string, string>;
  /** Strings known to name things that exist (slugs, ids); grown from every JSON response. */
  pool: string[];
  /** Values a path parameter of this name should mostly take (e.g. `coop` → the demo's slug). */
  preferred?: Record<string, readonly string[]>;
  /** Operations left out, as `METHOD /path` (e.g. one that logs the fuzzing session out). */
  skip?: readonly string[];
  /** Non-JSON bodies seen in responses, by media type (a CSV export): sent back to routes that take that type. */
  samples?: Record<string, string[]>;
}

export interface FuzzOptions {
  seed: number;
  /** Requests per operation (before shrinking). */
  runsPerOperation: number;
  /** A request that takes longer than this counts as a hang. */
  timeoutMs: number;
  /** Called after every request (for progress output). */
  onRequest?: (summary: { operation: string; status: number | 'timeout' | 'unsendable' }) => void;
}

export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | { multipart: Record<string, string | { bytes: number[]; type: string }> };
}

/** What one request broke. */
export interface FuzzFailure {
  operation: string;
  problem: string;
  request: FuzzRequest;
}

export interface FuzzReport {
  target: string;
  operations: string[];
  requests: number;
  statuses: Record<string, number>;
  /** Every `error.code` answered, with its statuses (`{ not_found: [404] }`), for checking against the docs. */
  codes: Record<string, number[]>;
  /** One shrunk failure per failing operation. */
  failures: FuzzFailure[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const STABLE_CODE = /^[a-z][a-z0-9_.]*$/;

/** Every operation of a document as `METHOD /path`, in document order. */
export function listOperations(document: OpenApiDocument): Array<{ key: string; method: string; path: string; operation: OpenApiOperation }> {
  const out: Array<{ key: string; method: string; path: string; operation: OpenApiOperation }> = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as OpenApiOperation | undefined;
      if (operation) out.push({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, operation });
    }
  }
  return out;
}

function resolverOf(document: OpenApiDocument) {
  return <T>(value: T | { $ref: string }): T => {
    let current: unknown = value;
    for (let hops = 0; hops < 20 && current && typeof current === 'object' && '$ref' in current; hops += 1) {
      const ref = (current as { $ref: string }).$ref;
      if (!ref.startsWith('#/')) throw new Error(`Only local $refs are supported, got ${ref}`);
      current = ref
        .slice(2)
        .split('/')
        .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], document);
    }
    return current as T;
  };
}

/** Percent-encodes anything, including lone surrogates (sent as their WTF-8 bytes). */
function encodePart(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return [...value]
      .map((ch) => {
        try {
          return encodeURIComponent(ch);
        } catch {
          const code = ch.charCodeAt(0);
          return `%${(0xe0 | (code >> 12)).toString(16)}%${(0x80 | ((code >> 6) & 0x3f)).toString(16)}%${(0x80 | (code & 0x3f)).toString(16)}`.toUpperCase();
        }
      })
      .join('');
  }
}

function asParamText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** How a body is sent: as the schema says, or broken in one of the ways clients break it. */
type BodyMode = 'schema' | 'malformed-json' | 'wrong-content-type' | 'empty' | 'not-an-object' | 'huge';

interface RequestPlan {
  path: Record<string, unknown>;
  /** Raw (unencoded) path segments: `%`, `%zz`, `..` as they are. */
  rawPath: Record<string, boolean>;
  query: Array<[string, unknown]>;
  headers: Record<string, unknown>;
  bodyMode: BodyMode;
  body: unknown;
  idempotencyKey: unknown;
}

function planArbitrary(document: OpenApiDocument, target: FuzzTarget, path: string, operation: OpenApiOperation): fc.Arbitrary<RequestPlan> {
  const resolve = resolverOf(document);
  const schemaResolve = (schema: JsonSchema) => resolve<JsonSchema>(schema);
  const parameters = (operation.parameters ?? []).map((p) => resolve(p));
  const pathNames = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const pathArbs: Record<string, fc.Arbitrary<unknown>> = {};
  for (const name of pathNames) {
    const preferred = target.preferred?.[name] ?? [];
    // `/products/{id}` names a product: the segment before a parameter is part of its hint.
    const hint = `${/\/([^/{}]+)\/\{[^}]+\}$/.exec(path.slice(0, path.indexOf(`{${name}}`) + name.length + 2))?.[1] ?? ''}${name}`;
    const declared = parameters.find((p) => p.in === 'path' && p.name === name);
    pathArbs[name] = fc.oneof(
      ...(preferred.length > 0 ? [{ weight: 30, arbitrary: fc.constantFrom(...preferred) }] : []),
      { weight: 6, arbitrary: fc.nat().map((i) => new KnownValue(i, 'x', hint)) },
      { weight: 2, arbitrary: arbitraryForSchema(declared?.schema ?? { type: 'string' }, { resolve: schemaResolve, hostility: 0 }, 0, name) },
      { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 400 && s !== '')) },
    );
  }
  const rawPath = fc.record(
    Object.fromEntries(pathNames.map((n) => [n, fc.oneof({ weight: 7, arbitrary: fc.constant(true) }, fc.constant(false))])) as Record<
      string,
      fc.Arbitrary<boolean>
    >,
  );
  const queryArbs = parameters
    .filter((p) => p.in === 'query')
    .map((p) => {
      const value = fc.oneof(
        { weight: 8, arbitrary: arbitraryForSchema(p.schema ?? { type: 'string' }, { resolve: schemaResolve, hostility: 0 }, 0, p.name) },
        { weight: 2, arbitrary: hostileValue },
      );
      const entry = value.map((v): [string, unknown] => [p.name, v]);
      return p.required ? sometimes(entry, 0.95) : sometimes(entry, 0.4);
    });
  // Now and then a parameter twice, or one nobody declared.
  const strayQuery = sometimes(
    fc.tuple(fc.constantFrom(...parameters.filter((p) => p.in === 'query').map((p) => p.name), 'x', '__proto__', 'limit'), hostileValue),
    0.1,
  );
  const headerArbs = Object.fromEntries(
    parameters
      .filter((p) => p.in === 'header')
      .map((p) => [
        p.name,
        sometimes(arbitraryForSchema(p.schema ?? { type: 'string' }, { resolve: schemaResolve, hostility: 0.1 }, 0, p.name), p.required ? 0.95 : 0.4),
      ]),
  );
  const requestBody = operation.requestBody ? resolve(operation.requestBody) : undefined;
  const jsonSchema = requestBody?.content['application/json']?.schema;
  const formSchema = requestBody?.content['multipart/form-data']?.schema;
  // Any other media type (text/csv): a body seen in a response of that type (an export), one
  // cut short or with a hostile line added, or a hostile text.
  const textType = !jsonSchema && !formSchema ? Object.keys(requestBody?.content ?? {})[0] : undefined;
  const textBody = fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          fc.nat(),
          fc.oneof(
            fc.constant(''),
            fc.constantFrom(...HOSTILE_STRINGS).map((h) => `\r\n${h},${h}`),
            fc.nat().map((n) => `#cut:${n}`),
          ),
        )
        .map(([index, change]) => new KnownSample(index, change)),
    },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  );
  const bodySchema = jsonSchema ?? formSchema ?? (textType ? { type: 'string' } : undefined);
  const body = textType
    ? textBody
    : bodySchema
      ? fc.oneof(
          { weight: 3, arbitrary: arbitraryForSchema(bodySchema, { resolve: schemaResolve, hostility: 0 }) },
          { weight: 2, arbitrary: arbitraryForSchema(bodySchema, { resolve: schemaResolve, hostility: 0.06 }) },
        )
      : fc.constant(undefined);
  const bodyMode: fc.Arbitrary<BodyMode> = bodySchema
    ? fc.oneof(
        { weight: 14, arbitrary: fc.constant('schema' as const) },
        fc.constantFrom<BodyMode>('malformed-json', 'wrong-content-type', 'empty', 'not-an-object', 'huge'),
      )
    : fc.constant('schema');
  return fc.record({
    path: fc.record(pathArbs),
    rawPath,
    query: fc.tuple(...queryArbs, strayQuery).map((entries) => entries.filter((e): e is [string, unknown] => e !== undefined)),
    headers: fc.record(headerArbs).map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined))),
    bodyMode,
    body,
    idempotencyKey: fc.oneof({ weight: 8, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: hostileValue }),
  });
}

/** A real 2 × 2 PNG (made by sharp), so fuzzed uploads can also get through. */
const SMALL_PNG = [
  137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0, 253, 212, 154, 115, 0, 0, 0, 9, 112, 72, 89, 115, 0, 0,
  3, 232, 0, 0, 3, 232, 1, 181, 123, 82, 107, 0, 0, 0, 18, 73, 68, 65, 84, 8, 153, 99, 72, 91, 229, 146, 182, 202, 133, 1, 66, 1, 0, 37, 198, 5, 81, 27, 223,
  118, 69, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

function buildRequest(target: FuzzTarget, method: string, path: string, plan: RequestPlan): FuzzRequest {
  const pool = target.pool;
  let url =
    target.basePath +
    path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const value = asParamText(resolveKnown(plan.path[name], pool));
      return plan.rawPath[name] && /^[\x21-\x7e]*$/.test(value) && !value.includes('/') && !value.includes('?') && !value.includes('#')
        ? value
        : encodePart(value);
    });
  const query = plan.query.map(([k, v]) => `${encodePart(k)}=${encodePart(asParamText(resolveKnown(v, pool)))}`);
  if (query.length > 0) url += `?${query.join('&')}`;
  const headers: Record<string, string> = { ...target.headers?.() };
  for (const [name, value] of Object.entries(plan.headers)) {
    // Header values must be ByteStrings without CR/LF: keep what a client could send at all.
    const text = asParamText(resolveKnown(value, pool));
    if (/^[\x20-\x7e\t]*$/.test(text)) headers[name.toLowerCase()] = text;
  }
  if (method !== 'GET' && method !== 'DELETE') {
    const key = asParamText(plan.idempotencyKey);
    if (plan.idempotencyKey !== undefined && /^[\x20-\x7e\t]*$/.test(key)) headers['idempotency-key'] = key;
  }
  const request: FuzzRequest = { method, url, headers };
  if (method === 'GET' || method === 'HEAD') return request;
  const textType = textTypeOf(target, path, method);
  if (textType && plan.bodyMode === 'schema') {
    headers['content-type'] = textType;
    request.body = typeof plan.body === 'string' ? plan.body : sampleText(target, textType, plan.body as KnownSample);
    return request;
  }
  const value = resolveKnown(plan.body, pool);
  switch (plan.bodyMode) {
    case 'schema':
      if (value === undefined) return request;
      if (value && typeof value === 'object' && !Array.isArray(value) && headers['content-type'] === undefined && isMultipart(target, path, method)) {
        const parts: Record<string, string | { bytes: number[]; type: string }> = {};
        for (const [k, v] of Object.entries(value))
          parts[k] = typeof v === 'string' && /file/i.test(k) ? { bytes: SMALL_PNG, type: 'image/png' } : asParamText(v);
        request.body = { multipart: parts };
        return request;
      }
      headers['content-type'] = 'application/json';
      request.body = JSON.stringify(value);
      return request;
    case 'malformed-json':
      headers['content-type'] = 'application/json';
      request.body = `${JSON.stringify(value ?? {}).slice(0, -1)},`;
      return request;
    case 'wrong-content-type':
      headers['content-type'] = 'text/plain; charset=utf-8';
      request.body = JSON.stringify(value ?? {});
      return request;
    case 'empty':
      headers['content-type'] = 'application/json';
      request.body = '';
      return request;
    case 'not-an-object':
      headers['content-type'] = 'application/json';
      request.body = JSON.stringify([value]);
      return request;
    case 'huge':
      headers['content-type'] = 'application/json';
      request.body = JSON.stringify({ pad: 'x'.repeat(3 * 1024 * 1024), ...(value && typeof value === 'object' ? value : {}) });
      return request;
  }
}

function sampleText(target: FuzzTarget, type: string, sample: KnownSample): string {
  const seen = target.samples?.[type.split(';')[0]!.trim()] ?? [];
  const base = seen.length === 0 ? '' : seen[sample.index % seen.length]!;
  const cut = /^#cut:(\d+)$/.exec(sample.change);
  return cut ? base.slice(0, Number(cut[1]) % (base.length + 1)) : base + sample.change;
}

/** The request body's media type when it is neither JSON nor a form (`text/csv`). */
function textTypeOf(target: FuzzTarget, path: string, method: string): string | undefined {
  const operation = target.document.paths[path]?.[method.toLowerCase()] as OpenApiOperation | undefined;
  const body = operation?.requestBody ? resolverOf(target.document)(operation.requestBody) : undefined;
  if (!body || body.content['application/json'] || body.content['multipart/form-data']) return undefined;
  return Object.keys(body.content)[0];
}

function isMultipart(target: FuzzTarget, path: string, method: string): boolean {
  const operation = target.document.paths[path]?.[method.toLowerCase()] as OpenApiOperation | undefined;
  const body = operation?.requestBody ? resolverOf(target.document)(operation.requestBody) : undefined;
  return Boolean(body?.content['multipart/form-data']) && !body?.content['application/json'];
}

function toFetchRequest(request: FuzzRequest): Request {
  let body: BodyInit | undefined;
  if (typeof request.body === 'string') body = request.body;
  else if (request.body) {
    const form = new FormData();
    for (const [k, v] of Object.entries(request.body.multipart)) {
      if (typeof v === 'string') form.append(k, v);
      else form.append(k, new Blob([new Uint8Array(v.bytes)], { type: v.type }), 'upload.png');
    }
    body = form;
  }
  return new Request(new URL(request.url, 'http://fuzz.test'), { method: request.method, headers: request.headers, body });
}

/** Adds every short string of a JSON response to the pool, so later requests name real things. */
export function harvestStrings(value: unknown, pool: string[], limit = 2000): void {
  const seen = new Set(pool);
  const visit = (node: unknown) => {
    if (pool.length >= limit) return;
    if (typeof node === 'string') {
      if (node.length > 0 && node.length <= 120 && !seen.has(node)) {
        seen.add(node);
        pool.push(node);
      }
    } else if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') Object.values(node).forEach(visit);
  };
  visit(value);
}

/** Sends one request and returns what is wrong with the answer, or null. */
async function check(
  target: FuzzTarget,
  request: FuzzRequest,
  timeoutMs: number,
  codes?: Record<string, number[]>,
): Promise<{ status: number | 'timeout' | 'unsendable'; problem: string | null }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  let fetchRequest: Request;
  try {
    fetchRequest = toFetchRequest(request);
  } catch {
    // A request no client could send (the Fetch API refuses it): not the app's problem.
    clearTimeout(timer);
    return { status: 'unsendable', problem: null };
  }
  const exchange = (async () => {
    const response = await target.fetch(fetchRequest);
    const raw = Buffer.from(await response.arrayBuffer());
    // In-process responses arrive as sent: undo a Content-Encoding the way a client would.
    const encoding = response.headers.get('content-encoding');
    if (!encoding || encoding === 'identity') return { response, text: raw.toString('utf8') };
    try {
      const decoded = encoding === 'gzip' ? gunzipSync(raw) : encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'deflate' ? inflateSync(raw) : null;
      return {
        response,
        text: decoded ? decoded.toString('utf8') : raw.toString('utf8'),
        corrupt: decoded ? undefined : `unknown Content-Encoding ${encoding}`,
      };
    } catch (error) {
      return { response, text: '', corrupt: `a body that is not valid ${encoding}: ${(error as Error).message}` };
    }
  })();
  let outcome: 'timeout' | { response: Response; text: string; corrupt?: string };
  try {
    outcome = await Promise.race([exchange, timeout]);
  } catch (error) {
    return { status: 500, problem: `the app threw: ${(error as Error).stack ?? String(error)}` };
  } finally {
    clearTimeout(timer);
  }
  if (outcome === 'timeout') {
    exchange.catch(() => {});
    return { status: 'timeout', problem: `no answer within ${timeoutMs} ms` };
  }
  const { response, text, corrupt } = outcome;
  const status = response.status;
  if (corrupt) return { status, problem: `${status} with ${corrupt}` };
  if (process.env.FUZZ_DEBUG && request.url.includes(process.env.FUZZ_DEBUG))
    console.log(status, request.method, request.url, String(request.body).slice(0, 300), '=>', text.slice(0, 300));
  const type = response.headers.get('content-type') ?? '';
  if (status >= 500) return { status, problem: `${status}: ${text.slice(0, 500)}` };
  let json: unknown;
  if (/json/.test(type)) {
    try {
      json = JSON.parse(text);
    } catch {
      return { status, problem: `${status} says JSON but is not: ${text.slice(0, 200)}` };
    }
    harvestStrings(json, target.pool);
  } else if (status < 300 && type && text.length < 1_000_000) {
    const mediaType = type.split(';')[0]!.trim();
    const seen = ((target.samples ??= {})[mediaType] ??= []);
    if (seen.length < 5 && !seen.includes(text)) seen.push(text);
  }
  if (status >= 400) {
    if (!/json/.test(type)) return { status, problem: `${status} is not JSON (content-type ${type || 'none'}): ${text.slice(0, 200)}` };
    const code = (json as { error?: { code?: unknown } } | null)?.error?.code;
    if (typeof code !== 'string' || !STABLE_CODE.test(code)) return { status, problem: `${status} has no stable error.code: ${text.slice(0, 300)}` };
    if (codes) {
      const seen = (codes[code] ??= []);
      if (!seen.includes(status)) seen.push(status);
    }
  }
  return { status, problem: null };
}

/**
 * Fuzzes every operation of a target's OpenAPI document and reports what failed.
 *
 * @example
 * const report = await fuzzOpenApi({ name: 'storefront', document, basePath: '', fetch: (r) => app.request(r), pool: ['laiyang-pear'] },
 *   { seed: 42, runsPerOperation: 30, timeoutMs: 10_000 });
 * expect(report.failures).toEqual([]);
 */
export async function fuzzOpenApi(target: FuzzTarget, options: FuzzOptions): Promise<FuzzReport> {
  const operations = listOperations(target.document).filter((o) => !target.skip?.includes(o.key));
  const report: FuzzReport = { target: target.name, operations: operations.map((o) => o.key), requests: 0, statuses: {}, codes: {}, failures: [] };
  // Warm-up: every GET whose path parameters have preferred values, once, so the pools hold
  // real ids and bodies (a CSV export for the import) before the first fuzzed request.
  for (const { method, path } of operations) {
    if (method !== 'GET') continue;
    const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    if (!names.every((n) => target.preferred?.[n]?.length)) continue;
    const url = target.basePath + path.replace(/\{([^}]+)\}/g, (_, n: string) => encodePart(target.preferred![n]![0]!));
    await check(target, { method, url, headers: { ...target.headers?.() } }, options.timeoutMs);
  }
  for (const [index, { key, method, path, operation }] of operations.entries()) {
    let last: FuzzFailure | null = null;
    const property = fc.asyncProperty(planArbitrary(target.document, target, path, operation), async (plan) => {
      const request = buildRequest(target, method, path, plan);
      const { status, problem } = await check(target, request, options.timeoutMs, report.codes);
      report.requests += 1;
      report.statuses[String(status)] = (report.statuses[String(status)] ?? 0) + 1;
      options.onRequest?.({ operation: key, status });
      if (problem) {
        last = {
          operation: key,
          problem,
          request: { ...request, body: typeof request.body === 'string' && request.body.length > 2000 ? `${request.body.slice(0, 2000)}…` : request.body },
        };
        return false;
      }
      return true;
    });
    // Each operation gets its own seed derived from the run's, so adding a route does not
    // change the requests sent to the others.
    const result = await fc.check(property, { seed: (options.seed + index * 7919) | 0, numRuns: options.runsPerOperation, endOnFailure: false });
    if (result.failed && last) report.failures.push(last);
    else if (result.failed)
      report.failures.push({ operation: key, problem: `property error: ${String(result.errorInstance)}`, request: { method, url: path, headers: {} } });
  }
  await fuzzUndocumentedPaths(target, options, report, operations.length);
  return report;
}

/** The longest path prefix, up to a `/`, that every documented path shares (`/v1/`, `/admin/api/`). */
function commonPrefix(paths: readonly string[]): string {
  if (paths.length === 0) return '/';
  let prefix = paths[0]!;
  for (const p of paths) while (!p.startsWith(prefix)) prefix = prefix.slice(0, -1);
  prefix = prefix.slice(0, prefix.indexOf('{') === -1 ? prefix.length : prefix.indexOf('{'));
  return prefix.slice(0, prefix.lastIndexOf('/') + 1) || '/';
}

/**
 * Paths under the API's prefix that no route serves (a typo, an extra segment, a method a
 * route does not take) must still get a JSON 4xx from the API itself, never another app's page.
 */
async function fuzzUndocumentedPaths(target: FuzzTarget, options: FuzzOptions, report: FuzzReport, index: number): Promise<void> {
  const documented = Object.keys(target.document.paths);
  const prefix = commonPrefix(documented);
  const key = `ANY ${prefix}* (undocumented)`;
  const filled = documented.map((p) => p.replace(/\{[^}]+\}/g, (_, offset: number) => (offset > 0 ? (target.preferred?.coop?.[0] ?? 'x') : 'x')));
  const segment = fc.oneof(
    fc.constantFrom('x', 'v2', 'openapi.json', '..', '%2e%2e', '%00', 'admin', 'api', '~', 'index.html', ''),
    fc.stringMatching(/^[a-z0-9._-]{1,12}$/),
  );
  const path = fc.oneof(
    fc.tuple(fc.constantFrom(...filled), segment).map(([p, extra]) => `${p}/${extra}`),
    fc.tuple(fc.constantFrom(...filled), segment).map(([p, last]) => `${p.slice(0, p.lastIndexOf('/') + 1)}${last}-nope`),
    fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => `${prefix}${parts.join('/')}`),
  );
  let last: FuzzFailure | null = null;
  const property = fc.asyncProperty(path, fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'), async (url, method) => {
    const request: FuzzRequest = {
      method,
      url: target.basePath + url,
      headers: { ...target.headers?.(), ...(method === 'GET' ? {} : { 'content-type': 'application/json' }) },
      ...(method === 'GET' ? {} : { body: '{}' }),
    };
    // A `..` segment leaves the API before any server sees it (URLs are normalised): not ours.
    if (!new URL(request.url, 'http://fuzz.test').pathname.startsWith(target.basePath + prefix)) return true;
    const { status, problem } = await check(target, request, options.timeoutMs, report.codes);
    report.requests += 1;
    report.statuses[String(status)] = (report.statuses[String(status)] ?? 0) + 1;
    options.onRequest?.({ operation: key, status });
    if (problem) last = { operation: key, problem, request };
    return problem === null;
  });
  const result = await fc.check(property, { seed: (options.seed + index * 7919) | 0, numRuns: options.runsPerOperation, endOnFailure: false });
  report.operations.push(key);
  if (result.failed && last) report.failures.push(last);
}
