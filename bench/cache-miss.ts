// `pnpm --filter @terroir/bench cache-miss`: what a storefront cache MISS costs in server CPU,
// with SQLite's prepared statements reused (the default) and prepared afresh for every query
// (`statementCache: 0`, how it was before), against a bare Hono route answering the same bytes,
// all in one process and one run. The storefront's response cache is off, and the list URLs
// rotate over ≥ 800 distinct ones (category × sort × limit × language × page), so every request
// pays the miss path. Reports CPU ms per request (process.cpuUsage, median of rounds) and ratios.
// Knobs: BENCH_PRODUCTS (2000), BENCH_ROUNDS (5), BENCH_REQUESTS per round and target (800).
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
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

const dir = mkdtempSync(join(tmpdir(), 'terroir-bench-miss-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const url = `file:${join(dir, 'bench.sqlite')}`;
const seeding = await openDatabase({ url });
await generateBenchCatalog(seeding.db, productCount);
await seeding.close();

const withCache = await openDatabase({ url });
const withoutCache = await openDatabase({ url, statementCache: 0 });
const mount = (db: typeof withCache.db) => new Hono().route('/api', createStorefront({ db, responseCache: false }));
const cachedStatements = mount(withCache.db);
const freshStatements = mount(withoutCache.db);

const coop = `/api/v1/coops/${BENCH_COOP_SLUG}`;
const paths: string[] = [];
for (const lang of ['en', 'zh-CN'])
  for (const category of ['', 'fresh', 'processed', 'craft', 'experience'])
    for (const sort of ['', 'price-asc', 'price-desc', 'newest'])
      for (let limit = 1; limit <= 21; limit++)
        paths.push(`${coop}/products?lang=${lang}&limit=${limit}${category ? `&category=${category}` : ''}${sort ? `&sort=${sort}` : ''}`);
if (paths.length < 800) throw new Error(`only ${paths.length} distinct URLs`);

const sample = await cachedStatements.request(paths[0]!);
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

const targets = [
  { name: 'bare Hono route (same bytes)', app: bare, path: () => '/bare' },
  { name: 'list miss, statements prepared every query', app: freshStatements, path: (i: number) => paths[i % paths.length]! },
  { name: 'list miss, prepared statements reused', app: cachedStatements, path: (i: number) => paths[i % paths.length]! },
];
// Warm-up (JIT, page cache), then rounds in alternating order so drift hits every target alike.
for (const t of targets) await cpuPerRequest(t.app, t.path, 0);
const samples = new Map<string, number[]>(targets.map((t) => [t.name, []]));
for (let r = 0; r < rounds; r++) {
  for (const t of r % 2 === 0 ? targets : [...targets].reverse()) samples.get(t.name)!.push(await cpuPerRequest(t.app, t.path, r * perRound));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const bareMs = median(samples.get(targets[0]!.name)!);
const freshMs = median(samples.get(targets[1]!.name)!);
const figures = targets.map((t) => {
  const ms = median(samples.get(t.name)!);
  return {
    name: t.name,
    cpuMsPerRequest: Number(ms.toFixed(4)),
    ratioToBare: Number((bareMs / ms).toFixed(3)),
    speedupOverFreshStatements: Number((freshMs / ms).toFixed(2)),
  };
});
console.table(figures);
const result = {
  when: new Date().toISOString(),
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
await withCache.close();
await withoutCache.close();
