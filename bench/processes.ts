// `pnpm --filter @terroir/bench processes`: throughput of the storefront API in 2 Node processes
// (node:cluster, round robin on 127.0.0.1) against 1, on PostgreSQL, in one run. Knobs:
// BENCH_DATABASE_URL (else a throwaway local cluster, fsync=off), BENCH_PRODUCTS (1000),
// BENCH_CONNECTIONS (10), BENCH_ROUNDS (3) of 2 s per target, alternating 1 and 2 processes.
// On a 2-core machine autocannon (this process), PostgreSQL and the app processes share the cores.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { describeDurability, dropPostgresSchema, openDatabase } from '@terroir/core';
import { BENCH_COOP_SLUG, generateBenchCatalog } from './generate-catalog';
// @ts-expect-error plain ESM script without types
import { startThrowawayPostgres } from '../scripts/throwaway-postgres.mjs';

const productCount = Number(process.env.BENCH_PRODUCTS ?? 1000);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const here = fileURLToPath(new URL('.', import.meta.url));
const loadBefore = loadavg()[0]!;

const throwaway = process.env.BENCH_DATABASE_URL ? undefined : await startThrowawayPostgres();
const url: string = process.env.BENCH_DATABASE_URL ?? throwaway.url;
const schema = `bench_proc_${process.pid}`;
const children: ChildProcess[] = [];
try {
  const seeding = await openDatabase({ url, schema });
  await generateBenchCatalog(seeding.db, productCount);
  await seeding.close();
  const admin = await openDatabase({ url, migrate: false });
  const durability = await describeDurability(admin.db);

  const start = (workers: number) =>
    new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'serve-cluster.ts')], {
        env: { ...process.env, BENCH_WORKERS: String(workers), BENCH_DB_URL: url, BENCH_SCHEMA: schema },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(child);
      child.stdout!.once('data', (data: Buffer) => resolve(JSON.parse(data.toString()).port));
      child.once('exit', (code) => reject(new Error(`cluster of ${workers} exited ${code}`)));
    });
  const ports = { 1: await start(1), 2: await start(2) };
  const paths = {
    'list (response cache on)': `/api/v1/coops/${BENCH_COOP_SLUG}/products?lang=en`,
    'list miss (cache off)': `/api-uncached/v1/coops/${BENCH_COOP_SLUG}/products?lang=en`,
  };
  const run = async (port: number, path: string, duration: number) => {
    const result = await autocannon({ url: `http://127.0.0.1:${port}${path}`, connections, duration });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${path}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return result.requests.total;
  };
  for (const path of Object.values(paths)) for (const port of Object.values(ports)) await run(port, path, 1);
  const totals: Record<string, { 1: number; 2: number }> = {};
  for (const [name, path] of Object.entries(paths)) {
    totals[name] = { 1: 0, 2: 0 };
    for (let r = 0; r < rounds; r++) {
      for (const n of r % 2 === 0 ? ([1, 2] as const) : ([2, 1] as const)) totals[name]![n] += await run(ports[n], path, 2);
    }
  }
  const figures = Object.entries(totals).map(([name, t]) => ({
    target: name,
    oneProcessReqPerSec: Math.round(t[1] / (rounds * 2)),
    twoProcessesReqPerSec: Math.round(t[2] / (rounds * 2)),
    ratio: Number((t[2] / t[1]).toFixed(2)),
  }));
  console.table(figures);
  const result = {
    when: new Date().toISOString(),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    loadBefore,
    loadAfter: loadavg()[0],
    durability,
    versionWindowMs: Number(process.env.BENCH_VERSION_WINDOW_MS ?? 0),
    productCount,
    connections,
    rounds,
    figures,
  };
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(join(here, 'results', 'processes-latest.json'), `${JSON.stringify(result, null, 2)}\n`);
  await dropPostgresSchema(admin.db, schema);
  await admin.close();
} finally {
  for (const child of children) child.kill('SIGTERM');
  await throwaway?.stop();
}
