// Child process of run.ts: serves the storefront (mounted under /api, as the demo site does)
// and a bare Hono app on 127.0.0.1 port 0, so autocannon in the parent process does not share
// the servers' event loop. Prints one JSON line with the ports, then serves until killed.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { openDatabase } from '@terroir/core';
import { createStorefront } from '@terroir/server';

const [dbUrl, listPath, schema] = process.argv.slice(2);
if (!dbUrl || !listPath) throw new Error('usage: serve-targets.ts <database url> <list path> [postgres schema]');

const database = await openDatabase({ url: dbUrl, ...(schema ? { schema } : {}) });
const storefrontApp = new Hono();
storefrontApp.route('/api', createStorefront({ db: database.db }));
// The same storefront without its response cache: what a cache miss (a changed catalog, a new
// query) costs.
const uncachedApp = new Hono();
uncachedApp.route('/api', createStorefront({ db: database.db, responseCache: false }));

// PostgreSQL with several processes: version reads reused for a window (writes wait it out),
// instead of one version read per request (batched). The same as the default on SQLite.
const windowMs = Number(process.env.BENCH_VERSION_WINDOW_MS ?? 50);
const windowedApp = new Hono();
windowedApp.route('/api', createStorefront({ db: database.db, versionWindowMs: windowMs }));

// The baseline: exactly the list response's JSON bytes, without database, validation or
// rendering. Taken from the storefront itself so the sizes match.
const listResponse = await storefrontApp.request(listPath);
if (listResponse.status !== 200) throw new Error(`list answered ${listResponse.status}: ${await listResponse.text()}`);
const bareBody = await listResponse.text();
const bareApp = new Hono();
bareApp.get('/bare', (c) => c.body(bareBody, 200, { 'Content-Type': 'application/json; charset=UTF-8' }));

const listen = (app: Hono) =>
  new Promise<number>((resolve) => {
    serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info.port));
  });
const [storefrontPort, uncachedPort, barePort, windowedPort] = await Promise.all([
  listen(storefrontApp),
  listen(uncachedApp),
  listen(bareApp),
  listen(windowedApp),
]);
console.log(JSON.stringify({ storefrontPort, uncachedPort, barePort, windowedPort, windowMs, bareBytes: Buffer.byteLength(bareBody) }));
