import type { MiddlewareHandler } from 'hono';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Holds the answer of every request that may write (POST, PUT, PATCH, DELETE) until
 * `windowMs` has passed since its handler finished — after its commit. With readers that reuse
 * a catalog version read for at most `windowMs` (`versionWindowMs` on PostgreSQL), a request
 * that starts in any process after this answer always reads a version sent after the commit:
 * no process serves the write stale, with one version query per window instead of per request.
 * A no-op when `windowMs` is 0.
 *
 * @example
 * app.use('*', writeFence(50)); // the same value as the readers' versionWindowMs
 */
export function writeFence(windowMs: number): MiddlewareHandler {
  return async function fenceWrites(c, next) {
    await next();
    if (windowMs > 0 && !SAFE.has(c.req.method)) await new Promise((resolve) => setTimeout(resolve, windowMs + 1));
  };
}
