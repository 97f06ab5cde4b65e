import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, csrfTokenFor } from '@terroir/core';
import { DEMO_COOP_SLUG, seedDemoVillage } from '@terroir/core/seed';
import { TEST_DIALECTS, propertySeed, type TestDatabase } from '@terroir/core/testing';
import { createVillageSite } from './app';
import { ensureDemoOwner, DEMO_OWNER } from './demo-owner';
import { harvestStrings, fuzzOpenApi, type FuzzTarget, type OpenApiDocument } from '../../../packages/server/test/fuzz/openapi-fuzz';
import { findUserByEmail } from '@terroir/core';

/*
 * The fuzzer over the whole demo site as it is served: the storefront under /api and the admin
 * API under /admin/api beside the pages app (which gzips), asking for gzip like a browser. What
 * one app does to another's answers (a page app compressing an API's 404, a JSON escaper
 * rewriting compressed bytes) only shows up here. Every answer must decode and hold to the
 * same rules as in packages/server/test/fuzz.
 */

const DOCS = fileURLToPath(new URL('../../../docs/', import.meta.url));
const RUNS: Record<string, number> = { storefront: 15, admin: 6 };

for (const dialect of TEST_DIALECTS.filter((d) => d.name === 'sqlite')) {
  describe(`demo site fuzz smoke on ${dialect.name}`, () => {
    let database: TestDatabase;
    let uploadsDir: string;
    let targets: FuzzTarget[];
    beforeAll(async () => {
      database = await dialect.open();
      uploadsDir = mkdtempSync(join(tmpdir(), 'terroir-site-fuzz-'));
      const seeded = await seedDemoVillage(database.db);
      const app = createVillageSite({ db: database.db, uploadsDir, widgetsDir: uploadsDir, mediaDir: uploadsDir });
      await ensureDemoOwner(database.db, seeded.cooperativeId);
      const owner = (await findUserByEmail(database.db, DEMO_OWNER.email))!;
      const { token } = await createSession(database.db, owner.id);
      const pool = [DEMO_COOP_SLUG];
      harvestStrings(
        [
          Object.values(seeded.variants),
          Object.values(seeded.products),
          Object.keys(seeded.products),
          Object.keys(seeded.stories),
          Object.values(seeded.stories),
        ],
        pool,
      );
      const browser = { 'accept-encoding': 'gzip, deflate, br', 'accept-language': 'zh-CN,zh;q=0.9' };
      const fetch = (request: Request) => app.request(request);
      targets = [
        {
          name: 'storefront',
          document: JSON.parse(readFileSync(join(DOCS, 'openapi.json'), 'utf8')) as OpenApiDocument,
          basePath: '/api',
          fetch,
          headers: () => browser,
          pool,
          preferred: { coop: [DEMO_COOP_SLUG], product: Object.keys(seeded.products), story: Object.keys(seeded.stories) },
        },
      ];
      if (existsSync(join(DOCS, 'admin-openapi.json'))) {
        targets.push({
          name: 'admin',
          document: JSON.parse(readFileSync(join(DOCS, 'admin-openapi.json'), 'utf8')) as OpenApiDocument,
          basePath: '',
          fetch,
          headers: () => ({ ...browser, cookie: `terroir_demo_session=${token}`, 'x-csrf-token': csrfTokenFor(token), origin: 'http://fuzz.test' }),
          pool,
          preferred: { coop: [DEMO_COOP_SLUG] },
          skip: ['DELETE /admin/api/session'],
        });
      }
    });
    afterAll(async () => {
      await database.destroy();
      rmSync(uploadsDir, { recursive: true, force: true });
    });

    it('answers every documented and undocumented API path: no 5xx, decodable, JSON errors with a code', async () => {
      const seed = propertySeed();
      for (const target of targets) {
        const report = await fuzzOpenApi(target, { seed, runsPerOperation: RUNS[target.name] ?? 6, timeoutMs: 15_000 });
        console.log(`[fuzz] site ${target.name}: seed ${seed}, ${report.requests} requests, statuses ${JSON.stringify(report.statuses)}`);
        expect(report.failures, JSON.stringify(report.failures, null, 2)).toEqual([]);
      }
    }, 240_000);
  });
}
