import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { createSession, createUser, csrfTokenFor, LocalDiskStorage, setMembership } from '@terroir/core';
import { DEMO_COOP_SLUG, seedDemoVillage } from '@terroir/core/seed';
import type { TestDatabase } from '@terroir/core/testing';
import { createAdminApi } from '../../src/admin/index';
import { StripeProvider, createStripeClient } from '../../src/payments/stripe-provider';
import { createStorefront } from '../../src/storefront';
import { harvestStrings, type FuzzTarget, type OpenApiDocument } from './openapi-fuzz';

/*
 * The apps the fuzzer drives, in-process, over the seeded demo village: the storefront with
 * checkout (Stripe's official client against the local Stripe test server), and the admin
 * API with a real signed-in owner session and its CSRF token, so requests get past auth.
 */

/** Where the admin API's OpenAPI document is checked in (when it exists). */
export const ADMIN_OPENAPI_PATH = fileURLToPath(new URL('../../../../docs/admin-openapi.json', import.meta.url));
const ADMIN_ORIGIN = 'https://admin.fuzz.test';

export interface FuzzApps {
  targets: FuzzTarget[];
  close(): Promise<void>;
}

/** Strings of the first GET answers, so the first fuzzed requests already name real things. */
async function warmPool(app: { request(input: string): Response | Promise<Response> }, paths: string[], pool: string[]) {
  for (const url of paths) {
    const response = await app.request(url);
    if ((response.headers.get('content-type') ?? '').includes('json')) harvestStrings(await response.json(), pool);
  }
}

/**
 * Seeds the demo village into `database` and builds every fuzz target over it.
 *
 * @example
 * const apps = await createFuzzApps(database, { stripePort: stripeServer.port });
 * for (const target of apps.targets) report(await fuzzOpenApi(target, options));
 * await apps.close();
 */
export async function createFuzzApps(database: TestDatabase, options: { stripePort: number }): Promise<FuzzApps> {
  const seeded = await seedDemoVillage(database.db);
  const stripe = createStripeClient({ secretKey: 'sk_test_fuzz', host: '127.0.0.1', port: options.stripePort, protocol: 'http', maxNetworkRetries: 0 });
  const payments = new StripeProvider({ stripe, webhookSecret: 'whsec_fuzz' });
  const mediaFolder = await mkdtemp(path.join(tmpdir(), 'terroir-fuzz-media-'));
  const storefront = createStorefront({
    db: database.db,
    checkout: { database, payments, publicBaseUrl: 'https://village.fuzz.test/api' },
    // Memories sent in (multipart, rate-limited) are fuzzed too.
    memories: { storage: new LocalDiskStorage({ folder: mediaFolder }), ipSalt: 'fuzz' },
  });
  const document = (await (await storefront.request('/openapi.json')).json()) as OpenApiDocument;
  const storefrontPool: string[] = [DEMO_COOP_SLUG];
  await warmPool(
    storefront,
    [
      `/v1/coops/${DEMO_COOP_SLUG}`,
      `/v1/coops/${DEMO_COOP_SLUG}/products?limit=100`,
      `/v1/coops/${DEMO_COOP_SLUG}/stories?limit=100`,
      `/v1/coops/${DEMO_COOP_SLUG}/fulfilment`,
    ],
    storefrontPool,
  );
  harvestStrings([Object.values(seeded.variants), Object.keys(seeded.products), Object.keys(seeded.stories), Object.keys(seeded.producers)], storefrontPool);

  const targets: FuzzTarget[] = [
    {
      name: 'storefront',
      document,
      basePath: '',
      fetch: (request) => storefront.request(request),
      pool: storefrontPool,
      preferred: { coop: [DEMO_COOP_SLUG], product: Object.keys(seeded.products), story: Object.keys(seeded.stories), producer: Object.keys(seeded.producers) },
    },
  ];

  if (existsSync(ADMIN_OPENAPI_PATH)) {
    const adminDocument = JSON.parse(readFileSync(ADMIN_OPENAPI_PATH, 'utf8')) as OpenApiDocument;
    const admin = new Hono();
    admin.route(
      '/',
      createAdminApi({
        db: database.db,
        cookie: { name: 'terroir_fuzz_session', secure: false },
        allowedOrigins: [ADMIN_ORIGIN],
        scryptParams: { N: 1024, r: 8, p: 1 },
        capabilities: database.capabilities,
        payments,
        media: { storage: new LocalDiskStorage({ folder: mediaFolder }) },
      }),
    );
    const owner = await createUser(database.db, {
      email: 'fuzz-owner@village.test',
      password: 'fuzz-owner-password-2026',
      scryptParams: { N: 1024, r: 8, p: 1 },
    });
    await setMembership(database.db, owner.id, seeded.cooperativeId, 'owner');
    const { token } = await createSession(database.db, owner.id);
    const headers = () => ({ cookie: `terroir_fuzz_session=${token}`, 'x-csrf-token': csrfTokenFor(token), origin: ADMIN_ORIGIN });
    // The document's paths may be written from the API's root (`/admin/api/...`) or below a server URL.
    const firstPath = Object.keys(adminDocument.paths)[0] ?? '';
    const server = adminDocument.servers?.[0]?.url ?? '';
    const basePath = firstPath.startsWith('/admin/') || !server.startsWith('/') ? '' : server.replace(/\/$/, '');
    const adminPool: string[] = [DEMO_COOP_SLUG, seeded.cooperativeId];
    harvestStrings([Object.values(seeded.variants), Object.values(seeded.products), Object.values(seeded.stories), Object.values(seeded.producers)], adminPool);
    targets.push({
      name: 'admin',
      document: adminDocument,
      basePath,
      fetch: (request) => admin.request(request),
      headers,
      pool: adminPool,
      preferred: { coop: [DEMO_COOP_SLUG] },
      // Logging out or revoking our own session would turn every later request into a 401.
      skip: Object.keys(adminDocument.paths)
        .filter((p) => /\/session$|\/logout$/.test(p))
        .map((p) => `DELETE ${p}`),
    });
  }

  return {
    targets,
    async close() {
      await rm(mediaFolder, { recursive: true, force: true });
    },
  };
}
