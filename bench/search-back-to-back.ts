// Two versions of the search code, interleaved query by query in one process, so both see the
// same machine load (on a shared machine a whole run of one then the other does not): the
// benchmark's queries and prefixes, each version on its own database holding the same catalog
// (seeded by `search.ts` with BENCH_SEARCH_REUSE, by each version's writers).
//   npx tsx search-back-to-back.ts <other checkout>/packages/core/src/index.ts <its db> <this db> [<its schema> <this schema>]
// A database is a SQLite file or a PostgreSQL URL (then give both schemas).
import * as current from '@terroir/core';

type Core = typeof current;
const [otherPath, otherDb, thisDb, otherSchema, thisSchema] = process.argv.slice(2);
if (!otherPath || !otherDb || !thisDb)
  throw new Error('usage: tsx search-back-to-back.ts <other core index.ts> <its db> <this db> [<its schema> <this schema>]');
const other = (await import(otherPath)) as Core;
const open = (core: Core, db: string, schema?: string) =>
  core.openDatabase(db.startsWith('postgres') ? { url: db, ...(schema ? { schema } : {}) } : { url: `file:${db}` });
const sides = [
  { name: 'other', core: other, database: await open(other, otherDb, otherSchema) },
  { name: 'this', core: current, database: await open(current, thisDb, thisSchema) },
].map((side) => ({ ...side, search: [] as number[], suggest: [] as number[], perQuery: new Map<string, number[]>(), coopId: '' }));
for (const side of sides) side.coopId = (await side.core.loadCooperativeBySlug(side.database.db, 'bench-coop'))!.id;

const QUERIES = ['梨', '小米', '老树梨', '有机苹果', 'li', 'pingguo', 'lsl', '老shu', 'organic apple', 'walnut no. 12', '樱桃 7号', 'hetao'];
const PREFIXES = ['老', 'l', 'la', 'lao', '有', 'yo', 'org', 'sh'];
const options = { locale: 'zh-CN' as const, fallback: 'zh-CN' as const };
const time = async (fn: () => Promise<unknown>) => {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

for (const side of sides) for (const q of QUERIES) await side.core.searchDocuments(side.database.db, side.coopId, { ...options, q }); // warm-up
const rounds = Number(process.env.BENCH_ROUNDS ?? 9);
for (let r = 0; r < rounds; r++) {
  // Alternate which version goes first, so neither always runs on a cache the other warmed.
  const order = r % 2 === 0 ? sides : [...sides].reverse();
  for (const q of QUERIES) {
    for (const side of order) {
      const ms = await time(() => side.core.searchDocuments(side.database.db, side.coopId, { ...options, q }));
      side.search.push(ms);
      side.perQuery.set(q, [...(side.perQuery.get(q) ?? []), ms]);
    }
  }
  for (const q of PREFIXES)
    for (const side of order) side.suggest.push(await time(() => side.core.suggestTitles(side.database.db, side.coopId, { ...options, q })));
}
const f = (n: number) => n.toFixed(2);
console.table(
  sides.map((s) => ({
    version: s.name,
    searches: s.search.length,
    searchP50Ms: f(percentile(s.search, 50)),
    searchP99Ms: f(percentile(s.search, 99)),
    searchMaxMs: f(Math.max(...s.search)),
    suggestP50Ms: f(percentile(s.suggest, 50)),
    suggestP99Ms: f(percentile(s.suggest, 99)),
  })),
);
console.table(
  QUERIES.map((q) => ({ query: q, otherMedianMs: f(percentile(sides[0]!.perQuery.get(q)!, 50)), thisMedianMs: f(percentile(sides[1]!.perQuery.get(q)!, 50)) })),
);
for (const side of sides) await side.database.close();
