// Per-query timings on a SQLite file kept by `BENCH_SEARCH_KEEP=1` or `BENCH_SEARCH_REUSE`
// (bench/search.ts), or a PostgreSQL schema kept by `BENCH_SEARCH_REUSE`: the median of five
// runs of each benchmark query and prefix, beside the LIKE baseline, with the total and the
// first three results. For finding which query makes a p99.
//   npx tsx search-per-query.ts /tmp/terroir-bench-search-XXXX/bench.sqlite
//   npx tsx search-per-query.ts postgres://postgres@127.0.0.1:54329/postgres bench_search_10000
import { loadCooperativeBySlug, openDatabase, searchDocuments, suggestTitles, likeSearchBaseline } from '@terroir/core';
const [file, schema] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx search-per-query.ts <bench.sqlite kept by BENCH_SEARCH_KEEP=1> | <postgres url> <schema>');
const database = await openDatabase(file.startsWith('postgres') ? { url: file, ...(schema ? { schema } : {}) } : { url: `file:${file}` });
const coop = (await loadCooperativeBySlug(database.db, 'bench-coop'))!;
const QUERIES = ['梨', '小米', '老树梨', '有机苹果', 'li', 'pingguo', 'lsl', '老shu', 'organic apple', 'walnut no. 12', '樱桃 7号', 'hetao'];
const PREFIXES = ['老', 'l', 'la', 'lao', '有', 'yo', 'org', 'sh'];
const o = { locale: 'zh-CN' as const, fallback: 'zh-CN' as const };
const t = async (fn: () => Promise<unknown>) => {
  const s = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - s) / 1e6;
};
for (const q of QUERIES) await searchDocuments(database.db, coop.id, { ...o, q });
for (const q of QUERIES) {
  const ms: number[] = [];
  const lk: number[] = [];
  for (let i = 0; i < 5; i++) {
    ms.push(await t(() => searchDocuments(database.db, coop.id, { ...o, q })));
    lk.push(await t(() => likeSearchBaseline(database.db, coop.id, q)));
  }
  const r = await searchDocuments(database.db, coop.id, { ...o, q });
  console.log(
    q.padEnd(14),
    'search',
    ms.sort((a, b) => a - b)[2]!.toFixed(2),
    'like',
    lk.sort((a, b) => a - b)[2]!.toFixed(2),
    'total',
    r.total,
    'top',
    r.items
      .slice(0, 3)
      .map((i) => i.slug)
      .join(','),
  );
}
for (const q of PREFIXES) {
  const ms: number[] = [];
  for (let i = 0; i < 5; i++) ms.push(await t(() => suggestTitles(database.db, coop.id, { ...o, q })));
  const r = await suggestTitles(database.db, coop.id, { ...o, q });
  console.log('suggest', q.padEnd(6), ms.sort((a, b) => a - b)[2]!.toFixed(2), r.map((x) => x.slug).join(','));
}
await database.close();
