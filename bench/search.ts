// `pnpm --filter @terroir/bench search`: search that understands Chinese (issue 10) against the
// LIKE search it replaces, measured in the same run on the same catalog and connection.
// For each size (BENCH_SEARCH_SIZES, default 1000,10000) and engine (SQLite; PostgreSQL from
// DATABASE_URL or a throwaway cluster): uncached query latency p50/p99 at one connection over a
// mixed query set (Chinese 1–4 characters, pinyin, initials, mixed, English), the LIKE baseline
// (products + stories `search_text LIKE '%q%'`, first 20) on the same queries, suggestion p99,
// and the index's size on disk per 10k products (SQLite: dbstat of the search tables).
// Reports ratios; writes bench/results/search-latest.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  dropPostgresSchema,
  likeSearchBaseline,
  loadCooperativeBySlug,
  openDatabase,
  searchDocuments,
  searchIndexBytes,
  suggestTitles,
  type TerroirDatabase,
} from '@terroir/core';
// @ts-expect-error plain ESM script without types
import { startThrowawayPostgres } from '../scripts/throwaway-postgres.mjs';
import { BENCH_COOP_SLUG, generateBenchCatalog } from './generate-catalog';

const sizes = (process.env.BENCH_SEARCH_SIZES ?? '1000,10000').split(',').map(Number);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const here = fileURLToPath(new URL('.', import.meta.url));
const QUERIES = ['梨', '小米', '老树梨', '有机苹果', 'li', 'pingguo', 'lsl', '老shu', 'organic apple', 'walnut no. 12', '樱桃 7号', 'hetao'];
const PREFIXES = ['老', 'l', 'la', 'lao', '有', 'yo', 'org', 'sh'];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function measure(engine: string, database: TerroirDatabase, size: number) {
  const seedStart = Date.now();
  // A database reused through BENCH_SEARCH_REUSE already holds the catalog: it is not seeded again.
  const reused = await loadCooperativeBySlug(database.db, BENCH_COOP_SLUG);
  if (!reused) await generateBenchCatalog(database.db, size);
  const seedSeconds = reused ? 0 : (Date.now() - seedStart) / 1000;
  const coop = (await loadCooperativeBySlug(database.db, BENCH_COOP_SLUG))!;
  const search: number[] = [];
  const baseline: number[] = [];
  const suggest: number[] = [];
  const options = { locale: 'zh-CN' as const, fallback: 'zh-CN' as const };
  for (const q of QUERIES) await searchDocuments(database.db, coop.id, { ...options, q }); // warm-up
  for (let r = 0; r < rounds; r++) {
    for (const q of QUERIES) {
      // Alternate the order so drift hits both alike.
      if (r % 2 === 0) {
        search.push(await time(() => searchDocuments(database.db, coop.id, { ...options, q })));
        baseline.push(await time(() => likeSearchBaseline(database.db, coop.id, q)));
      } else {
        baseline.push(await time(() => likeSearchBaseline(database.db, coop.id, q)));
        search.push(await time(() => searchDocuments(database.db, coop.id, { ...options, q })));
      }
    }
    for (const q of PREFIXES) suggest.push(await time(() => suggestTitles(database.db, coop.id, { ...options, q })));
  }
  const indexBytes = await searchIndexBytes(database.db);
  const f = (n: number) => Number(n.toFixed(2));
  return {
    engine,
    products: size,
    seedSeconds: f(seedSeconds),
    searchP50Ms: f(percentile(search, 50)),
    searchP99Ms: f(percentile(search, 99)),
    likeP50Ms: f(percentile(baseline, 50)),
    likeP99Ms: f(percentile(baseline, 99)),
    p50RatioToLike: f(percentile(search, 50) / percentile(baseline, 50)),
    p99RatioToLike: f(percentile(search, 99) / percentile(baseline, 99)),
    suggestP99Ms: f(percentile(suggest, 99)),
    indexMbPer10k: indexBytes == null ? null : f((indexBytes / 1024 / 1024) * (10_000 / size)),
  };
}

const figures = [];
let pg: { url: string; stop(): Promise<void> } | undefined;
const pgUrl = process.env.DATABASE_URL ?? (pg = await startThrowawayPostgres()).url;
try {
  for (const size of sizes) {
    // BENCH_SEARCH_REUSE=<folder>: the SQLite file of each size lives there and is seeded only
    // the first time (seeding 100k products takes minutes); the PostgreSQL schema is kept too.
    const reuse = process.env.BENCH_SEARCH_REUSE;
    const dir = reuse ?? mkdtempSync(join(tmpdir(), 'terroir-bench-search-'));
    if (reuse) mkdirSync(reuse, { recursive: true });
    const file = join(dir, reuse ? `search-${size}.sqlite` : 'bench.sqlite');
    const sqlite = await openDatabase({ url: `file:${file}` });
    figures.push(await measure('sqlite', sqlite, size));
    await sqlite.close();
    // BENCH_SEARCH_KEEP=1 keeps the SQLite file for EXPLAIN QUERY PLAN and dbstat by hand.
    if (process.env.BENCH_SEARCH_KEEP || reuse) console.log(`kept ${file}`);
    else rmSync(dir, { recursive: true, force: true });
    if (process.env.BENCH_SEARCH_SQLITE_ONLY) continue;
    const schema = reuse ? `bench_search_${size}` : `bench_search_${size}_${process.pid}`;
    const postgres = await openDatabase({ url: pgUrl, schema });
    figures.push(await measure('postgres', postgres, size));
    if (!reuse) await dropPostgresSchema(postgres.db, schema);
    await postgres.close();
    console.table(figures);
  }
} finally {
  await pg?.stop();
}
console.table(figures);
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(
  // BENCH_SEARCH_OUT: another file name, for runs kept apart (a 100k run beside the 1k/10k one).
  join(here, 'results', process.env.BENCH_SEARCH_OUT ?? 'search-latest.json'),
  `${JSON.stringify({ when: new Date().toISOString(), cpus: cpus().length, cpuModel: cpus()[0]?.model, rounds, queries: QUERIES, prefixes: PREFIXES, figures }, null, 2)}\n`,
);
