import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import {
  ingestMedia,
  LocalDiskStorage,
  type MediaStorage,
  applyPaymentEvent,
  attachPaymentSession,
  checkoutRequestHash,
  createFulfilmentOption,
  placeOrder,
  type PaymentProvider,
  createApiToken,
  createCooperative,
  createProducer,
  createProduct,
  createSession,
  createStory,
  createUser,
  createChronicleEntry,
  createPlace,
  createPerson,
  createHall,
  submitMemory,
  csrfTokenFor,
  setMembership,
  type Role,
} from '@terroir/core';
import type { TestDatabase } from '@terroir/core/testing';
import { createAdminApi } from '../../src/admin/admin-api';

/** Cheap scrypt for fixtures; the real cost is tested in core. */
export const FAST_SCRYPT = { N: 1024, r: 8, p: 1 };
export const ADMIN_ORIGIN = 'https://admin.village.test';
export const PASSWORD = 'pear-blossom-2026';

/**
 * A payment provider that only records refunds: the admin refund route's own logic is under
 * test here; the Stripe mapping is tested against Stripe's client elsewhere.
 */
export function recordingPayments(): PaymentProvider & { refunds: Array<{ orderId: string; amountMinor: number; key: string }> } {
  const refunds: Array<{ orderId: string; amountMinor: number; key: string }> = [];
  return {
    name: 'test',
    refunds,
    async createPayment() {
      throw new Error('not used in admin tests');
    },
    async verifyWebhook() {
      return null;
    },
    async refund(order, amountMinor, key) {
      refunds.push({ orderId: order.orderId, amountMinor, key });
      return { refundRef: `re_${refunds.length}`, status: 'pending' };
    },
  };
}

/** Places an order for one variant and, unless `paid: false`, pays it through a payment event (the only completion path). */
export async function placeTestOrder(
  database: TestDatabase,
  input: {
    cooperativeId: string;
    variantId: string;
    quantity?: number;
    fulfilment: Parameters<typeof placeOrder>[1]['fulfilment'];
    email?: string;
    paid?: boolean;
    key: string;
  },
) {
  const body = { lines: [{ variantId: input.variantId, quantity: input.quantity ?? 1 }], fulfilment: input.fulfilment };
  const placed = await placeOrder(database, {
    cooperativeId: input.cooperativeId,
    ...body,
    locale: 'zh-CN',
    email: input.email ?? null,
    idempotencyKey: input.key,
    requestHash: checkoutRequestHash(body),
    paymentProvider: 'test',
    expiresAt: new Date(Date.now() + 30 * 60_000),
  });
  if (placed.kind !== 'placed') throw new Error(`test order not placed: ${placed.kind}`);
  const order = await attachPaymentSession(database, placed.order.id, {
    sessionRef: `cs_${input.key}`,
    redirectUrl: 'https://pay.example/x',
    expiresAt: new Date(Date.now() + 30 * 60_000),
  });
  if (input.paid !== false) {
    await applyPaymentEvent(database, {
      id: `evt_${input.key}`,
      provider: 'test',
      type: 'checkout.session.completed',
      kind: 'payment_succeeded',
      orderId: order.id,
      sessionRef: `cs_${input.key}`,
      paymentRef: `pi_${input.key}`,
      amountMinor: Number(order.total_minor),
      currency: order.currency,
      occurredAt: new Date(),
    });
  }
  return order;
}

export interface Caller {
  cookie: string;
  csrf: string;
}

/** Two cooperatives, one of each role in the first, an owner of the second, a little catalog in both. */
/** `storage`: the media store the admin API uses (the fixture's own media are seeded on local disk). */
export async function adminFixture(database: TestDatabase, options: { storage?: MediaStorage } = {}) {
  const { db } = database;
  const payments = recordingPayments();
  const mediaFolder = await mkdtemp(path.join(tmpdir(), 'terroir-admin-media-'));
  // Every test already destroys its database in afterEach/afterAll: the media folder goes
  // with it, so runs leave no terroir-admin-media-* folders behind.
  const destroyDatabase = database.destroy.bind(database);
  database.destroy = async () => {
    try {
      await destroyDatabase();
    } finally {
      await rm(mediaFolder, { recursive: true, force: true });
    }
  };
  const seedStorage = new LocalDiskStorage({ folder: mediaFolder });
  const storage = options.storage ?? seedStorage;
  const app = createAdminApi({
    db,
    allowedOrigins: [ADMIN_ORIGIN],
    clientIp: (c) => c.req.header('x-test-ip') ?? '192.0.2.1',
    scryptParams: FAST_SCRYPT,
    bodyLimitBytes: 64 * 1024,
    capabilities: database.capabilities,
    payments,
    media: { storage },
  });
  const coops = {} as Record<'a' | 'b', Awaited<ReturnType<typeof seedCoop>>>;
  async function seedCoop(slug: string) {
    const coop = await createCooperative(db, {
      slug,
      name: { 'zh-CN': slug },
      description: {},
      place: { name: { 'zh-CN': '莱阳' } },
      contact: {},
      allowedOrigins: [],
    });
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
    const story = await createStory(db, {
      cooperativeId: coop.id,
      slug: 'grafting',
      kind: 'craft-technique',
      title: { 'zh-CN': '嫁接' },
      summary: {},
      body: {},
      media: [],
    });
    const story2 = await createStory(db, {
      cooperativeId: coop.id,
      slug: 'festival',
      kind: 'festival',
      title: { 'zh-CN': '梨花节' },
      summary: {},
      body: {},
      media: [],
    });
    const pickup = await createFulfilmentOption(db, coop.id, {
      kind: 'pickup',
      name: { 'zh-CN': '合作社门市', en: 'Co-op shop' },
      address: { 'zh-CN': '莱阳市' },
      hours: { 'zh-CN': '周六 9:00–12:00' },
    });
    const delivery = await createFulfilmentOption(db, coop.id, {
      kind: 'delivery',
      name: { 'zh-CN': '快递' },
      flatFeeMinor: 1500,
      regionFees: { shandong: 800 },
    });
    const variant = product.variants[0]!;
    // Orders buy a product of their own, so tests may still delete the first one.
    const sold = await createProduct(db, {
      cooperativeId: coop.id,
      slug: 'red-dates',
      category: 'fresh',
      title: { 'zh-CN': '红枣' },
      summary: {},
      description: {},
      images: [],
      tags: [],
      certifications: [],
      harvestWindows: [],
      variants: [{ label: { 'zh-CN': '5斤' }, priceMinor: 6800, unit: 'jin', unitQuantity: 5, stockOnHand: 10 }],
    });
    const soldVariant = sold.variants[0]!;
    const order = await placeTestOrder(database, {
      cooperativeId: coop.id,
      variantId: soldVariant.id,
      fulfilment: { type: 'pickup', pickupPointId: pickup.id },
      email: `buyer@${slug}.test`,
      key: `${slug}-paid`,
    });
    const pendingOrder = await placeTestOrder(database, {
      cooperativeId: coop.id,
      variantId: soldVariant.id,
      fulfilment: { type: 'pickup', pickupPointId: pickup.id },
      key: `${slug}-pending`,
      paid: false,
    });
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#6a4' } })
      .png()
      .toBuffer();
    const { item: media } = await ingestMedia(db, seedStorage, { cooperativeId: coop.id, bytes: photo, alt: { 'zh-CN': `${slug} 的照片` } });
    // The museum: one record of each kind, the hall showing the place.
    const chronicle = await createChronicleEntry(db, {
      cooperativeId: coop.id,
      slug: 'stone-bridge',
      date: { precision: 'year', year: 1935 },
      title: { 'zh-CN': '修石桥' },
      body: {},
    });
    const place = await createPlace(db, coop.id, { slug: 'old-well', kind: 'well', name: { 'zh-CN': '老井' }, pin: { x: 0.4, y: 0.6 } });
    const person = await createPerson(db, coop.id, { slug: 'wang-weaver', name: { 'zh-CN': '王师傅' } });
    const hall = await createHall(db, coop.id, { slug: 'well-hall', title: { 'zh-CN': '老井馆' }, exhibits: [{ kind: 'place', targetId: place.id }] });
    // A memory sent in, waiting in the moderation queue.
    const memory = await submitMemory(db, seedStorage, {
      cooperativeId: coop.id,
      form: { text: `${slug} 老井边的夏天`, contact: `${slug}@village.test`, language: 'zh-CN', licence: 'cc-by-4.0', consent: true },
      sender: { ip: '192.0.2.50', ipSalt: 'fixture' },
    });
    return {
      coop,
      producer,
      product,
      variant,
      story,
      story2,
      pickup,
      delivery,
      order,
      pendingOrder,
      soldVariant,
      media,
      chronicle,
      place,
      person,
      hall,
      memory,
    };
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
  function call(
    method: string,
    path: string,
    options: { as?: Caller; body?: unknown; headers?: Record<string, string>; rawBody?: string; form?: FormData } = {},
  ) {
    const headers: Record<string, string> = { origin: ADMIN_ORIGIN, ...(options.as ? { cookie: options.as.cookie, 'x-csrf-token': options.as.csrf } : {}) };
    let body: string | FormData | undefined = options.form ?? options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    if (options.rawBody !== undefined) headers['content-type'] ??= 'application/json';
    return app.request(`http://admin.village.test${path}`, { method, headers: { ...headers, ...options.headers }, body });
  }

  return { app, db, coops, users, sessionOf, call, tokenA, payments, storage, mediaFolder };
}

/** Every table's rows, sorted, as one string: equal before and after means nothing was written. */
export async function snapshotTables(database: TestDatabase, skip: string[] = []): Promise<string> {
  const tables = [
    'cooperatives',
    'producers',
    'products',
    'variants',
    'stories',
    'story_products',
    'story_producers',
    'story_links',
    'users',
    'memberships',
    'api_tokens',
    'audit_log',
    'stock_adjustments',
    'sessions',
    'login_attempts',
    'orders',
    'order_lines',
    'order_events',
    'stock_reservations',
    'fulfilment_options',
    'checkout_settings',
    'media',
    'invitations',
    'two_factor',
    'recovery_codes',
    'two_factor_challenges',
    'cooperative_security',
    'checkout_clients',
    'import_mappings',
    'chronicle_entries',
    'museum_settings',
    'museum_places',
    'museum_people',
    'museum_halls',
    'museum_hall_exhibits',
    'museum_links',
    'search_documents',
    'search_misses',
    'museum_memories',
    'museum_memory_media',
    'museum_memory_limits',
  ];
  const out: Record<string, unknown[]> = {};
  for (const table of tables.filter((t) => !skip.includes(t))) {
    const rows = await database.db
      .selectFrom(table as 'users')
      .selectAll()
      .execute();
    // A token's last_used_at is bookkeeping of the lookup itself, not a write by the request.
    out[table] = rows.map((r: Record<string, unknown>) => JSON.stringify({ ...r, last_used_at: undefined })).sort();
  }
  return JSON.stringify(out);
}
