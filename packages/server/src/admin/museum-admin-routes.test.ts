import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_DIALECTS, type TestDatabase } from '@terroir/core/testing';
import { ingestMedia } from '@terroir/core';
import { adminFixture, type Caller } from '../../test/support/admin-test-fixture';

type Json = any;

for (const dialect of TEST_DIALECTS) {
  describe(`museum admin API on ${dialect.name} (issue 11)`, () => {
    let database: TestDatabase;
    let f: Awaited<ReturnType<typeof adminFixture>>;
    let editor: Caller;
    const M = '/admin/api/coops/coop-a/museum';
    beforeEach(async () => {
      database = await dialect.open();
      f = await adminFixture(database);
      editor = await f.sessionOf('editorA');
    });
    afterEach(() => database.destroy());

    const send = async (method: string, path: string, body?: unknown, as: Caller = editor) => {
      const res = await f.call(method, path, { as, ...(body === undefined ? {} : { body }) });
      return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as Json) };
    };

    it('creates a place with its pin, patches only what is sent, links it, and audits each write', async () => {
      const created = await send('POST', `${M}/places`, {
        slug: 'pear-orchard',
        kind: 'orchard',
        name: { 'zh-CN': '梨园', en: 'Pear orchard' },
        description: { 'zh-CN': '老树' },
        pin: { x: 0.2, y: 0.8 },
      });
      expect(created.status).toBe(201);
      const id = created.body.place.id;
      const patched = await send('PATCH', `${M}/places/${id}`, { pin: { x: 0.3, y: 0.7 } });
      expect(patched.status).toBe(200);
      expect(patched.body.place).toMatchObject({ pin: { x: 0.3, y: 0.7 }, description: { 'zh-CN': '老树' }, name: { en: 'Pear orchard' } });
      const linked = await send('PUT', `${M}/places/${id}/links`, { products: [f.coops.a.product.id], people: [f.coops.a.person.id] });
      expect(linked.status).toBe(200);
      expect((await send('GET', `${M}/places/${id}`)).body.links).toMatchObject({ products: [f.coops.a.product.id], people: [f.coops.a.person.id] });
      const actions = (await database.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute()).map((r) => r.action).sort();
      expect(actions).toEqual(['museum.links', 'museum_place.create', 'museum_place.update']);
    });

    it('refuses another cooperative’s records as links or exhibits with 422 naming the field, writing nothing', async () => {
      const place = f.coops.a.place.id;
      await send('PUT', `${M}/places/${place}/links`, { products: [f.coops.a.product.id] });
      const refused = await send('PUT', `${M}/places/${place}/links`, { products: [f.coops.a.product.id, f.coops.b.product.id] });
      expect(refused.status).toBe(422);
      expect(refused.body.error).toMatchObject({ code: 'unknown_reference', field: 'products.1' });
      expect((await send('GET', `${M}/places/${place}`)).body.links.products).toEqual([f.coops.a.product.id]);
      const hall = await send('POST', `${M}/halls`, { slug: 'x', title: { 'zh-CN': '馆' }, exhibits: [{ kind: 'person', targetId: f.coops.b.person.id }] });
      expect(hall.status).toBe(422);
      expect(hall.body.error.field).toBe('exhibits.0.targetId');
      const map = await send('PUT', `${M}/settings`, { mapMediaId: f.coops.b.media.id });
      expect(map.status).toBe(422);
      expect(map.body.error.field).toBe('mapMediaId');
      expect((await send('GET', `${M}/places/${f.coops.b.place.id}`)).status).toBe(404);
      expect((await send('DELETE', `${M}/halls/${f.coops.b.hall.id}`)).status).toBe(404);
    });

    it('answers bad input with 400 naming the field, a taken slug with 409', async () => {
      for (const [path, body, field] of [
        [`${M}/places`, { slug: 'w', kind: 'well', name: { 'zh-CN': '井' }, pin: { x: 2, y: 0 } }, 'pin.x'],
        [`${M}/places`, { slug: 'w', kind: 'volcano', name: { 'zh-CN': '井' } }, 'kind'],
        [`${M}/chronicle`, { slug: 'e', date: { precision: 'day', year: 1935, month: 2, day: 30 }, title: { 'zh-CN': '事' } }, 'date.day'],
        [`${M}/people`, { slug: 'p', name: { 'zh-CN': '人' }, born: { precision: 'year', year: 0 } }, 'born.year'],
        [`${M}/halls/${f.coops.a.hall.id}/order`, { order: 'reverse' }, 'order'],
      ] as const) {
        const res = await send(path.endsWith('/order') ? 'PUT' : 'POST', path, body);
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.body.error.field, JSON.stringify(body)).toBe(field);
      }
      expect((await send('POST', `${M}/people`, { slug: 'wang-weaver', name: { 'zh-CN': '王' } })).status).toBe(409);
      expect((await send('POST', `${M}/chronicle`, { slug: 'stone-bridge', date: { precision: 'year', year: 1900 }, title: { 'zh-CN': '桥' } })).status).toBe(
        409,
      );
    });

    it('orders hall exhibits and lets owners and editors write, not fulfilment staff', async () => {
      const created = await send('POST', `${M}/halls`, {
        slug: 'village-hall',
        title: { 'zh-CN': '村史馆' },
        exhibits: [
          { kind: 'place', targetId: f.coops.a.place.id },
          { kind: 'chronicle', targetId: f.coops.a.chronicle.id, caption: { 'zh-CN': '1935年' } },
          { kind: 'product', targetId: f.coops.a.product.id },
        ],
      });
      expect(created.status).toBe(201);
      const reordered = await send('PUT', `${M}/halls/${created.body.hall.id}/order`, { order: [2, 1, 0] });
      expect(reordered.body.hall.exhibits.map((e: Json) => e.kind)).toEqual(['product', 'chronicle', 'place']);
      expect((await send('PUT', `${M}/halls/${created.body.hall.id}/order`, { order: [0, 0, 1] })).status).toBe(422);
      const fulfilment = await f.sessionOf('fulfilmentA');
      expect((await send('POST', `${M}/places`, { slug: 'z', kind: 'other', name: { 'zh-CN': '地' } }, fulfilment)).status).toBe(403);
      expect((await send('GET', `${M}/halls`, undefined, fulfilment)).status).toBe(403);
      const owner = await f.sessionOf('ownerA');
      expect((await send('DELETE', `${M}/places/${f.coops.a.place.id}`, undefined, owner)).status).toBe(204);
      // Deleting the place removed its exhibit.
      expect((await send('GET', `${M}/halls/${created.body.hall.id}`)).body.hall.exhibits.map((e: Json) => e.kind)).toEqual(['product', 'chronicle']);
    });

    it('keeps a person’s voice recordings and an entry’s media in order, refusing a picture as a recording with 422 naming the field', async () => {
      const tone = Buffer.alloc(44 + 1600);
      tone.write('RIFFxxxxWAVEfmt ', 0, 'latin1');
      tone.writeUInt32LE(16, 16);
      tone.writeUInt16LE(1, 20);
      tone.writeUInt16LE(1, 22);
      tone.writeUInt32LE(8000, 24);
      tone.writeUInt32LE(16000, 28);
      tone.writeUInt16LE(2, 32);
      tone.writeUInt16LE(16, 34);
      tone.write('data', 36, 'latin1');
      tone.writeUInt32LE(1600, 40);
      const add = async (coopId: string, bytes: Buffer) => (await ingestMedia(database.db, f.storage, { cooperativeId: coopId, bytes })).item.id;
      const voice = await add(f.coops.a.coop.id, tone);
      const other = await add(f.coops.a.coop.id, Buffer.concat([tone, Buffer.alloc(2)]));
      const picture = f.coops.a.media.id;
      const person = f.coops.a.person.id;

      const saved = await send('PATCH', `${M}/people/${person}`, { recordings: [other, voice] });
      expect(saved.status).toBe(200);
      expect(saved.body.person.recordings).toEqual([other, voice]);
      const wrong = await send('PATCH', `${M}/people/${person}`, { recordings: [voice, picture] });
      expect(wrong.status).toBe(422);
      expect(wrong.body.error).toMatchObject({ code: 'wrong_media_kind', field: 'recordings.1', message: `${picture} is an image; audio is needed here` });
      const foreign = await send('POST', `${M}/people`, { slug: 'new', name: { 'zh-CN': '新' }, recordings: [f.coops.b.media.id] });
      expect(foreign.body.error).toMatchObject({ code: 'unknown_reference', field: 'recordings.0' });
      expect((await send('PATCH', `${M}/people/${person}`, { recordings: [voice, voice] })).body.error.field).toBe('recordings');
      expect((await send('GET', `${M}/people/${person}`)).body.person.recordings).toEqual([other, voice]);

      const entry = await send('POST', `${M}/chronicle`, {
        slug: 'loom',
        date: { precision: 'year', year: 1958 },
        title: { 'zh-CN': '织机' },
        media: [picture, voice],
      });
      expect(entry.status).toBe(201);
      expect(entry.body.entry.media).toEqual([picture, voice]);
      // A patch that leaves media out keeps them; another cooperative's picture is refused.
      expect((await send('PATCH', `${M}/chronicle/${entry.body.entry.id}`, { title: { en: 'The loom' } })).body.entry.media).toEqual([picture, voice]);
      const refused = await send('PATCH', `${M}/chronicle/${entry.body.entry.id}`, { media: [voice, f.coops.b.media.id] });
      expect(refused.status).toBe(422);
      expect(refused.body.error).toMatchObject({ code: 'unknown_reference', field: 'media.1' });
    });
  });
}
