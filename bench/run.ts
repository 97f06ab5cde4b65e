// `pnpm bench`: a 10,000-product catalog on a fresh SQLite file, the storefront's list and
// detail endpoints under autocannon, and a bare Hono route with a same-size fixed JSON body
// as the baseline; the list once more with the storefront's response cache off. Prints
// req/s, p99 and the ratio to the baseline; writes results/latest.json.
// Knobs: BENCH_PRODUCTS (10000), BENCH_DURATION seconds per target (10), BENCH_CONNECTIONS (10),
// BENCH_DATABASE_URL (a postgres:// URL: the catalog goes into a fresh schema there, dropped at
// the end, and the report into results/latest-postgres.json).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem, type } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { describeDurability, dropPostgresSchema, openDatabase } from '@terroir/core';
import { BENCH_COOP_SLUG, generateBenchCatalog } from './generate-catalog';

const productCount = Number(process.env.BENCH_PRODUCTS ?? 10_000);
const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const here = fileURLToPath(new URL('.', import.meta.url));
const loadBefore = loadavg()[0]!;

const dir = mkdtempSync(join(tmpdir(), 'terroir-bench-'));
const postgresUrl = process.env.BENCH_DATABASE_URL;
const dbUrl = postgresUrl ?? `file:${join(dir, 'bench.sqlite')}`;
const schema = postgresUrl ? `bench_${process.pid}_${Date.now().toString(36)}` : '';

console.log(`Generating ${productCount} products into ${postgresUrl ? `schema ${schema} of ${dbUrl}` : dbUrl} …`);
const started = Date.now();
const database = await openDatabase({ url: dbUrl, ...(schema ? { schema } : {}) });
const catalog = await generateBenchCatalog(database.db, productCount);
await database.close();
const durability = postgresUrl ? await postgresDurability(postgresUrl) : 'SQLite (WAL, synchronous=FULL)';

/** The server's durability settings, stated beside every PostgreSQL figure. */
async function postgresDurability(url: string): Promise<string> {
  const admin = await openDatabase({ url, migrate: false });
  try {
    return await describeDurability(admin.db);
  } finally {
    await admin.close();
  }
}

async function dropSchema(url: string): Promise<void> {
  const admin = await openDatabase({ url, migrate: false });
  try {
    await dropPostgresSchema(admin.db, schema);
  } finally {
    await admin.close();
  }
}

const coop = `/api/v1/coops/${BENCH_COOP_SLUG}`;
const listPath = `${coop}/products?lang=en`;
const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'serve-targets.ts'), dbUrl, listPath, schema], {
  cwd: here,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const stopChild = () => {
  if (child.exitCode === null) child.kill('SIGTERM');
};
process.on('SIGINT', () => process.exit(130));
process.on('exit', () => {
  stopChild();
  rmSync(dir, { recursive: true, force: true });
});

const ports = await new Promise<{ storefrontPort: number; uncachedPort: number; barePort: number; windowedPort: number; windowMs: number; bareBytes: number }>(
  (resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`target server exited with ${code}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line)));
  },
);

interface Target {
  name: string;
  url: string;
}
const storefront = `http://127.0.0.1:${ports.storefrontPort}`;
const targets: Target[] = [
  { name: 'bare Hono route (same-size JSON)', url: `http://127.0.0.1:${ports.barePort}/bare` },
  { name: 'GET products, first page', url: `${storefront}${listPath}` },
  { name: 'GET products, category + text search', url: `${storefront}${coop}/products?category=fresh&q=pear&sort=price-asc&lang=en` },
  { name: 'GET product detail', url: `${storefront}${coop}/products/${catalog.sampleProductSlug}?lang=en` },
  { name: 'GET products, first page, response cache off', url: `http://127.0.0.1:${ports.uncachedPort}${listPath}` },
  // Only PostgreSQL reads a version per request; SQLite's version is in-process either way.
  ...(postgresUrl
    ? [
        { name: `GET products, first page, version window ${ports.windowMs} ms`, url: `http://127.0.0.1:${ports.windowedPort}${listPath}` },
        {
          name: `GET product detail, version window ${ports.windowMs} ms`,
          url: `http://127.0.0.1:${ports.windowedPort}${coop}/products/${catalog.sampleProductSlug}?lang=en`,
        },
      ]
    : []),
];

interface Figure {
  name: string;
  path: string;
  bytes: number;
  requestsPerSecond: number;
  /** Median over the rounds of each round's p50 / p99 latency. */
  p50Ms: number;
  p99Ms: number;
  /** req/s of every round, to show the spread. */
  roundsRequestsPerSecond: number[];
  non2xx: number;
  errors: number;
  ratioToBare: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const bodies: number[] = [];
for (const target of targets) {
  const probe = await fetch(target.url);
  bodies.push((await probe.arrayBuffer()).byteLength);
  if (probe.status !== 200) throw new Error(`${target.name} answered ${probe.status}`);
  // A short warm-up so the JIT and SQLite's page cache are the same for every target.
  await autocannon({ url: target.url, connections, duration: 2 });
}

// The machine may be shared, and its load drifts. Measuring each target in several short
// rounds, interleaved with the others, spreads that drift evenly over all targets, so the
// ratios stay meaningful even when the absolute figures move.
const rounds = Math.max(1, Math.round(duration / 2));
const perRound = duration / rounds;
const samples = targets.map(() => [] as autocannon.Result[]);
for (let round = 0; round < rounds; round++) {
  for (const [index, target] of targets.entries()) {
    samples[index]!.push(await autocannon({ url: target.url, connections, duration: perRound }));
  }
  console.log(`round ${round + 1}/${rounds} done`);
}

const figures: Figure[] = targets.map((target, index) => {
  const results = samples[index]!;
  const total = results.reduce((sum, r) => sum + r.requests.total, 0);
  const seconds = results.reduce((sum, r) => sum + r.duration, 0);
  return {
    name: target.name,
    path: new URL(target.url).pathname + new URL(target.url).search,
    bytes: bodies[index]!,
    requestsPerSecond: total / seconds,
    p50Ms: median(results.map((r) => r.latency.p50)),
    p99Ms: median(results.map((r) => r.latency.p99)),
    roundsRequestsPerSecond: results.map((r) => Math.round(r.requests.total / r.duration)),
    non2xx: results.reduce((sum, r) => sum + r.non2xx, 0),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    ratioToBare: 1,
  };
});
for (const figure of figures) figure.ratioToBare = figure.requestsPerSecond / figures[0]!.requestsPerSecond;
stopChild();

const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  os: type(),
  node: process.version,
  // Other work on the machine skews the figures; say how busy it was before and after the run.
  loadAverageBefore: Number(loadBefore.toFixed(2)),
  loadAverageAfter: Number(loadavg()[0]!.toFixed(2)),
};
const report = {
  date: new Date().toISOString(),
  machine,
  settings: { productCount, durationSeconds: duration, rounds, connections, warmupSeconds: 2, database: durability },
  catalog,
  bareBytes: ports.bareBytes,
  results: figures,
};
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', postgresUrl ? 'latest-postgres.json' : 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);

const rows = figures.map((f) => `| ${f.name} | \`${f.path}\` | ${f.bytes} | ${Math.round(f.requestsPerSecond)} | ${f.p99Ms} | ${f.ratioToBare.toFixed(2)}× |`);
console.log(`
Run of ${report.date.slice(0, 10)} on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}, load average ${machine.loadAverageBefore} before / ${machine.loadAverageAfter} after;
${durability}; ${productCount} products, ${catalog.variants} variants, ${duration} s per target in ${rounds} interleaved rounds, ${connections} connections.

| target | path | body bytes | req/s | p99 ms | ratio to bare |
|---|---|---|---|---|---|
${rows.join('\n')}
`);
const failed = figures.some((f) => f.non2xx > 0 || f.errors > 0);
if (failed) console.error('Some requests failed (non-2xx or socket errors): see results/latest.json.');
const list = figures[1];
if (list) console.log(`List endpoint at ${list.ratioToBare.toFixed(2)}× the bare route (target ≥ 0.50×).`);
if (postgresUrl) await dropSchema(postgresUrl);
process.exitCode = failed ? 1 : 0;
