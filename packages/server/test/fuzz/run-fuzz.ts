// The longer fuzz run (`pnpm fuzz --seed 42 --runs 500 [--postgres] [--target admin]`): the same
// fuzzer as the CI smoke, with more requests per operation, a per-operation status table,
// and each failure printed as a replayable request. Exits 1 when anything failed.
import { parseArgs } from 'node:util';
import { TEST_DIALECTS, DEFAULT_PROPERTY_SEED } from '@terroir/core/testing';
// @ts-expect-error plain ESM script without types
import { startThrowawayPostgres } from '../../../../scripts/throwaway-postgres.mjs';
import { startStripeTestServer } from '@terroir/stripe-test-server';
import { createFuzzApps } from './fuzz-targets';
import { fuzzOpenApi } from './openapi-fuzz';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    runs: { type: 'string', default: '200' },
    postgres: { type: 'boolean', default: false },
    target: { type: 'string', multiple: true },
    timeout: { type: 'string', default: '15000' },
  },
});
const seed = values.seed === 'random' ? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0 : Number(values.seed ?? process.env.FC_SEED ?? DEFAULT_PROPERTY_SEED);
const runs = Number(values.runs);
if (!Number.isInteger(seed) || !Number.isInteger(runs) || runs < 1) {
  console.error('usage: pnpm fuzz [--seed N|random] [--runs N] [--postgres] [--target storefront|admin] [--timeout ms]');
  process.exit(2);
}

let cluster: { url: string; stop(): Promise<void> } | undefined;
if (values.postgres && !process.env.DATABASE_URL) {
  cluster = await startThrowawayPostgres();
  process.env.DATABASE_URL = cluster!.url;
}
const dialect = TEST_DIALECTS.find((d) => d.name === (values.postgres ? 'postgres' : 'sqlite'))!;
const stripeServer = await startStripeTestServer();
const database = await dialect.open();
let failed = 0;
try {
  const apps = await createFuzzApps(database, { stripePort: stripeServer.port });
  try {
    for (const target of apps.targets.filter((t) => !values.target || values.target.includes(t.name))) {
      const perOperation = new Map<string, Record<string, number>>();
      const started = Date.now();
      const report = await fuzzOpenApi(target, {
        seed,
        runsPerOperation: runs,
        timeoutMs: Number(values.timeout),
        onRequest: ({ operation, status }) => {
          const counts = perOperation.get(operation) ?? {};
          counts[String(status)] = (counts[String(status)] ?? 0) + 1;
          perOperation.set(operation, counts);
        },
      });
      console.log(
        `\n${target.name} on ${dialect.name}: seed ${seed}, ${runs} runs per operation, ${report.requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      for (const [operation, counts] of perOperation) console.log(`  ${operation.padEnd(70)} ${JSON.stringify(counts)}`);
      for (const failure of report.failures) {
        failed += 1;
        console.log(`\nFAILED ${failure.operation}: ${failure.problem}\n  request: ${JSON.stringify(failure.request)}`);
      }
    }
  } finally {
    await apps.close();
  }
} finally {
  await database.destroy();
  await stripeServer.close();
  await cluster?.stop();
}
console.log(`\nfuzz: ${failed} failing operation(s); replay with --seed ${seed}`);
process.exit(failed > 0 ? 1 : 0);
