import { randomUUID } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What a handler can reach of the request's telemetry (see `requestTelemetry`). */
export interface RequestTelemetry {
  /** The request id: the caller's `X-Request-Id` when well-formed, else a new UUID. */
  id: string;
  /** A logger whose every line carries `requestId`. */
  log: Logger;
  /** Counts a response-cache outcome of a catalog read. */
  cacheResult(hit: boolean): void;
  /** Counts a payment webhook's outcome (`applied`, `duplicate`, `ignored`, `invalid_signature`, …). */
  webhookOutcome(provider: string, outcome: string): void;
}

export interface TelemetryOptions {
  /**
   * Where JSON log lines go: a pino logger, pino options (level, redaction…), or `false` for
   * none. Default: pino at `info` to stdout, or `$LOG_LEVEL`.
   */
  logger?: Logger | LoggerOptions | false;
  /** A destination stream for the default logger (tests pass one to read the lines). */
  destination?: DestinationStream;
  /** Prometheus registry to register the metrics on (default: a new one). */
  registry?: Registry;
  /** Also collect Node's process metrics (CPU, memory, event-loop lag; default true). */
  processMetrics?: boolean;
  /**
   * Gauges read at scrape time, e.g. `{ reservationsHeld: () => countHeldReservations(db) }`.
   * A failing reader leaves its gauge out of that scrape instead of failing it.
   */
  gauges?: { reservationsHeld?: () => Promise<number> };
}

/** Request logs and Prometheus metrics for one app (see docs/operators.md). */
export interface Telemetry {
  logger: Logger;
  registry: Registry;
  /** Mount first: sets the request id, logs one line per request, counts it by route. */
  middleware: MiddlewareHandler;
}

const TELEMETRY_KEY = 'terroirTelemetry';
// Ids from a proxy or the caller are kept when they look like ids, so one id follows a request
// through the load balancer, the app and its logs; anything else is replaced (no log injection).
const INCOMING_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/**
 * Request ids, structured JSON logs (pino) and Prometheus metrics (prom-client) for an app.
 * Mount `middleware` before the routes; serve the metrics with `metricsRoute`.
 *
 * @example
 * const telemetry = createTelemetry({ gauges: { reservationsHeld: () => countHeldReservations(db) } });
 * const app = new Hono();
 * app.use('*', telemetry.middleware);
 * app.route('/api', createStorefront({ db }));
 * app.route('/', metricsRoute(telemetry, { token: process.env.METRICS_TOKEN }));
 */
export function createTelemetry(options: TelemetryOptions = {}): Telemetry {
  const logger = toLogger(options);
  const registry = options.registry ?? new Registry();
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry, prefix: 'terroir_' });
  const requests = new Counter({
    name: 'terroir_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'terroir_http_request_duration_seconds',
    help: 'Time to answer a request (until the response headers), by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const cache = new Counter({
    name: 'terroir_response_cache_requests_total',
    help: 'Catalog reads answered from the response cache (result="hit") or built (result="miss").',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const webhooks = new Counter({
    name: 'terroir_payment_webhooks_total',
    help: 'Payment webhooks received, by provider and outcome.',
    labelNames: ['provider', 'outcome'] as const,
    registers: [registry],
  });
  const reservationsHeld = options.gauges?.reservationsHeld;
  if (reservationsHeld) {
    new Gauge({
      name: 'terroir_reservations_held',
      help: 'Stock reservations of unpaid orders currently holding stock.',
      registers: [registry],
      async collect() {
        try {
          this.set(await reservationsHeld());
        } catch (error) {
          logger.warn({ err: error }, 'metrics: could not count reservations');
        }
      },
    });
  }

  const middleware: MiddlewareHandler = async function telemetry(c, next) {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const id = incoming && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    const log = logger.child({ requestId: id });
    const request: RequestTelemetry = {
      id,
      log,
      cacheResult: (hit) => cache.inc({ result: hit ? 'hit' : 'miss' }),
      webhookOutcome: (provider, outcome) => webhooks.inc({ provider, outcome }),
    };
    c.set(TELEMETRY_KEY as never, request as never);
    try {
      await next();
    } finally {
      const status = c.res.status;
      // Patterns, never raw paths: a bounded set of label values however many URLs are requested.
      const route = routeLabel(c);
      const seconds = (performance.now() - started) / 1000;
      requests.inc({ method: c.req.method, route, status: String(status) });
      duration.observe({ method: c.req.method, route }, seconds);
      c.header('X-Request-Id', id);
      log[status >= 500 ? 'error' : 'info'](
        { method: c.req.method, route, path: c.req.path.slice(0, 300), status, durationMs: Math.round(seconds * 1e4) / 10 },
        'request',
      );
    }
  };

  return { logger, registry, middleware };
}

/**
 * The route pattern a request is counted under: the first method-specific route that matched
 * (the handler, even when a caching middleware answered before it ran), else `unmatched`.
 * Middleware (`app.use`, method ALL) patterns such as `*` are not routes.
 */
function routeLabel(c: Context): string {
  const handler = matchedRoutes(c).find((route) => route.method !== 'ALL');
  return handler?.path ?? 'unmatched';
}

function toLogger(options: TelemetryOptions): Logger {
  const given = options.logger;
  if (given === false) return pino({ enabled: false });
  if (given && typeof (given as Logger).child === 'function') return given as Logger;
  const settings: LoggerOptions = { level: process.env.LOG_LEVEL ?? 'info', base: { service: 'terroir' }, ...(given as LoggerOptions | undefined) };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}

/**
 * The request's telemetry, when the app mounted `createTelemetry().middleware`; else undefined.
 *
 * @example
 * requestTelemetry(c)?.log.info({ orderId }, 'order placed');
 */
export function requestTelemetry(c: Context): RequestTelemetry | undefined {
  return (c.get as (key: string) => unknown)(TELEMETRY_KEY) as RequestTelemetry | undefined;
}

/**
 * Logs an error with the request id when telemetry is mounted, else to stderr.
 *
 * @example
 * logRequestError(c, error, 'payment provider failed', { orderId });
 */
export function logRequestError(c: Context, error: unknown, message: string, fields: Record<string, unknown> = {}): void {
  const telemetry = requestTelemetry(c);
  if (telemetry) telemetry.log.error({ ...fields, err: error }, message);
  else console.error(`terroir: ${message}`, fields, error);
}
