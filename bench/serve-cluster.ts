// Child process of processes.ts: a node:cluster primary forking N workers, each serving the
// storefront (mounted under /api, response cache on, its own connection pool) on one shared port
// of 127.0.0.1; the primary hands connections to the workers in turn (round robin, Node's default
// on Linux). Prints one JSON line with the port once every worker listens, then serves until killed.
import cluster from 'node:cluster';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { openDatabase } from '@terroir/core';
import { createStorefront } from '@terroir/server';

const [workers, dbUrl, schema] = [Number(process.env.BENCH_WORKERS ?? 1), process.env.BENCH_DB_URL!, process.env.BENCH_SCHEMA!];
cluster.schedulingPolicy = cluster.SCHED_RR;

if (cluster.isPrimary) {
  let ready = 0;
  let port = 0;
  for (let i = 0; i < workers; i++) {
    cluster.fork().on('message', (message: { port: number }) => {
      port = message.port;
      if (++ready === workers) console.log(JSON.stringify({ port, workers }));
    });
  }
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill();
    process.exit(0);
  });
} else {
  const database = await openDatabase({ url: dbUrl, schema, migrate: false });
  const app = new Hono();
  // BENCH_VERSION_WINDOW_MS: PostgreSQL catalog version reads reused for a window (docs/api.md Caching).
  app.route('/api', createStorefront({ db: database.db, versionWindowMs: Number(process.env.BENCH_VERSION_WINDOW_MS ?? 0) }));
  app.route('/api-uncached', createStorefront({ db: database.db, responseCache: false }));
  // Port 0 in every worker: the cluster gives them all the same port.
  serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => process.send?.({ port: info.port }));
}
