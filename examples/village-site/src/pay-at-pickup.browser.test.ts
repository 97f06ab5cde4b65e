// Pay at pickup end to end in real Chromium, with no payment account: the demo site's cart
// widget places the order, the receipt shows its pickup code, fulfilment staff sign in to
// /admin on a 360 px phone, type the code and mark it "paid and collected"; the order is
// completed and its stock taken exactly once; then the same from another site that the owner
// first allows in the admin app. (A year-round craft: an in-season line holds stock;
// a pre-order line would not.)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { createUser, listFulfilmentOptions, OfflinePaymentProvider, openDatabase, setMembership, setOfflinePayment, type TerroirDatabase } from '@terroir/core';
import { seedDemoVillage } from '@terroir/core/seed';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBundle, hostPage, launchChromium, startThirdPartySite } from '../../../packages/widgets/test/browser-harness';
import { createVillageSite } from './app';

const ADMIN_PACKAGE = fileURLToPath(new URL('../../../packages/admin-app/', import.meta.url));
const WIDGETS_DIST = fileURLToPath(new URL('../../../packages/widgets/dist', import.meta.url));
const PACKER = { email: 'packer@laiyang-pear.test', password: 'pear-packing-2026' };
const OWNER = { email: 'secretary@laiyang-pear.test', password: 'pear-blossom-2026' };

let dir: string;
let database: TerroirDatabase;
let server: ServerType;
let origin: string;
let chromium: Awaited<ReturnType<typeof launchChromium>>;
let variant: { id: string; priceMinor: number; label: string; title: string; stock: number };

const stockOf = async (id: string) =>
  Number((await database.db.selectFrom('variants').select('stock_on_hand').where('id', '=', id).executeTakeFirstOrThrow()).stock_on_hand);

/** A 360 px phone signed in to the workspace at /admin as `account`. */
async function signInToAdmin(account: { email: string; password: string }) {
  const context = await chromium.browser.newContext({ viewport: { width: 360, height: 780 } });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  await page.goto(`${origin}/admin/`);
  await page.getByLabel('邮箱').fill(account.email);
  await page.getByLabel('密码').fill(account.password);
  await page.getByRole('button', { name: '登录' }).click();
  return { context, page };
}

beforeAll(async () => {
  ensureBundle();
  dir = mkdtempSync(join(tmpdir(), 'terroir-pickup-'));
  const built = spawnSync(
    join(ADMIN_PACKAGE, 'node_modules', '.bin', 'vite'),
    ['build', '--logLevel', 'warn', '--outDir', join(dir, 'admin'), '--emptyOutDir'],
    { cwd: ADMIN_PACKAGE, encoding: 'utf8' },
  );
  if (built.status !== 0) throw new Error(`admin app build failed:\n${built.stdout}\n${built.stderr}`);
  database = await openDatabase({ url: join(dir, 'village.sqlite') });
  const seeded = await seedDemoVillage(database.db);
  await setOfflinePayment(database.db, seeded.cooperativeId, true);
  const packer = await createUser(database.db, { email: PACKER.email, password: PACKER.password, scryptParams: { N: 1024, r: 8, p: 1 } });
  await setMembership(database.db, packer.id, seeded.cooperativeId, 'fulfilment');
  const owner = await createUser(database.db, { email: OWNER.email, password: OWNER.password, scryptParams: { N: 1024, r: 8, p: 1 } });
  await setMembership(database.db, owner.id, seeded.cooperativeId, 'owner');
  const row = await database.db
    .selectFrom('variants')
    .innerJoin('products', 'products.id', 'variants.product_id')
    .select(['variants.id', 'variants.price_minor', 'variants.label', 'variants.stock_on_hand', 'products.title'])
    .where('products.slug', '=', 'straw-basket')
    .orderBy('variants.price_minor')
    .executeTakeFirstOrThrow();
  variant = {
    id: row.id,
    priceMinor: Number(row.price_minor),
    label: JSON.parse(row.label)['zh-CN'],
    title: JSON.parse(row.title)['zh-CN'],
    stock: Number(row.stock_on_hand),
  };

  let app: Hono | undefined;
  server = await new Promise((resolve) => {
    const s = serve({ fetch: (request) => app!.fetch(request), port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  app = createVillageSite({
    db: database.db,
    checkout: { database, offlinePayments: new OfflinePaymentProvider(), publicBaseUrl: `${origin}/api` },
    publicUrl: origin,
    widgetsDir: WIDGETS_DIST,
    adminDistDir: join(dir, 'admin'),
    uploadsDir: join(dir, 'uploads'),
  });
  chromium = await launchChromium();
}, 240_000);

afterAll(async () => {
  await chromium?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  await database?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('pay at pickup in the demo site', () => {
  it('places an order in the cart widget, shows its pickup code, and fulfilment staff collect it once', async () => {
    const shopper = await chromium.browser.newContext({ viewport: { width: 360, height: 780 } });
    shopper.setDefaultTimeout(30_000);
    await shopper.addInitScript(
      ([line]) => {
        if (!localStorage.getItem('terroir:cart:laiyang-pear')) localStorage.setItem('terroir:cart:laiyang-pear', JSON.stringify([line]));
      },
      [
        {
          variantId: variant.id,
          productSlug: 'straw-basket',
          title: variant.title,
          variantLabel: variant.label,
          priceMinor: variant.priceMinor,
          currency: 'CNY',
          quantity: 2,
        },
      ],
    );
    const page = await shopper.newPage();
    await page.goto(`${origin}/?lang=zh-CN`);
    const cart = page.locator('terroir-cart');
    await cart.getByRole('button', { name: /购物车/ }).click();
    const subtotal = `¥${((variant.priceMinor * 2) / 100).toFixed(2)}`;
    await cart.locator('[part=subtotal]').getByText(subtotal).waitFor();
    // Only the payment choice that exists: no online checkout button on this server.
    const offline = cart.getByRole('button', { name: '下单，到店/货到付款' });
    await offline.waitFor();
    expect(await cart.getByRole('button', { name: '去结算' }).count()).toBe(0);
    await offline.click();
    await page.waitForURL((url) => url.pathname.startsWith('/api/orders/'));
    const code = (await page.locator('[data-pickup-code]').textContent())?.trim() ?? '';
    expect(code).toMatch(/^[34679ACEFGHJKMNPRTWXY]{3}-[34679ACEFGHJKMNPRTWXY]{3}$/);
    await page.getByRole('img', { name: /取货码二维码/ }).waitFor();
    expect(await stockOf(variant.id)).toBe(variant.stock - 2);
    const order = await database.db.selectFrom('orders').select(['id', 'status', 'payment_provider']).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(order).toMatchObject({ status: 'pending_payment', payment_provider: 'offline' });

    const { context: staff, page: admin } = await signInToAdmin(PACKER);
    await admin.getByRole('navigation').getByRole('link', { name: /订单/ }).click();
    await admin.getByLabel('取货码').fill(code.toLowerCase());
    await admin.getByRole('button', { name: '已付款并取货' }).click();
    await admin.locator('[data-collect] [role=status]').getByText(order.id).waitFor();
    // The layout fits a 360 px phone: no sideways scrolling on the orders screen.
    expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // The same code again is refused in words; nothing is counted twice.
    await admin.getByLabel('取货码').fill(code);
    await admin.getByRole('button', { name: '已付款并取货' }).click();
    await admin.getByText('该订单已取货。').waitFor();

    const after = await database.db.selectFrom('orders').select(['status', 'paid_at']).where('id', '=', order.id).executeTakeFirstOrThrow();
    expect(after.status).toBe('completed');
    expect(after.paid_at).not.toBeNull();
    expect(await stockOf(variant.id)).toBe(variant.stock - 2);
    const moves = await database.db.selectFrom('order_events').select('to_status').where('order_id', '=', order.id).execute();
    expect(moves.filter((m) => m.to_status === 'paid')).toHaveLength(1);
    expect(moves.filter((m) => m.to_status === 'completed')).toHaveLength(1);

    await page.reload();
    await page.getByText('已完成').first().waitFor();
    await Promise.all([shopper.close(), staff.close()]);
  }, 180_000);

  it('works on another site once the owner allows its origin in the admin app', async () => {
    const site = await startThirdPartySite(() => ({
      '/shop': hostPage(origin, '<section><h2>购物车</h2><terroir-cart coop="laiyang-pear" checkout></terroir-cart></section>'),
    }));
    try {
      const { context: ownerContext, page: owner } = await signInToAdmin(OWNER);
      await owner.getByRole('navigation').waitFor();
      await owner.evaluate(() => (location.hash = '#/settings'));
      await owner.getByLabel('网站地址（如 https://village.example.cn）').fill(site.origin);
      await owner.getByRole('button', { name: '添加' }).click();
      await owner.locator('.origins code', { hasText: site.origin }).waitFor();
      await ownerContext.close();

      const before = await stockOf(variant.id);
      const shopper = await chromium.browser.newContext({ viewport: { width: 360, height: 780 } });
      shopper.setDefaultTimeout(30_000);
      await shopper.addInitScript(
        ([line]) => {
          if (!localStorage.getItem('terroir:cart:laiyang-pear')) localStorage.setItem('terroir:cart:laiyang-pear', JSON.stringify([line]));
        },
        [
          {
            variantId: variant.id,
            productSlug: 'straw-basket',
            title: variant.title,
            variantLabel: variant.label,
            priceMinor: variant.priceMinor,
            currency: 'CNY',
            quantity: 1,
          },
        ],
      );
      const page = await shopper.newPage();
      await page.goto(`${site.origin}/shop`);
      const cart = page.locator('terroir-cart');
      await cart
        .locator('[part=subtotal]')
        .getByText(`¥${(variant.priceMinor / 100).toFixed(2)}`)
        .waitFor();
      await cart.getByRole('button', { name: '下单，到店/货到付款' }).click();
      await page.waitForURL((url) => url.href.startsWith(`${origin}/api/orders/`));
      const code = (await page.locator('[data-pickup-code]').textContent())?.trim() ?? '';
      expect(code).toMatch(/^[34679ACEFGHJKMNPRTWXY]{3}-[34679ACEFGHJKMNPRTWXY]{3}$/);
      expect(await stockOf(variant.id)).toBe(before - 1);

      const { context: staff, page: admin } = await signInToAdmin(PACKER);
      await admin.getByRole('navigation').getByRole('link', { name: /订单/ }).click();
      await admin.getByLabel('取货码').fill(code);
      await admin.getByRole('button', { name: '已付款并取货' }).click();
      await admin.locator('[data-collect] [role=status]').waitFor();
      const order = await database.db.selectFrom('orders').select(['id', 'status']).where('pickup_code', '=', code.replace('-', '')).executeTakeFirstOrThrow();
      expect(order.status).toBe('completed');
      expect(await stockOf(variant.id)).toBe(before - 1);
      await Promise.all([shopper.close(), staff.close()]);
    } finally {
      await site.close();
    }
  }, 180_000);

  it('sends the widget cache headers docs/demo.md documents', async () => {
    const demoDoc = readFileSync(fileURLToPath(new URL('../../../docs/demo.md', import.meta.url)), 'utf8');
    const row = demoDoc.split('\n').find((line) => line.startsWith('| `/widgets/*`')) ?? '';
    const alias = await fetch(`${origin}/widgets/v1/terroir.js`);
    expect(alias.status).toBe(200);
    const manifest = (await (await fetch(`${origin}/widgets/v1/manifest.json`)).json()) as { entry?: string; file?: string };
    const hashedName = manifest.entry ?? manifest.file ?? '';
    const hashed = await fetch(`${origin}/widgets/v1/${hashedName.split('/').pop()}`);
    expect(hashed.status).toBe(200);
    for (const header of [alias.headers.get('cache-control'), hashed.headers.get('cache-control')]) {
      expect(header).toBeTruthy();
      expect(row).toContain(`\`Cache-Control: ${header}\``);
    }
    expect(hashed.headers.get('cache-control')).toContain('immutable');
  });

  it('lets the owner set how long a pickup point holds pay-at-pickup orders (a bad number is refused in place)', async () => {
    const seeded = await database.db.selectFrom('cooperatives').select('id').where('slug', '=', 'laiyang-pear').executeTakeFirstOrThrow();
    const first = (await listFulfilmentOptions(database.db, seeded.id)).find((o) => o.kind === 'pickup')!;
    const name = first.name['zh-CN'] ?? '';
    const held = first.offlineHoldMinutes ?? 2880;
    const { context, page: admin } = await signInToAdmin(OWNER);
    await admin.getByRole('navigation').waitFor();
    await admin.evaluate(() => (location.hash = '#/settings'));
    const card = admin.locator('li.card').filter({ hasText: name });
    const hours = card.getByLabel(`${name}：商品保留几小时`);
    expect(await hours.inputValue()).toBe(String(Math.round(held / 60)));
    await hours.fill('0');
    await card.getByRole('button', { name: '保存' }).click();
    await card.getByText('请填 1 到 1440 之间的整数（小时）。', { exact: false }).waitFor();
    expect(await hours.getAttribute('aria-invalid')).toBe('true');
    expect((await listFulfilmentOptions(database.db, seeded.id)).find((o) => o.id === first.id)?.offlineHoldMinutes).toBe(first.offlineHoldMinutes);
    await hours.fill('6');
    await card.getByRole('button', { name: '保存' }).click();
    await expect
      .poll(async () => (await listFulfilmentOptions(database.db, seeded.id)).find((o) => o.id === first.id)?.offlineHoldMinutes, { timeout: 15_000 })
      .toBe(360);
    await card.getByText('商品保留 6 小时').waitFor();
    // Back to what it was, for the tests after this one.
    await card.getByLabel(`${name}：商品保留几小时`).fill(String(Math.round(held / 60)));
    await card.getByRole('button', { name: '保存' }).click();
    await expect
      .poll(async () => (await listFulfilmentOptions(database.db, seeded.id)).find((o) => o.id === first.id)?.offlineHoldMinutes, { timeout: 15_000 })
      .toBe(first.offlineHoldMinutes);
    await context.close();
  }, 120_000);

  it('lets the owner turn pay at pickup off for one pickup point, which the storefront then stops offering there', async () => {
    const fulfilment = async () =>
      (await (await fetch(`${origin}/api/v1/coops/laiyang-pear/fulfilment?lang=zh-CN`)).json()).fulfilment as {
        pickupPoints: { id: string; name: string; payOffline: boolean }[];
      };
    const first = (await fulfilment()).pickupPoints[0]!;
    expect(first.payOffline).toBe(true);
    const { context, page: admin } = await signInToAdmin(OWNER);
    await admin.getByRole('navigation').waitFor();
    await admin.evaluate(() => (location.hash = '#/settings'));
    await admin.getByRole('checkbox', { name: /到店付款 \/ 货到付款/ }).waitFor();
    expect(await admin.getByRole('checkbox', { name: /到店付款 \/ 货到付款/ }).isChecked()).toBe(true);
    const card = admin.locator('li.card').filter({ hasText: first.name });
    const box = card.getByRole('checkbox', { name: /这里可以到店\/货到付款/ });
    await box.click();
    await expect.poll(async () => (await fulfilment()).pickupPoints.find((p) => p.id === first.id)?.payOffline, { timeout: 15_000 }).toBe(false);
    // The screen shows what was saved once it has reloaded the options.
    await expect.poll(() => box.isChecked(), { timeout: 15_000 }).toBe(false);
    await context.close();
  }, 120_000);
});
