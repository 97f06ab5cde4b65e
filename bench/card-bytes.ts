// `pnpm --filter @terroir/bench card-bytes`: how much heap a cached product card really holds,
// against what the product card cache counts for it (`cardBytes` in catalog-reader.ts), so the
// cache's byte bound can be trusted. Two storefronts read the same pages of every product, in both
// languages: one without the card cache, one with it; the difference of their retained heaps is the
// cards plus their serialised summaries. Needs --expose-gc (the script passes it to itself).
// Knob: BENCH_PRODUCTS (2000).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { createProductCardCache, openDatabase } from '@terroir/core';
import { createStorefront } from '@terroir/server';
import { BENCH_COOP_SLUG, generateBenchCatalog } from './generate-catalog';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url)], { stdio: 'inherit' });
  process.exit(0);
}
const productCount = Number(process.env.BENCH_PRODUCTS ?? 2000);
const dir = mkdtempSync(join(tmpdir(), 'terroir-bench-cards-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const url = `file:${join(dir, 'bench.sqlite')}`;
const seeding = await openDatabase({ url });
await generateBenchCatalog(seeding.db, productCount);
await seeding.close();

const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
// Every page of the whole catalog (100 a page), in both languages, through one storefront.
async function readEverything(app: Hono): Promise<number> {
  let pages = 0;
  for (const lang of ['en', 'zh-CN']) {
    let path: string | null = `/api/v1/coops/${BENCH_COOP_SLUG}/products?limit=100&lang=${lang}`;
    while (path) {
      const res = await app.request(path);
      const body = (await res.json()) as { nextCursor: string | null };
      pages += 1;
      path = body.nextCursor ? `/api/v1/coops/${BENCH_COOP_SLUG}/products?limit=100&lang=${lang}&cursor=${body.nextCursor}` : null;
    }
  }
  return pages;
}

const { db, close } = await openDatabase({ url });
const mount = (productCardCache: Parameters<typeof createStorefront>[0]['productCardCache']) =>
  new Hono().route('/api', createStorefront({ db, productCardCache }));
// A first pair warms the JIT, compiled query shapes and statements; the measured pair starts with
// empty caches, so each retains its response bodies, and the second its cards and summaries too.
await readEverything(mount(false));
await readEverything(mount(createProductCardCache({ maxBytes: 1024 ** 3, maxEntries: 1_000_000 })));
const cards = createProductCardCache({ maxBytes: 1024 ** 3, maxEntries: 1_000_000 });
const without = mount(false);
const withCards = mount(cards);
const base = heap();
const pages = await readEverything(without);
const afterWithout = heap();
await readEverything(withCards);
const afterWith = heap();
const retainedByCards = afterWith - afterWithout - (afterWithout - base);
console.table([
  {
    cards: cards.size,
    pages,
    'heap of cards + summaries, bytes per card': Math.round(retainedByCards / cards.size),
    'counted by the cache, bytes per card': Math.round(cards.bytes / cards.size),
    'counted ÷ heap': Number((cards.bytes / retainedByCards).toFixed(2)),
  },
]);
// Keep both storefronts (and what they retain) alive until the heap was read.
if (without === withCards) console.log('unreachable');
await close();
