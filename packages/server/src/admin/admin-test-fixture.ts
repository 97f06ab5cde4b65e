import {
  createApiToken,
  createCooperative,
  createProducer,
  createProduct,
  createSession,
  createStory,
  createUser,
  csrfTokenFor,
  setMembership,
  type Role,
} from '@terroir/core';
import type { TestDatabase } from '@terroir/core/testing';
import { createAdminApi } from './admin-api';

/** Cheap scrypt for fixtures; the real cost is tested in core. */
export const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };
export const ADMIN_ORIGIN = 'https://admin.village.test';
export const PASSWORD = 'pear-blossom-2026';

export interface Caller {
  cookie: string;
  csrf: string;
}

/** Two cooperatives, one of each role in the first, an owner of the second, a little catalog in both. */
export async function adminFixture(database: TestDatabase) {
  const { db } = database;
  const app = createAdminApi({
    db,
    allowedOrigins: [ADMIN_ORIGIN],
    clientIp: (c) => c.req.header('x-test-ip') ?? '192.0.2.1',
    scryptParams: FAST_SCRYPT,
    bodyLimitBytes: 64 * 1024,
  });
  const coops = {} as Record<'a' | 'b', Awaited<ReturnType<typeof seedCoop>>>;
  async function seedCoop(slug: string) {
    const coop = await createCooperative(db, { slug, name: { 'zh-CN': slug }, description: {}, place: { name: { 'zh-CN': '莱阳' } }, contact: {}, allowedOrigins: [] });
    const producer = await createProducer(db, { cooperativeId: coop.id, slug: 'wang', kind: 'farmer', name: { 'zh-CN': '王' }, profile: {} });
    const product = await createProduct(db, {
      cooperativeId: coop.id,
      slug: 'pear',
      category: 'fresh',
      title: { 'zh-CN': '梨' },
      summary: {},
      description: {},
      images: [],
      tags: [],
      certifications: [],
      harvestWindows: [],
      variants: [{ label: { 'zh-CN': '5斤' }, priceMinor: 6800, unit: 'jin', unitQuantity: 5, stockOnHand: 10 }],
    });
    const story = await createStory(db, { cooperativeId: coop.id, slug: 'grafting', kind: 'craft-technique', title: { 'zh-CN': '嫁接' }, summary: {}, body: {}, media: [] });
    const story2 = await createStory(db, { cooperativeId: coop.id, slug: 'festival', kind: 'festival', title: { 'zh-CN': '梨花节' }, summary: {}, body: {}, media: [] });
    return { coop, producer, product, variant: product.variants[0]!, story, story2 };
  }
  coops.a = await seedCoop('coop-a');
  coops.b = await seedCoop('coop-b');

  const users = {} as Record<'ownerA' | 'editorA' | 'fulfilmentA' | 'ownerB', { id: string; email: string }>;
  const roles: Array<[keyof typeof users, 'a' | 'b', Role]> = [
    ['ownerA', 'a', 'owner'],
    ['editorA', 'a', 'editor'],
    ['fulfilmentA', 'a', 'fulfilment'],
    ['ownerB', 'b', 'owner'],
  ];
  for (const [key, coop, role] of roles) {
    const user = await createUser(db, { email: `${key.toLowerCase()}@village.test`, password: PASSWORD, scryptParams: FAST_SCRYPT });
    await setMembership(db, user.id, coops[coop].coop.id, role);
    users[key] = user;
  }
  async function sessionOf(key: keyof typeof users): Promise<Caller> {
    const { token } = await createSession(db, users[key].id);
    return { cookie: `__Host-terroir_session=${token}`, csrf: csrfTokenFor(token) };
  }
  const tokenA = await createApiToken(db, { cooperativeId: coops.a.coop.id, role: 'editor', name: 'sync' });

  /** A request as a caller: cookie, CSRF header and the admin Origin unless overridden. */
  function call(method: string, path: string, options: { as?: Caller; body?: unknown; headers?: Record<string, string>; rawBody?: string } = {}) {
    const headers: Record<string, string> = { origin: ADMIN_ORIGIN, ...(options.as ? { cookie: options.as.cookie, 'x-csrf-token': options.as.csrf } : {}) };
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    if (options.rawBody !== undefined) headers['content-type'] ??= 'application/json';
    return app.request(`http://admin.village.test${path}`, { method, headers: { ...headers, ...options.headers }, body });
  }

  return { app, db, coops, users, sessionOf, call, tokenA };
}

/** Every table's rows, sorted, as one string: equal before and after means nothing was written. */
export async function snapshotTables(database: TestDatabase, skip: string[] = []): Promise<string> {
  const tables = ['cooperatives', 'producers', 'products', 'variants', 'stories', 'story_products', 'story_producers', 'story_links', 'users', 'memberships', 'api_tokens', 'audit_log', 'stock_adjustments', 'sessions', 'login_attempts'];
  const out: Record<string, unknown[]> = {};
  for (const table of tables.filter((t) => !skip.includes(t))) {
    const rows = await database.db.selectFrom(table as 'users').selectAll().execute();
    // A token's last_used_at is bookkeeping of the lookup itself, not a write by the request.
    out[table] = rows.map((r: Record<string, unknown>) => JSON.stringify({ ...r, last_used_at: undefined })).sort();
  }
  return JSON.stringify(out);
}
