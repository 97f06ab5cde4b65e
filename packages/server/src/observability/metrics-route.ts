import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { Telemetry } from './telemetry';

export interface MetricsRouteOptions {
  /**
   * Bearer token a scraper must send (`Authorization: Bearer …`). Required unless
   * `unprotected` is true: metrics name routes and volumes, which a public site keeps private.
   */
  token?: string;
  /** Serve without a token (only behind a network boundary that keeps the path private). */
  unprotected?: boolean;
  /** Path (default `/metrics`). */
  path?: string;
}

/**
 * `GET /metrics` in Prometheus text format, behind a bearer token by default.
 *
 * @example
 * app.route('/', metricsRoute(telemetry, { token: process.env.METRICS_TOKEN }));
 * // curl -H "Authorization: Bearer $METRICS_TOKEN" http://127.0.0.1:8787/metrics
 */
export function metricsRoute(telemetry: Telemetry, options: MetricsRouteOptions): Hono {
  const { token, unprotected = false, path = '/metrics' } = options;
  if (!unprotected && (!token || token.length < 16)) {
    throw new Error('metricsRoute: pass a token of at least 16 characters, or unprotected: true behind a private network boundary');
  }
  const expected = token ? Buffer.from(`Bearer ${token}`) : undefined;
  const app = new Hono();
  app.get(path, async (c) => {
    c.header('Cache-Control', 'no-store');
    if (expected) {
      const given = Buffer.from(c.req.header('authorization') ?? '');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        c.header('WWW-Authenticate', 'Bearer realm="metrics"');
        return c.json({ error: { code: 'unauthorized', message: 'Send the metrics token as Authorization: Bearer <token>.' } }, 401);
      }
    }
    return c.body(await telemetry.registry.metrics(), 200, { 'Content-Type': telemetry.registry.contentType });
  });
  return app;
}
