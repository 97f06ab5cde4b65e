// Profiles the cache-miss list path in process: seeds a catalog, then runs list requests that all
// miss the response cache (840 URLs in rotation, more than it holds) under the inspector's CPU
// profiler and prints self time by function and by package. BENCH_MODE: `warm` (default: cards
// come from the product card cache), `cold` (a card cache that keeps nothing: pages read whole),
// `off` (response cache off, as measured before the card cache). `BENCH_PRODUCTS` (1000),
// `BENCH_REQUESTS` (1500); the .cpuprofile goes to BENCH_PROFILE_OUT.
import { Session } from 'node:inspector/promises';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { openDatabase } from '@terroir/core';
import { createStorefront } from '@terroir/server';
import { BENCH_COOP_SLUG, generateBenchCatalog } from './generate-catalog';

const productCount = Number(process.env.BENCH_PRODUCTS ?? 1000);
const requests = Number(process.env.BENCH_REQUESTS ?? 1500);
const dir = mkdtempSync(join(tmpdir(), 'terroir-bench-prof-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const url = `file:${join(dir, 'bench.sqlite')}`;
const seeding = await openDatabase({ url });
await generateBenchCatalog(seeding.db, productCount);
await seeding.close();
const { db, close } = await openDatabase({ url });
const mode = process.env.BENCH_MODE ?? 'warm';
const options = mode === 'off' ? { responseCache: false } : mode === 'cold' ? { productCardCache: { maxEntries: 0 } } : {};
const app = new Hono().route('/api', createStorefront({ db, ...options }));
const coop = `/api/v1/coops/${BENCH_COOP_SLUG}`;
const paths: string[] = [];
for (const lang of ['en', 'zh-CN'])
  for (const category of ['', 'fresh', 'processed', 'craft', 'experience'])
    for (const sort of ['', 'price-asc', 'price-desc', 'newest'])
      for (let limit = 1; limit <= 21; limit++)
        paths.push(`${coop}/products?lang=${lang}&limit=${limit}${category ? `&category=${category}` : ''}${sort ? `&sort=${sort}` : ''}`);
const run = async (n: number) => {
  for (let i = 0; i < n; i++) await (await app.request(paths[i % paths.length]!)).arrayBuffer();
};
await run(800);
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 100 });
await session.post('Profiler.start');
const t0 = process.cpuUsage();
await run(requests);
const used = process.cpuUsage(t0);
const { profile } = await session.post('Profiler.stop');
console.log(`cpu ms/request while profiling: ${((used.user + used.system) / 1000 / requests).toFixed(3)}`);
if (process.env.BENCH_PROFILE_OUT) writeFileSync(process.env.BENCH_PROFILE_OUT, JSON.stringify(profile));
type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
const nodes = new Map<number, Node>((profile.nodes as Node[]).map((n) => [n.id, n]));
const self = new Map<number, number>();
for (const id of profile.samples ?? []) self.set(id, (self.get(id) ?? 0) + 1);
const total = profile.samples?.length ?? 1;
const byFn = new Map<string, number>();
const byPkg = new Map<string, number>();
for (const [id, count] of self) {
  const frame = nodes.get(id)!.callFrame;
  const pkg =
    frame.url.match(/node_modules\/(?:\.pnpm\/)?((?:@[^/]+\/)?[^/@]+)/)?.[1] ??
    (frame.url.includes('/packages/')
      ? frame.url.replace(/.*\/packages\/([^/]+)\/.*/, '@terroir/$1')
      : frame.url
        ? frame.url.replace(/.*\//, '')
        : `(${frame.functionName || 'native'})`);
  const key = `${frame.functionName || '(anon)'} ${frame.url.replace(/.*node_modules\//, '').replace(/.*\/packages\//, '')}:${frame.lineNumber}`;
  byFn.set(key, (byFn.get(key) ?? 0) + count);
  byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + count);
}
const top = (m: Map<string, number>, n: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`)
    .join('\n');
console.log(`\nby package (self time)\n${top(byPkg, 20)}\n\nby function (self time)\n${top(byFn, 40)}`);
await close();
