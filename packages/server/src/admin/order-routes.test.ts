import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { adminFixture, placeTestOrder, snapshotTables, type Caller } from '../../test/support/admin-test-fixture';

for (const dialect of TEST_DIALECTS) {
  describe(`admin orders and fulfilment settings on ${dialect.name}`, () => {
    let database: TestDatabase;
    let f: Awaited<ReturnType<typeof adminFixture>>;
    let packer: Caller;
    let owner: Caller;
    const base = '/admin/api/coops/coop-a';
    beforeAll(async () => {
      database = await dialect.open();
      f = await adminFixture(database);
      packer = await f.sessionOf('fulfilmentA');
      owner = await f.sessionOf('ownerA');
    });
    afterAll(() => database.destroy());

    it('moves a pickup order paid → packed → ready for pickup → completed, naming the staff member in the history', async () => {
      const id = f.coops.a.order.id;
      const detail = await (await f.call('GET', `${base}/orders/${id}`, { as: packer })).json();
      expect(detail.order.status).toBe('paid');
      expect(detail.order.nextStatuses).toEqual(['packed']);
      expect(detail.order.lines).toHaveLength(1);
      expect(detail.order.lines[0].title['zh-CN']).toBe('红枣');

      const packed = await f.call('POST', `${base}/orders/${id}/status`, { as: packer, body: { to: 'packed' } });
      expect(packed.status).toBe(200);
      const after = (await packed.json()).order;
      expect(after.status).toBe('packed');
      // A pickup order is never "shipped".
      expect(after.nextStatuses).toEqual(['ready_for_pickup']);
      const shipped = await f.call('POST', `${base}/orders/${id}/status`, { as: packer, body: { to: 'shipped' } });
      expect(shipped.status).toBe(409);
      expect((await shipped.json()).error.code).toBe('invalid_transition');

      expect((await f.call('POST', `${base}/orders/${id}/status`, { as: packer, body: { to: 'ready_for_pickup' } })).status).toBe(200);
      // Skipping back is refused, and so is a repeat.
      expect((await f.call('POST', `${base}/orders/${id}/status`, { as: packer, body: { to: 'packed' } })).status).toBe(409);
      const done = await (await f.call('POST', `${base}/orders/${id}/status`, { as: packer, body: { to: 'completed' } })).json();
      expect(done.order.status).toBe('completed');
      const staff = done.order.history.filter((e: { reason: string }) => e.reason === 'staff_update');
      expect(staff.map((e: { to: string }) => e.to)).toEqual(['packed', 'ready_for_pickup', 'completed']);
      expect(new Set(staff.map((e: { actor: string }) => e.actor))).toEqual(new Set([`staff:${f.users.fulfilmentA.id}`]));
      const audit = await database.db.selectFrom('audit_log').select(['action', 'user_id']).where('action', '=', 'order.status').execute();
      expect(audit.map((a) => a.user_id)).toEqual([f.users.fulfilmentA.id, f.users.fulfilmentA.id, f.users.fulfilmentA.id]);
    });

    it('refuses payment moves and unknown statuses by hand, writing nothing', async () => {
      const id = f.coops.a.pendingOrder.id;
      const before = await snapshotTables(database);
      for (const to of ['paid', 'refunded', 'cancelled', 'bogus', 'packed']) {
        const response = await f.call('POST', `${base}/orders/${id}/status`, { as: packer, body: { to } });
        // An unknown target fails the schema (400); a known one the order cannot take is a conflict (409).
        expect(response.status, to).toBe(to === 'packed' ? 409 : 400);
      }
      expect((await f.call('POST', `${base}/orders/${id}/status`, { as: packer, body: { to: 'packed', extra: '<script>' } })).status).toBe(400);
      expect((await f.call('POST', `${base}/orders/${id}/status`, { as: packer, rawBody: '{"to":' })).status).toBe(400);
      expect((await f.call('POST', `${base}/orders/${id}%2F..%2F${f.coops.b.order.id}/status`, { as: packer, body: { to: 'packed' } })).status).toBe(404);
      expect(await snapshotTables(database)).toBe(before);
    });

    it('cancels only unpaid orders, giving the stock back through the order module', async () => {
      const variant = f.coops.a.soldVariant.id;
      const stock = async () =>
        Number((await database.db.selectFrom('variants').select('stock_on_hand').where('id', '=', variant).executeTakeFirstOrThrow()).stock_on_hand);
      const pending = await placeTestOrder(database, {
        cooperativeId: f.coops.a.coop.id,
        variantId: variant,
        quantity: 2,
        fulfilment: { type: 'pickup', pickupPointId: f.coops.a.pickup.id },
        key: 'cancel-me',
        paid: false,
      });
      const held = await stock();
      const cancelled = await f.call('POST', `${base}/orders/${pending.id}/cancel`, { as: packer, body: { reason: '顾客来电取消' } });
      expect(cancelled.status).toBe(200);
      expect((await cancelled.json()).order.status).toBe('cancelled');
      expect(await stock()).toBe(held + 2);
      const again = await f.call('POST', `${base}/orders/${pending.id}/cancel`, { as: packer, body: {} });
      expect(again.status).toBe(409);
      expect((await again.json()).error.code).toBe('not_cancellable');
    });

    it('refunds through the payment provider (owners only), bounded by what was paid', async () => {
      const paid = await placeTestOrder(database, {
        cooperativeId: f.coops.a.coop.id,
        variantId: f.coops.a.soldVariant.id,
        fulfilment: { type: 'pickup', pickupPointId: f.coops.a.pickup.id },
        key: 'refund-me',
      });
      const tooMuch = await f.call('POST', `${base}/orders/${paid.id}/refund`, { as: owner, body: { amountMinor: Number(paid.total_minor) + 1 } });
      expect(tooMuch.status).toBe(422);
      expect((await tooMuch.json()).error.field).toBe('amountMinor');
      expect((await f.call('POST', `${base}/orders/${paid.id}/refund`, { as: packer, body: { amountMinor: 100 } })).status).toBe(403);
      const refundsBefore = f.payments.refunds.length;
      const ok = await f.call('POST', `${base}/orders/${paid.id}/refund`, { as: owner, body: { amountMinor: 500 } });
      expect(ok.status).toBe(202);
      expect(f.payments.refunds.slice(refundsBefore)).toEqual([expect.objectContaining({ orderId: paid.id, amountMinor: 500 })]);
      const body = await ok.json();
      expect(body.order.history.at(-1)).toMatchObject({ reason: 'refund_requested', actor: `staff:${f.users.ownerA.id}` });
    });

    it('lists with status, date and search filters, and pages with a cursor', async () => {
      for (let n = 0; n < 3; n += 1) {
        await placeTestOrder(database, {
          cooperativeId: f.coops.a.coop.id,
          variantId: f.coops.a.soldVariant.id,
          fulfilment: { type: 'delivery', region: 'shandong', address: { name: '张三', phone: `138-0000-000${n}`, line1: '村口', city: '莱阳' } },
          key: `list-${n}`,
        });
      }
      const get = async (query: string) => {
        const response = await f.call('GET', `${base}/orders?${query}`, { as: packer });
        expect(response.status, query).toBe(200);
        return (await response.json()) as { items: Array<{ id: string; status: string; fulfilment: { phone: string | null } }>; nextCursor: string | null };
      };
      const byPhone = await get('q=13800000001');
      expect(byPhone.items.map((o) => o.fulfilment.phone)).toEqual(['138-0000-0001']);
      expect((await get(`q=${f.coops.a.order.id.slice(4, 12)}`)).items.map((o) => o.id)).toEqual([f.coops.a.order.id]);
      expect((await get('q=%25')).items).toEqual([]);
      expect((await get('status=cancelled')).items.every((o) => o.status === 'cancelled')).toBe(true);
      const today = new Date().toISOString().slice(0, 10);
      expect((await get(`from=${today}&to=${today}`)).items.length).toBeGreaterThanOrEqual(5);
      expect((await get('to=2000-01-01')).items).toEqual([]);
      const first = await get('limit=2');
      expect(first.items).toHaveLength(2);
      const second = await get(`limit=2&cursor=${first.nextCursor}`);
      expect(second.items.map((o) => o.id)).not.toContain(first.items[0]!.id);
      // Another cooperative's orders never show up.
      const ids = (await get('limit=200')).items.map((o) => o.id);
      expect(ids).not.toContain(f.coops.b.order.id);
      for (const bad of ['status=shipped,bogus', 'from=yesterday', 'limit=0', 'cursor=nope', 'q=' + 'x'.repeat(101)]) {
        expect((await f.call('GET', `${base}/orders?${bad}`, { as: packer })).status, bad).toBe(400);
      }
    });

    it('edits pickup points, delivery fees per region and payment methods (owners), validating fees and methods', async () => {
      const before = await snapshotTables(database);
      const bad = [
        ['POST', '/fulfilment/options', { kind: 'delivery', name: { 'zh-CN': '快递' }, flatFeeMinor: -1 }],
        ['POST', '/fulfilment/options', { kind: 'delivery', name: { 'zh-CN': '快递' }, flatFeeMinor: 12.5 }],
        ['POST', '/fulfilment/options', { kind: 'delivery', name: {}, flatFeeMinor: 100 }],
        ['POST', '/fulfilment/options', { kind: 'delivery', name: { en: 'Post' }, flatFeeMinor: 100, regionFees: { '../x': 1 } }],
        ['POST', '/fulfilment/options', { kind: 'teleport', name: { en: 'Beam' } }],
        ['PATCH', `/fulfilment/options/${f.coops.a.pickup.id}`, { kind: 'delivery' }],
        ['PUT', '/checkout-settings', { paymentMethods: ['bitcoin'], maxLineQuantity: 5 }],
        ['PUT', '/checkout-settings', { paymentMethods: [], maxLineQuantity: 5 }],
        ['PUT', '/checkout-settings', { paymentMethods: ['card', 'card'], maxLineQuantity: 5 }],
      ] as const;
      for (const [method, path, body] of bad) {
        const response = await f.call(method, `${base}${path}`, { as: owner, body });
        // Schema failures are 400; turning a pickup point into a delivery option is a rule (422).
        expect(response.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(method === 'PATCH' ? 422 : 400);
      }
      expect(await snapshotTables(database)).toBe(before);

      const created = await f.call('POST', `${base}/fulfilment/options`, {
        as: owner,
        body: { kind: 'delivery', name: { 'zh-CN': '顺丰', en: 'SF Express' }, flatFeeMinor: null, regionFees: { shandong: 600 } },
      });
      expect(created.status).toBe(201);
      const option = (await created.json()).option;
      const patched = await (
        await f.call('PATCH', `${base}/fulfilment/options/${option.id}`, { as: owner, body: { regionFees: { shandong: 500, beijing: 1800 } } })
      ).json();
      // Script tags are stored as typed and come back inert (escaped inside the JSON).
      const hostile = await f.call('PATCH', `${base}/fulfilment/options/${option.id}`, {
        as: owner,
        body: { name: { 'zh-CN': '<script>alert(1)</script>', en: 'SF Express' } },
      });
      const raw = await hostile.text();
      expect(raw).not.toContain('<script');
      expect(JSON.parse(raw).option.name['zh-CN']).toBe('<script>alert(1)</script>');
      expect(patched.option).toMatchObject({ flatFeeMinor: null, regionFees: { shandong: 500, beijing: 1800 }, name: { en: 'SF Express' } });
      expect((await f.call('PATCH', `${base}/fulfilment/options/${option.id}`, { as: owner, body: { regionFees: { shandong: -5 } } })).status).toBe(400);
      await f.call('PUT', `${base}/checkout-settings`, { as: owner, body: { paymentMethods: ['wechat_pay', 'alipay'], maxLineQuantity: 8 } });
      const settings = await (await f.call('GET', `${base}/fulfilment`, { as: packer })).json();
      expect(settings.checkout).toEqual({ paymentMethods: ['wechat_pay', 'alipay'], maxLineQuantity: 8, offlinePayment: false });
      expect(settings.options.map((o: { id: string }) => o.id)).toContain(option.id);
      expect((await f.call('DELETE', `${base}/fulfilment/options/${option.id}`, { as: owner })).status).toBe(204);
      expect((await f.call('DELETE', `${base}/fulfilment/options/${option.id}`, { as: owner })).status).toBe(404);
      const after = await (await f.call('GET', `${base}/fulfilment`, { as: owner })).json();
      expect(after.options.map((o: { id: string }) => o.id)).not.toContain(option.id);
    });
  });
}
