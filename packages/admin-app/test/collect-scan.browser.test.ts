// Pay at pickup, scanned: Chromium's fake camera plays a video of the receipt's QR code (made
// here from a real order's pickup code, as the receipt page makes it); fulfilment staff on a
// 360 px phone press 扫码, the code is read into the field, and only their own confirmation
// ("已付款并取货") collects the order — once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  attachPaymentSession,
  checkoutRequestHash,
  formatPickupCode,
  listFulfilmentOptions,
  OfflinePaymentProvider,
  placeOrder,
  setOfflinePayment,
} from '@terroir/core';
import qrcode from 'qrcode-generator';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKER, startWorkspace } from './admin-harness';
import { checkScreen, phonePage, signIn } from './screen-check';

const WIDTH = 640;
const HEIGHT = 480;

/**
 * A two-frame YUV4MPEG2 video (what Chromium's fake camera reads) of the QR code for `text`,
 * black modules on white, 8 px per module, centred: the luma plane carries the picture, chroma is
 * neutral grey.
 */
function qrVideo(text: string | null): Buffer {
  const qr = qrcode(0, 'M');
  qr.addData(text ?? '-', 'Byte');
  qr.make();
  const modules = text === null ? 0 : qr.getModuleCount();
  const cell = 8;
  const quiet = 4;
  const side = (modules + quiet * 2) * cell;
  const left = Math.floor((WIDTH - side) / 2);
  const top = Math.floor((HEIGHT - side) / 2);
  const luma = Buffer.alloc(WIDTH * HEIGHT, 235);
  for (let row = 0; row < modules; row += 1) {
    for (let col = 0; col < modules; col += 1) {
      if (!qr.isDark(row, col)) continue;
      for (let y = 0; y < cell; y += 1) {
        const offset = (top + (row + quiet) * cell + y) * WIDTH + left + (col + quiet) * cell;
        luma.fill(16, offset, offset + cell);
      }
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`), frame, frame]);
}

const dir = mkdtempSync(join(tmpdir(), 'terroir-scan-'));
const camera = join(dir, 'receipt-qr.y4m');
let w: Awaited<ReturnType<typeof startWorkspace>>;
let page: Page;
let order: { id: string; code: string };

beforeAll(async () => {
  w = await startWorkspace({
    chromiumArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${camera}`],
  });
  await setOfflinePayment(w.database.db, w.coopId, true);
  const pickup = (await listFulfilmentOptions(w.database.db, w.coopId)).find((o) => o.kind === 'pickup');
  const variantId = (await w.database.db.selectFrom('variants').select('id').where('stock_on_hand', '>', 0).orderBy('id').executeTakeFirstOrThrow()).id;
  const body = { lines: [{ variantId, quantity: 1 }], fulfilment: { type: 'pickup' as const, pickupPointId: pickup!.id } };
  const expiresAt = new Date(Date.now() + 48 * 3600_000);
  const placed = await placeOrder(w.database, {
    cooperativeId: w.coopId,
    ...body,
    locale: 'zh-CN',
    idempotencyKey: 'scan-test',
    requestHash: checkoutRequestHash(body),
    paymentProvider: 'offline',
    expiresAt,
    pickupCode: true,
  });
  if (placed.kind !== 'placed') throw new Error(`order not placed: ${placed.kind}`);
  const provider = new OfflinePaymentProvider();
  const created = await provider.createPayment({
    orderId: placed.order.id,
    orderToken: placed.order.token,
    cooperativeId: w.coopId,
    idempotencyKey: 'scan-test',
    currency: 'CNY',
    lines: [],
    totalMinor: 0,
    locale: 'zh-CN',
    methods: [],
    successUrl: 'http://127.0.0.1/receipt',
    cancelUrl: 'http://127.0.0.1/receipt',
    expiresAt,
  });
  await attachPaymentSession(w.database, placed.order.id, { sessionRef: created.providerRef, redirectUrl: created.redirectUrl, expiresAt: created.expiresAt });
  const stored = await w.database.db.selectFrom('orders').select(['id', 'pickup_code']).where('id', '=', placed.order.id).executeTakeFirstOrThrow();
  order = { id: stored.id, code: String(stored.pickup_code) };
  // First a camera that sees no code (the file is opened each time the camera starts).
  writeFileSync(camera, qrVideo(null));
  page = await phonePage(w.browser);
  await signIn(page, w.origin, PACKER);
}, 180_000);

afterAll(async () => {
  await w?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scanning a pickup code with the phone camera', () => {
  it('says what it is doing while the camera is on, and stops on 取消扫码 with focus back on 扫码', async () => {
    await page.getByRole('navigation').getByRole('link', { name: /订单/ }).click();
    await page.getByRole('button', { name: '扫码' }).click();
    const scanner = page.getByRole('group', { name: '扫描取货码二维码' });
    await scanner.getByRole('status').getByText('把顾客收据上的二维码放进画面里。').waitFor();
    await checkScreen(page, 'collect-scan');
    await scanner.getByRole('button', { name: '取消扫码' }).click();
    expect(await page.locator('video').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('扫码');
    expect(await page.getByLabel('取货码').inputValue()).toBe('');
  });

  it('reads the receipt QR into the code field, and collects the order only when staff confirm', async () => {
    // The receipt's QR holds the code's six characters (receipt-page.ts).
    writeFileSync(camera, qrVideo(order.code));
    await page.getByRole('button', { name: '扫码' }).click();
    const field = page.getByLabel('取货码');
    await expect.poll(() => field.inputValue(), { timeout: 30_000 }).toBe(formatPickupCode(order.code));
    // Reading is not collecting: the order still waits for payment until staff press the button.
    expect((await w.database.db.selectFrom('orders').select('status').where('id', '=', order.id).executeTakeFirstOrThrow()).status).toBe('pending_payment');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('已付款并取货');
    // The camera is off again once the code is read.
    expect(await page.locator('video').count()).toBe(0);
    await page.getByRole('button', { name: '已付款并取货' }).click();
    await page.locator('[data-collect] [role=status]').getByText(order.id).waitFor();
    expect((await w.database.db.selectFrom('orders').select('status').where('id', '=', order.id).executeTakeFirstOrThrow()).status).toBe('completed');
  });
});
