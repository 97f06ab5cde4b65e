// `pnpm --filter @terroir/bench dump-responses`: the storefront's list answers (response cache off) for
// 1,635 URLs (filters, sorts, limits, text search, three pages of cursors each, details) from one SQLite
// file, written as { url: "status etag body" } to OUT. Run it from two versions of the code over the same
// file and compare the outputs byte for byte: a change that should not alter any answer must not.
//   SEED=1 BENCH_DB_FILE=/tmp/x/bench.sqlite npx tsx dump-responses.ts   # make the file once (1,000 products)
//   BENCH_DB_FILE=/tmp/x/bench.sqlite OUT=/tmp/a.json npx tsx dump-responses.ts
// MODE=cards: the response cache and the product card cache on; every URL is read twice round
// (more URLs than the response cache holds, so each read builds its answer) and the second round,
// made of cached cards, is written (after checking it equals the first). MODE=cold: the same with
// a card cache that keeps nothing. Default: the response cache off.
import { writeFileSync } from 'node:fs';
import { Hono } from 'hono';
import { createProductCardCache, openDatabase } from '@terroir/core';
import { createStorefront } from '@terroir/server';
import { BENCH_COOP_SLUG, generateBenchCatalog } from './generate-catalog';

const file = process.env.BENCH_DB_FILE!;
if (process.env.SEED) {
  const seeding = await openDatabase({ url: `file:${file}` });
  await generateBenchCatalog(seeding.db, 1000);
  await seeding.close();
  process.exit(0);
}
const { db, close } = await openDatabase({ url: `file:${file}` });
const mode = process.env.MODE ?? 'off';
const cards = createProductCardCache(mode === 'cold' ? { maxEntries: 0 } : {});
const storefront = mode === 'off' ? createStorefront({ db, responseCache: false }) : createStorefront({ db, productCardCache: cards });
const app = new Hono().route('/api', storefront);
const coop = `/api/v1/coops/${BENCH_COOP_SLUG}`;
const out: Record<string, string> = {};
const get = async (path: string) => {
  const res = await app.request(path);
  const body = await res.text();
  out[path] = `${res.status} ${res.headers.get('etag')} ${body}`;
  return res.status === 200 ? (JSON.parse(body) as { nextCursor?: string | null }) : {};
};
const readAll = async () => {
  for (const lang of ['en', 'zh-CN'])
    for (const category of ['', 'fresh', 'processed', 'craft', 'experience'])
      for (const sort of ['', 'price-asc', 'price-desc', 'newest'])
        for (const extra of ['', '&season=in-season', '&tag=pear', '&producer=producer-3', '&q=pear'])
          for (const limit of [1, 7, 24, 100]) {
            let path = `${coop}/products?lang=${lang}&limit=${limit}${category ? `&category=${category}` : ''}${sort ? `&sort=${sort}` : ''}${extra}`;
            for (let page = 0; page < 3; page++) {
              const body = await get(path);
              if (!body.nextCursor) break;
              path = `${path.replace(/&cursor=[^&]*/, '')}&cursor=${body.nextCursor}`;
            }
          }
  for (const slug of ['product-1', 'product-500', 'nope']) await get(`${coop}/products/${slug}?lang=en`);
};
await readAll();
if (mode !== 'off') {
  const first = JSON.stringify(out);
  await readAll();
  if (JSON.stringify(out) !== first) throw new Error('the second round answered differently from the first');
}
writeFileSync(process.env.OUT!, JSON.stringify(out, null, 1));
console.log(Object.keys(out).length, 'answers', mode === 'off' ? '' : `(${cards.size} product cards kept)`);
await close();
