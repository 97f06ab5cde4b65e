import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '../testing/index';
import { createCooperative, createProduct } from '../catalog/catalog-writer';
import { exportOrdersCsv } from './order-export';

async function insertOrder(
  database: TestDatabase,
  coopId: string,
  variantId: string,
  productId: string,
  id: string,
  status: string,
  createdAt: string,
  email: string,
) {
  await database.db
    .insertInto('orders')
    .values({
      id,
      token: `tok-${id}`,
      cooperative_id: coopId,
      status,
      currency: 'CNY',
      subtotal_minor: 13600,
      fulfilment_fee_minor: 1000,
      total_minor: 14600,
      refunded_minor: 0,
      fulfilment: JSON.stringify({ choice: { type: 'pickup', pickupPointId: 'pp_1' }, option: null }),
      locale: 'zh-CN',
      email,
      idempotency_key: `idem-${id}`,
      request_hash: 'secret-hash',
      payment_provider: 'stripe',
      payment_session_ref: null,
      payment_ref: `pi_${id}`,
      redirect_url: null,
      expires_at: createdAt,
      paid_at: status === 'pending_payment' ? null : createdAt,
      created_at: createdAt,
      updated_at: createdAt,
    })
    .execute();
  await database.db
    .insertInto('order_lines')
    .values({
      order_id: id,
      line_no: 1,
      variant_id: variantId,
      product_id: productId,
      product_slug: 'laiyang-pear',
      title: JSON.stringify({ 'zh-CN': '莱阳梨', en: 'Laiyang pear' }),
      variant_label: JSON.stringify({ 'zh-CN': '5斤装' }),
      unit_price_minor: 6800,
      quantity: 2,
      line_total_minor: 13600,
      preorder: 0,
    })
    .execute();
}

for (const dialect of TEST_DIALECTS) {
  describe(`order CSV export on ${dialect.name}`, () => {
    let database: TestDatabase;
    beforeEach(async () => {
      database = await dialect.open();
    });
    afterEach(() => database.destroy());

    it('exports paid orders of one cooperative, line by line, without secrets', async () => {
      const make = (slug: string) => createCooperative(database.db, { slug, name: {}, description: {}, place: { name: {} }, contact: {}, allowedOrigins: [] });
      const a = await make('a');
      const b = await make('b');
      const product = await createProduct(database.db, {
        cooperativeId: a.id,
        slug: 'laiyang-pear',
        category: 'fresh',
        title: { 'zh-CN': '莱阳梨' },
        summary: {},
        description: {},
        images: [],
        tags: [],
        certifications: [],
        harvestWindows: [],
        variants: [{ label: { 'zh-CN': '5斤装' }, priceMinor: 6800, unit: 'jin', unitQuantity: 5, stockOnHand: 9 }],
      });
      const v = product.variants[0]!.id;
      await insertOrder(database, a.id, v, product.id, 'ord_1', 'paid', '2026-09-02T10:00:00.000Z', '=cmd|calc@evil.example');
      await insertOrder(database, a.id, v, product.id, 'ord_2', 'pending_payment', '2026-09-03T10:00:00.000Z', 'x@example.cn');
      await insertOrder(database, a.id, v, product.id, 'ord_3', 'ready_for_pickup', '2026-10-05T10:00:00.000Z', 'y@example.cn');
      await insertOrder(database, b.id, v, product.id, 'ord_4', 'paid', '2026-09-04T10:00:00.000Z', 'z@example.cn');
      const csv = await exportOrdersCsv(database.db, a.id);
      const lines = csv.split('\r\n');
      expect(lines[0]).toBe(
        '\uFEFForder_id,created_at,paid_at,status,currency,subtotal,fulfilment_fee,total,refunded,fulfilment,email,payment_provider,payment_ref,line_no,product_slug,title,variant,unit_price,quantity,line_total',
      );
      expect(lines[1]).toBe(
        "ord_1,2026-09-02T10:00:00.000Z,2026-09-02T10:00:00.000Z,paid,CNY,136.00,10.00,146.00,0.00,pickup,'=cmd|calc@evil.example,stripe,pi_ord_1,1,laiyang-pear,莱阳梨,5斤装,68.00,2,136.00",
      );
      expect(lines[2]).toMatch(/^ord_3,/);
      expect(lines).toHaveLength(4);
      expect(csv).not.toContain('secret-hash');
      expect(csv).not.toContain('tok-ord');
      const september = await exportOrdersCsv(database.db, a.id, { from: '2026-09-01', to: '2026-10-01', locale: 'en' });
      expect(september.split('\r\n')).toHaveLength(3);
      expect(september).toContain('Laiyang pear');
    });
  });
}
