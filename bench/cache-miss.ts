// `pnpm --filter @terroir/bench cache-miss`: what a storefront response-cache MISS of the product
// list costs in server CPU, against a bare Hono route answering the same bytes, all in one process
// and one run. The list URLs rotate over ≥ 800 distinct ones (category × sort × limit × language),
// more than the response cache holds (500, least recently used first), so every request is a
// miss (checked before measuring). Three ways a miss is paid:
//   - response cache off (`responseCache: false`): no catalog version, every card read from SQLite;
//   - cards cold: the response cache on, a product card cache that keeps nothing, so each page is
//     read whole (what the first request after a catalog write pays);
//   - page's cards missing: a card cache that keeps one card, so each page is read as ids and then
//     nearly all of its cards are read (the worst case while the cache fills after a write);
//   - cards warm: the defaults; the page is read as ids and its cards come from the card cache.
// Reports CPU ms per request (process.cpuUsage, median of alternating rounds) and the ratio of the
// bare route's CPU to each. Knobs: BENCH_PRODUCTS (2000), BENCH_ROUNDS (5), BENCH_REQUESTS (800).
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { openDatabase } from '@terroir/core';
import { createStorefront } from '@terroir/server';
import { BENCH_COOP_SLUG, generateBenchCatalog } from './generate-catalog';

const productCount = Number(process.env.BENCH_PRODUCTS ?? 2000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const perRound = Number(process.env.BENCH_REQUESTS ?? 800);
const here = fileURLToPath(new URL('.', import.meta.url));
const loadBefore = Number(loadavg()[0]!.toFixed(2));

const dir = mkdtempSync(join(tmpdir(), 'terroir-bench-miss-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const url = `file:${join(dir, 'bench.sqlite')}`;
const seeding = await openDatabase({ url });
await generateBenchCatalog(seeding.db, productCount);
await seeding.close();

// One connection per target, so no target reads another's caches or statements.
const databases = await Promise.all([1, 2, 3, 4].map(() => openDatabase({ url })));
const [offDb, coldDb, missingDb, warmDb] = databases.map((d) => d.db);
const storefronts = {
  off: createStorefront({ db: offDb!, responseCache: false }),
  cold: createStorefront({ db: coldDb!, productCardCache: { maxEntries: 0 } }),
  missing: createStorefront({ db: missingDb!, productCardCache: { maxEntries: 1 } }),
  warm: createStorefront({ db: warmDb! }),
};
const mount = (storefront: ReturnType<typeof createStorefront>) => new Hono().route('/api', storefront);

const coop = `/api/v1/coops/${BENCH_COOP_SLUG}`;
const paths: string[] = [];
for (const lang of ['en', 'zh-CN'])
  for (const category of ['', 'fresh', 'processed', 'craft', 'experience'])
    for (const sort of ['', 'price-asc', 'price-desc', 'newest'])
      for (let limit = 1; limit <= 21; limit++)
        paths.push(`${coop}/products?lang=${lang}&limit=${limit}${category ? `&category=${category}` : ''}${sort ? `&sort=${sort}` : ''}`);
if (paths.length < 800) throw new Error(`only ${paths.length} distinct URLs`);

const sample = await mount(storefronts.off).request(paths[0]!);
if (sample.status !== 200) throw new Error(`list answered ${sample.status}`);
const bareBody = await sample.text();
const bare = new Hono().get('/bare', (c) => c.body(bareBody, 200, { 'Content-Type': 'application/json; charset=UTF-8' }));

async function cpuPerRequest(app: Hono, pathOf: (i: number) => string, offset: number): Promise<number> {
  const start = process.cpuUsage();
  for (let i = 0; i < perRound; i++) {
    const res = await app.request(pathOf(offset + i));
    if (res.status !== 200) throw new Error(`${pathOf(offset + i)} → ${res.status}`);
    await res.arrayBuffer();
  }
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / perRound;
}

const rotate = (i: number) => paths[i % paths.length]!;
const targets = [
  { name: 'bare Hono route (same bytes)', app: bare, path: () => '/bare' },
  { name: 'list miss, response cache off', app: mount(storefronts.off), path: rotate },
  { name: 'list miss, response cache on, cards cold', app: mount(storefronts.cold), path: rotate },
  { name: "list miss, response cache on, page's cards missing", app: mount(storefronts.missing), path: rotate },
  { name: 'list miss, response cache on, cards warm', app: mount(storefronts.warm), path: rotate },
];
// Warm-up (JIT, page cache, the card cache), then rounds in alternating order so drift hits every
// target alike.
for (const t of targets) await cpuPerRequest(t.app, t.path, 0);
// Every measured list request must be a response-cache miss: count the storefront's own verdicts
// (it reports them to the request's telemetry) over two full rotations.
for (const storefront of [storefronts.cold, storefronts.missing, storefronts.warm]) {
  let hits = 0;
  let misses = 0;
  const counted = new Hono()
    .use('*', async (c, next) => {
      c.set('terroirTelemetry' as never, { cacheResult: (hit: boolean) => (hit ? hits++ : misses++) } as never);
      await next();
    })
    .route('/api', storefront);
  for (let i = 0; i < 2 * paths.length; i++) await (await counted.request(rotate(i))).arrayBuffer();
  if (hits !== 0 || misses !== 2 * paths.length) throw new Error(`expected only misses, got ${hits} hits and ${misses} misses`);
}
const samples = new Map<string, number[]>(targets.map((t) => [t.name, []]));
for (let r = 0; r < rounds; r++) {
  for (const t of r % 2 === 0 ? targets : [...targets].reverse()) samples.get(t.name)!.push(await cpuPerRequest(t.app, t.path, r * perRound));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const bareMs = median(samples.get(targets[0]!.name)!);
const offMs = median(samples.get(targets[1]!.name)!);
const figures = targets.map((t) => {
  const ms = median(samples.get(t.name)!);
  return {
    name: t.name,
    cpuMsPerRequest: Number(ms.toFixed(4)),
    ratioToBare: Number((bareMs / ms).toFixed(3)),
    timesBare: Number((ms / bareMs).toFixed(1)),
    cheaperThanCacheOff: Number((offMs / ms).toFixed(2)),
  };
});
console.table(figures);
const result = {
  when: new Date().toISOString(),
  loadAverage1m: { before: loadBefore, after: Number(loadavg()[0]!.toFixed(2)) },
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model,
  productCount,
  distinctUrls: paths.length,
  rounds,
  perRound,
  sqlite: 'WAL, synchronous=FULL (SQLITE_PRAGMAS)',
  figures,
};
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'cache-miss-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
for (const database of databases) await database.close();
