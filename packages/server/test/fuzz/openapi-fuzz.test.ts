import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, propertySeed, type TestDatabase } from '@terroir/core/testing';
import { startStripeTestServer, type StripeTestServer } from '@terroir/stripe-test-server';
import { createFuzzApps, type FuzzApps } from './fuzz-targets';
import { fuzzOpenApi } from './openapi-fuzz';

/*
 * The fuzz smoke of CI: every operation of every OpenAPI document, a bounded number of
 * schema-aware random requests each, with the run's fixed seed (FC_SEED replays a failure;
 * `pnpm fuzz --seed N --runs N` searches longer). No 5xx, no hang, JSON errors with a code.
 */

/** Requests per operation in CI: the admin API has six times the routes, so fewer each. */
const RUNS_PER_OPERATION: Record<string, number> = { storefront: 40, admin: 12 };
const runsFor = (target: string) => (Number(process.env.FUZZ_RUNS) > 0 ? Number(process.env.FUZZ_RUNS) : (RUNS_PER_OPERATION[target] ?? 12));

/** Every `code` the docs name (in backticks), so a code a client may see is one it can look up. */
const DOCS = fileURLToPath(new URL('../../../../docs/', import.meta.url));
const documentedCodes = new Set(
  readdirSync(DOCS)
    .filter((f) => f.endsWith('.md'))
    .flatMap((f) => [...readFileSync(DOCS + f, 'utf8').matchAll(/`(?:[1-5]\d\d )?([a-z][a-z0-9_]*)`/g)].map((m) => m[1]!)),
);

let stripeServer: StripeTestServer;
beforeAll(async () => {
  stripeServer = await startStripeTestServer();
});
afterAll(() => stripeServer.close());

for (const dialect of TEST_DIALECTS) {
  describe(`OpenAPI fuzz smoke on ${dialect.name}`, () => {
    let database: TestDatabase;
    let apps: FuzzApps;
    beforeAll(async () => {
      database = await dialect.open();
      apps = await createFuzzApps(database, { stripePort: stripeServer.port });
    });
    afterAll(async () => {
      await apps.close();
      await database.destroy();
    });

    it('answers every route with no 5xx, no hang, and JSON errors with a stable code', async () => {
      const seed = propertySeed();
      for (const target of apps.targets) {
        const report = await fuzzOpenApi(target, { seed, runsPerOperation: runsFor(target.name), timeoutMs: 15_000 });
        console.log(
          `[fuzz] ${dialect.name} ${target.name}: seed ${seed}, ${report.operations.length} operations, ${report.requests} requests, statuses ${JSON.stringify(report.statuses)}, codes ${JSON.stringify(report.codes)}`,
        );
        expect(report.operations.length).toBeGreaterThan(0);
        expect(report.failures, JSON.stringify(report.failures, null, 2)).toEqual([]);
        // Stable means documented: docs/api.md's error table (or the page of the route) names it.
        expect(
          Object.keys(report.codes).filter((code) => !documentedCodes.has(code)),
          'error codes answered but not in docs/*.md',
        ).toEqual([]);
      }
    }, 240_000);
  });
}
