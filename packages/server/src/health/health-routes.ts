import { Hono } from 'hono';
import type { Kysely } from 'kysely';
import { databaseReadiness } from '@terroir/core';

export interface HealthRoutesOptions {
  /** The database `/readyz` checks. */
  db: Kysely<any>;
  /** PostgreSQL schema holding Terroir's tables, when not the default one. */
  schema?: string;
  /** Clock for the uptime figure (tests). */
  now?: () => number;
}

/**
 * Liveness and readiness probes for load balancers and orchestrators:
 * - `GET /healthz`: the process is up and serving (never touches the database) → 200.
 * - `GET /readyz`: the database answers and every migration this code knows has run → 200;
 *   otherwise 503 with the reasons (`database_unreachable`, `migrations_pending` and their
 *   names), so a new process is not sent traffic before `terroir migrate` has run.
 * Neither answer is cacheable, and neither says more than an operator needs (no versions,
 * no connection strings).
 *
 * @example
 * app.route('/', healthRoutes({ db }));
 * // curl -s localhost:8787/readyz → {"status":"ready","database":"reachable","pendingMigrations":[]}
 */
export function healthRoutes(options: HealthRoutesOptions): Hono {
  const now = options.now ?? Date.now;
  const startedAt = now();
  const app = new Hono();
  app.use('/healthz', noStore);
  app.use('/readyz', noStore);
  app.get('/healthz', (c) => c.json({ status: 'ok', uptimeSeconds: Math.floor((now() - startedAt) / 1000) }));
  app.get('/readyz', async (c) => {
    const readiness = await databaseReadiness(options.db, options.schema ? { schema: options.schema } : {});
    const reasons = [...(readiness.reachable ? [] : ['database_unreachable']), ...(readiness.pendingMigrations.length > 0 ? ['migrations_pending'] : [])];
    const body = {
      status: reasons.length === 0 ? 'ready' : 'not_ready',
      database: readiness.reachable ? 'reachable' : 'unreachable',
      pendingMigrations: readiness.pendingMigrations,
      ...(reasons.length > 0 ? { reasons } : {}),
    };
    return c.json(body, reasons.length === 0 ? 200 : 503);
  });
  return app;
}

async function noStore(c: { header: (name: string, value: string) => void }, next: () => Promise<void>) {
  await next();
  c.header('Cache-Control', 'no-store');
  c.header('X-Content-Type-Options', 'nosniff');
}
